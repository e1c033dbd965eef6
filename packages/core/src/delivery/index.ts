// The durable delivery queue: write before send (IndexedDB), lease don't delete, per-transport lanes
// with backoff, one flusher across tabs (Web Locks + BroadcastChannel nudge), unload hand-off, and a
// memory fallback when storage fails. See docs/delivery.md.
import type { DeadLetterFilter } from '../api'
import type { ResponseRecord } from '../model'
import { TouchloopConfigError } from '../transport'
import type { DeadLetterAdminContext } from './dead-letter-admin'
import { queueDatabaseName } from './hint'
import { createIdbStore } from './idb-store'
import { createLane, type Lane } from './lane'
import { DEFAULT_BACKOFF } from './policy'
import { createResilientStore } from './resilient-store'
import { createMemoryStore } from './store'
import type { Delivery, DeliveryOptions } from './types'

export { createDeadLetterMethods } from './dead-letters'
export { classifyStatus, parseRetryAfter } from './policy'
export type { Delivery, DeliveryOptions, Emit } from './types'

const DAY = 24 * 60 * 60 * 1000
/** The dead-letter admin is a lazy chunk: app code calls it rarely, so it costs nothing at page load. */
const loadAdmin = () => import('./dead-letter-admin')
type Message = { type: 'nudge'; transport: string } | { type: 'pause'; transport: string; until: number }

export function createDelivery(options: DeliveryOptions): Delivery {
  const { env } = options
  const emit: DeliveryOptions['emit'] = (event, payload) => {
    try {
      options.emit(event, payload)
    } catch {
      // A throwing listener must not stop delivery.
    }
  }
  const names = options.transports.map((transport) => transport.name)
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
  const shared = store.kind === 'indexeddb'
  const locks =
    options.locks === undefined ? (typeof navigator === 'undefined' ? undefined : navigator.locks) : options.locks
  let channel: BroadcastChannel | undefined
  if (shared && options.broadcast !== null) {
    try {
      channel = options.broadcast ? options.broadcast(dbName) : new BroadcastChannel(dbName)
    } catch {
      channel = undefined
    }
  }
  let seq = 0
  // Time-based so items of every tab sort in enqueue order; the counter orders one tab's bursts.
  const nextSeq = () => env.now() * 1024 + (seq++ % 1024)
  const lanes: Lane[] = options.transports.map((transport) =>
    createLane(transport, {
      env,
      emit,
      store,
      limits: {
        maxItems: options.limits?.maxItems ?? 1_000,
        maxBytes: options.limits?.maxBytes ?? 5_000_000,
        maxAgeMs: options.limits?.maxAgeMs ?? 7 * DAY,
        maxAttempts: options.limits?.maxAttempts ?? 50,
      },
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      batchSize: options.batchSize ?? 50,
      timeoutMs,
      leaseMs: Math.max(options.leaseMs ?? 30_000, timeoutMs + 1_000),
      unloadBudgetBytes: options.unloadBudgetBytes ?? 60_000,
      exclusive: (name, task) =>
        // One flusher per transport across tabs; the lease claim inside a transaction keeps it correct without.
        locks && !store.degraded ? locks.request(`${dbName}:${name}`, task).then(() => {}) : task(),
      announcePause: (name, until) => post({ type: 'pause', transport: name, until }),
      nextSeq,
    }),
  )
  const laneByName = new Map(lanes.map((lane) => [lane.name, lane]))
  let destroyed = false
  const admin: DeadLetterAdminContext = {
    store,
    ConfigError: TouchloopConfigError,
    transports: new Set(laneByName.keys()),
    now: () => env.now(),
    nextSeq,
    destroyed: () => destroyed,
    nudge(name) {
      post({ type: 'nudge', transport: name })
      void laneByName.get(name)?.run()
    },
  }

  function post(message: Message): void {
    try {
      channel?.postMessage(message)
    } catch {
      // A closed channel only loses a nudge; the lease and timers still deliver.
    }
  }
  if (channel) {
    channel.onmessage = (event: MessageEvent<Message>) => {
      const lane = laneByName.get(event.data?.transport)
      if (!lane) return
      if (event.data.type === 'pause') lane.pause(event.data.until)
      else void lane.run()
    }
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
      if (destroyed) return
      for (const lane of lanes) {
        post({ type: 'nudge', transport: lane.name })
        void lane.run()
      }
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
      channel?.close()
      store.close()
    },
  }
}
