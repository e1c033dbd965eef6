// The durable delivery queue (the lazily loaded delivery stage): write before send (IndexedDB), lease
// don't delete, one lane per transport with its own backoff, one flusher across tabs, unload hand-off,
// and a memory fallback when storage fails. The parts, one file each: lane.ts (claim, send, settle),
// send.ts, plan.ts, report.ts, unload.ts, serial.ts, cross-tab.ts, and the storage in store.ts,
// idb-store.ts, resilient-store.ts. Lazy chunks: rare.ts (failed sends: outcomes.ts, retry.ts, policy.ts;
// the v1 migration: migrate-v1.ts) and dead-letter-admin.ts. See docs/delivery.md.
import type { DeadLetterFilter } from '../api'
import type { ResponseRecord } from '../model'
import { TouchloopConfigError } from '../transport'
import { createCrossTab } from './cross-tab'
import type { DeadLetterAdminContext } from './dead-letter-admin'
import { queueDatabaseName } from './hint'
import { createIdbStore } from './idb-store'
import { createLane } from './lane'
import { createResilientStore } from './resilient-store'
import { createMemoryStore } from './store'
import type { Delivery, DeliveryOptions } from './types'

export type { Delivery, DeliveryOptions, Emit } from './types'

/** The dead-letter admin is a lazy chunk: app code calls it rarely, so it costs nothing at page load. */
const loadAdmin = () => import('./dead-letter-admin')

export function createDelivery(options: DeliveryOptions): Delivery {
  const { env, transports } = options
  const emit: DeliveryOptions['emit'] = (event, payload) => {
    try {
      options.emit(event, payload)
    } catch {
      // A throwing listener must not stop delivery.
    }
  }
  const names = transports.map((transport) => transport.name)
  const duplicate = names.find((name, index) => names.indexOf(name) !== index)
  if (duplicate !== undefined) {
    throw new TouchloopConfigError(
      'delivery/duplicate-transport-name',
      `Two transports are named "${duplicate}". Each transport needs its own name: it names its queue (e.g. createHttpTransport({ url, name: 'backup' })).`,
    )
  }
  const dbName = queueDatabaseName(options.storageKey)
  const timeoutMs = options.timeoutMs ?? 10_000
  const store = createResilientStore(
    () =>
      options.store ??
      (options.persistence === 'memory'
        ? createMemoryStore()
        : createIdbStore({
            dbName,
            openTimeoutMs: options.openTimeoutMs ?? 3_000,
            setTimeout: env.setTimeout,
            indexedDB: options.indexedDB,
          })),
    (reason, error) => {
      emit('delivery:degraded', { reason })
      if (reason !== 'indexeddb-missing')
        emit('error', { message: `touchloop delivery: storage failed (${reason}), queue kept in memory`, error })
    },
  )
  const crossTab = createCrossTab(
    dbName,
    options,
    () => !store.degraded,
    (message) => {
      const lane = lanes.find((each) => each.name === message?.transport)
      if (message?.type === 'pause') lane?.pause(message.until)
      else void lane?.run()
    },
  )
  let seq = 0
  // Time-based so items of every tab sort in enqueue order; the counter orders one tab's bursts.
  const nextSeq = () => env.now() * 1024 + (seq++ % 1024)
  const limits = options.limits
  const lanes = transports.map((transport) =>
    createLane(transport, {
      env,
      emit,
      store,
      limits: {
        maxItems: limits?.maxItems ?? 1_000,
        maxBytes: limits?.maxBytes ?? 5_000_000,
        maxAgeMs: limits?.maxAgeMs ?? 7 * 24 * 60 * 60 * 1000,
        maxAttempts: limits?.maxAttempts ?? 50,
      },
      backoff: options.backoff,
      batchSize: options.batchSize ?? 50,
      timeoutMs,
      leaseMs: Math.max(options.leaseMs ?? 30_000, timeoutMs + 1_000),
      unloadBudgetBytes: options.unloadBudgetBytes ?? 60_000,
      exclusive: crossTab.exclusive,
      announcePause: (transport, until) => crossTab.post({ type: 'pause', transport, until }),
      nextSeq,
    }),
  )
  let destroyed = false
  /** Wakes a transport's lane, here and in other tabs. */
  const nudge = (transport: string) => {
    crossTab.post({ type: 'nudge', transport })
    void lanes.find((lane) => lane.name === transport)?.run()
  }
  const admin: DeadLetterAdminContext = {
    store,
    ConfigError: TouchloopConfigError,
    transports: new Set(names),
    now: () => env.now(),
    nextSeq,
    destroyed: () => destroyed,
    nudge,
  }

  const unsubscribe = [
    env.onOnline(() => {
      for (const lane of lanes) void lane.retryNow()
    }),
    env.onVisibilityChange((visible) => {
      if (!visible) return
      for (const lane of lanes) {
        lane.visible()
        void lane.retryNow()
      }
    }),
    env.onPageHide(() => {
      for (const lane of lanes) lane.unload()
    }),
  ]

  // Startup: learn what an earlier visit left (for unload), then flush it.
  const ready = (lanes.length > 0 ? store.mutate(undefined, () => ({ result: undefined })) : Promise.resolve())
    .catch(() => {})
    .then(() => {
      if (!destroyed) for (const lane of lanes) void lane.run()
    })

  return {
    async enqueue(record: ResponseRecord): Promise<void> {
      if (destroyed) return
      const bytes = JSON.stringify(record).length
      await Promise.all(lanes.map((lane) => lane.enqueue(record, bytes)))
      if (!destroyed) for (const name of names) nudge(name)
    },
    async flush(): Promise<void> {
      await ready
      await Promise.all(lanes.map((lane) => lane.trim()))
      await Promise.all(lanes.map((lane) => lane.retryNow()))
    },
    deadLetters: async () => (await loadAdmin()).listDeadLetters(store),
    retryDeadLetters: async (filter?: DeadLetterFilter) => (await loadAdmin()).retryDeadLetters(admin, filter),
    discardDeadLetters: async (filter?: DeadLetterFilter) => (await loadAdmin()).discardDeadLetters(admin, filter),
    destroy(): void {
      if (destroyed) return
      destroyed = true
      for (const off of unsubscribe) off()
      for (const lane of lanes) lane.destroy()
      crossTab.close()
      store.close()
    },
  }
}
