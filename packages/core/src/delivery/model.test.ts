// Model-based test: random interleavings of enqueue, flush, crash (drop the instance, start a new one
// on the same store), clock ticks, connectivity and server answers. Then the network heals and we
// check the delivery promise: every answer is delivered, dead-lettered or dropped with a reason (or
// superseded by a newer revision of its response that is), records never change, and no item is sent
// again while an earlier send of it still holds its lease. On IndexedDB a second tab writes and flushes
// the same queue, interleaved with the first, and the page-load hint (hint.ts) must never read "empty"
// while an item is queued, and must read "empty" once everything is delivered.

import { IDBFactory } from 'fake-indexeddb'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ResponseRecord } from '../model'
import type { DeliveryItem, SendResult, Transport } from '../transport'
import { queueDatabaseName } from './hint'
import { createDelivery } from './index'
import { createMemoryStore, type StoredItem } from './store'
import { createFakeEnvironment, makeRecord } from './testing'
import type { Delivery } from './types'

const LEASE_MS = 20_000
const TIMEOUT_MS = 5_000

type Command =
  | { type: 'enqueue'; response: number }
  | { type: 'flush' }
  | { type: 'crash'; arrived: boolean }
  | { type: 'tick'; ms: number }
  | { type: 'online'; online: boolean }
  | { type: 'answer'; pick: number; answer: number; retryAfter: string | undefined }
  /** The second tab enqueues without waiting: its write interleaves with the next steps. */
  | { type: 'other-tab'; response: number }

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('enqueue' as const), response: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('flush' as const) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('other-tab' as const), response: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('crash' as const), arrived: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 30_000 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('online' as const), online: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('answer' as const),
      pick: fc.nat(),
      answer: fc.nat(9),
      retryAfter: fc.option(fc.constantFrom('1', '30', 'garbage', '99999'), { nil: undefined }),
    }),
  },
)

interface Request {
  batch: DeliveryItem[]
  /** Item key → the lease (leaseUntil) the item held in the store when this send started. */
  leases: Map<string, number>
  closed: boolean
  crashed?: boolean
  resolve(result: SendResult): void
}

async function settleTasks(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

/** The queue as stored: the shared memory store, or a second connection to the IndexedDB database. */
function createStorage(kind: 'memory' | 'indexeddb') {
  if (kind === 'memory') {
    const store = createMemoryStore()
    return { options: { store }, snapshot: async () => [...store.items.values()], turns: 5, close() {} }
  }
  const factory = new IDBFactory()
  let connection: Promise<IDBDatabase> | undefined
  const open = () =>
    (connection ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('touchloop-delivery')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    }))
  return {
    // The fake clock jumps in big ticks; an open that takes a few real milliseconds must not time out.
    options: { indexedDB: factory, openTimeoutMs: 365 * 24 * 3_600_000 },
    async snapshot(): Promise<StoredItem[]> {
      const db = await open()
      if (!db.objectStoreNames.contains('queue')) return []
      return new Promise((resolve, reject) => {
        const request = db
          .transaction('queue')
          .objectStore('queue')
          .getAll(IDBKeyRange.bound('q\u0001', 'q\u0002', false, true))
        request.onsuccess = () => resolve(request.result as StoredItem[])
        request.onerror = () => reject(request.error)
      })
    },
    turns: 25,
    close() {
      void connection?.then((db) => db.close())
    },
  }
}

async function runScenario(commands: Command[], kind: 'memory' | 'indexeddb' = 'memory'): Promise<void> {
  const env = createFakeEnvironment()
  const storage = createStorage(kind)
  const settleMicrotasks = () => settleTasks(storage.turns)
  const enqueued = new Map<string, ResponseRecord>()
  const revisions = new Map<string, number>()
  const ids = Array.from({ length: 5 }, () => makeRecord().id)
  const received = new Set<string>() // stored by the backend
  const accounted = new Set<string>() // dead-lettered or dropped with a reason
  const sends: Request[] = []
  const pending: Request[] = []
  const violations: string[] = []
  let healed = false

  const deliver = (request: Request, result: SendResult) => {
    request.closed = true
    pending.splice(pending.indexOf(request), 1)
    request.resolve(result)
  }
  const store200 = (request: Request) => {
    for (const item of request.batch) received.add(item.key)
  }

  const makeTransport = (): Transport => ({
    name: 'http',
    maxBatchSize: 3,
    async send(batch, context) {
      const now = env.now()
      // The lease this send holds, as stored (read before anything else can change it).
      const stored = await storage.snapshot()
      if (context.signal.aborted) throw context.signal.reason // never left the page
      const leases = new Map<string, number>()
      for (const item of batch) {
        if (JSON.stringify(item.record) !== JSON.stringify(enqueued.get(item.key)))
          violations.push(`${item.key} changed`)
        // It must outlast the send's timeout.
        const leaseUntil = stored.find((each) => each.key === item.key)?.leaseUntil ?? 0
        leases.set(item.key, leaseUntil)
        if (leaseUntil < now + TIMEOUT_MS) violations.push(`${item.key} sent with too little lease left`)
        for (const earlier of sends) {
          const earlierLease = earlier.leases.get(item.key)
          if (!earlier.closed && earlierLease !== undefined && now < earlierLease) {
            violations.push(`${item.key} sent again within its lease`)
          }
        }
      }
      return new Promise<SendResult>((resolve, reject) => {
        const request: Request = { batch, leases, closed: false, resolve }
        sends.push(request)
        if (healed) {
          store200(request)
          request.closed = true
          return resolve({ status: 200 })
        }
        pending.push(request)
        context.signal.addEventListener('abort', () => {
          if (!request.crashed) request.closed = true
          const index = pending.indexOf(request)
          if (index >= 0) pending.splice(index, 1)
          reject(context.signal.reason)
        })
      })
    },
  })

  const emit = ((event: string, payload: { keys?: string[] }) => {
    if (event === 'delivery:degraded') violations.push('the queue left its store')
    if (event === 'delivery:dead-letter' || event === 'delivery:dropped') {
      for (const key of payload.keys ?? []) accounted.add(key)
    }
  }) as Parameters<typeof createDelivery>[0]['emit']

  const start = (transport = makeTransport()): Delivery =>
    createDelivery({
      transports: [transport],
      env,
      emit,
      ...storage.options,
      locks: null,
      broadcast: null,
      timeoutMs: TIMEOUT_MS,
      leaseMs: LEASE_MS,
      limits: { maxItems: 6, maxAttempts: 5, maxAgeMs: 60 * 60_000 },
    })
  let delivery = start()
  // A second tab on the same IndexedDB queue (the memory store is one tab's own: no second tab there).
  // It is offline: every send it tries fails, so its claims, releases and retries interleave with the
  // first tab's, while the lease checks above stay about the one tab that reaches the backend.
  const offline: Transport = {
    name: 'http',
    maxBatchSize: 3,
    send: async () => {
      throw new TypeError('Failed to fetch')
    },
  }
  const otherTab = kind === 'indexeddb' ? start(offline) : undefined
  const otherWrites: Promise<void>[] = []
  const hintKey = `${queueDatabaseName()}:waiting`
  localStorage.removeItem(hintKey)
  const checkHint = async (when: string) => {
    if (kind !== 'indexeddb') return
    const queued = await storage.snapshot()
    if (queued.length > 0 && localStorage.getItem(hintKey) === '0') {
      violations.push(`the hint says "empty" with ${queued.length} item(s) queued (${when})`)
    }
  }

  const answers: Array<(request: Request, retryAfter?: string) => SendResult | 'throw'> = [
    (request) => {
      store200(request)
      return { status: 200 }
    },
    (request) => {
      store200(request)
      return { status: 204 }
    },
    () => 'throw',
    () => ({ status: 500 }),
    (_r, retryAfter) => ({ status: 503, retryAfter }),
    (_r, retryAfter) => ({ status: 429, retryAfter }),
    () => ({ status: 400, reason: 'invalid_body' }),
    () => ({ status: 413 }),
    (request) => {
      // Per-item: the first item is rejected, the others stored.
      const [first, ...rest] = request.batch
      for (const item of rest) received.add(item.key)
      return { status: 200, items: { [first!.key]: { status: 422, reason: 'invalid record' } } }
    },
    (request) => {
      // Per-item: the first item must be retried, the others stored.
      const [first, ...rest] = request.batch
      for (const item of rest) received.add(item.key)
      return { status: 200, items: { [first!.key]: { status: 503 } } }
    },
  ]

  for (const step of commands) {
    switch (step.type) {
      case 'enqueue': {
        const id = ids[step.response]!
        const revision = (revisions.get(id) ?? -1) + 1
        revisions.set(id, revision)
        const record = makeRecord({ id, revision, answers: { q: revision } })
        enqueued.set(`${id}:${revision}`, record)
        await delivery.enqueue(record)
        break
      }
      case 'flush':
        void delivery.flush()
        break
      case 'other-tab': {
        if (!otherTab) break
        const id = ids[step.response]!
        const revision = (revisions.get(id) ?? -1) + 1
        revisions.set(id, revision)
        const record = makeRecord({ id, revision, answers: { q: revision } })
        enqueued.set(`${id}:${revision}`, record)
        otherWrites.push(otherTab.enqueue(record))
        break
      }
      case 'crash': {
        for (const request of pending.slice()) if (step.arrived) store200(request)
        // A crashed page does not close its requests: they stay open (and may still arrive).
        for (const request of pending) request.crashed = true
        delivery.destroy()
        delivery = start()
        break
      }
      case 'tick':
        env.advance(step.ms)
        break
      case 'online':
        env.setOnline(step.online)
        break
      case 'answer': {
        if (pending.length === 0) break
        const request = pending[step.pick % pending.length]!
        const result = answers[step.answer]!(request, step.retryAfter)
        if (result === 'throw') {
          request.closed = true
          pending.splice(pending.indexOf(request), 1)
          request.resolve(Promise.reject(new TypeError('Failed to fetch')) as unknown as SendResult)
        } else deliver(request, result)
        break
      }
    }
    await settleMicrotasks()
    await checkHint(step.type)
  }
  await Promise.all(otherWrites)
  await checkHint('all writes done')

  // Heal: online, every request answered 200, time passes (leases expire, pauses end).
  healed = true
  for (const request of pending.slice()) {
    store200(request)
    deliver(request, { status: 200 })
  }
  env.setOnline(true)
  for (let round = 0; round < 30 && (await storage.snapshot()).length > 0; round++) {
    env.advance(10 * 60_000)
    await settleMicrotasks()
    await delivery.flush()
  }
  delivery.destroy()
  otherTab?.destroy()
  if (kind === 'indexeddb') expect(localStorage.getItem(hintKey), 'the hint once every answer is delivered').toBe('0')

  expect(violations).toEqual([])
  expect((await storage.snapshot()).map((item) => item.key)).toEqual([])
  storage.close()
  const done = (key: string) => received.has(key) || accounted.has(key)
  for (const [key, record] of enqueued) {
    const newest = revisions.get(record.id)!
    const superseded = [...enqueued.values()].some(
      (r) => r.id === record.id && r.revision > record.revision && done(`${r.id}:${r.revision}`),
    )
    if (!done(key) && !superseded)
      throw new Error(`${key} (newest revision ${newest}) was neither delivered nor accounted for`)
  }
}

describe('delivery model', () => {
  it('every answer is delivered, dead-lettered or dropped with a reason; never twice within a lease', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 40 }), (commands) => runScenario(commands, 'memory')),
      { numRuns: 150 },
    )
  }, 120_000)

  it('the same, on IndexedDB (fake-indexeddb): transactional claims, a new connection after each crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), (commands) => runScenario(commands, 'indexeddb')),
      { numRuns: 40 },
    )
  }, 120_000)
})
