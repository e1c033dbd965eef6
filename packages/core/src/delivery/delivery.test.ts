import { describe, expect, it, vi } from 'vitest'
import { createDelivery } from './index'
import { createMemoryStore } from './store'
import { type Answer, createEventLog, createFakeEnvironment, createScriptedTransport, makeRecord } from './testing'
import type { DeliveryOptions } from './types'

function setup(answers: Answer[], overrides: Partial<DeliveryOptions> = {}) {
  const env = createFakeEnvironment()
  const log = createEventLog()
  const transport = createScriptedTransport('test', answers)
  const store = createMemoryStore()
  const delivery = createDelivery({
    transports: [transport],
    env,
    emit: log.emit,
    store,
    locks: null,
    broadcast: null,
    ...overrides,
  })
  return { env, log, transport, store, delivery }
}

describe('status matrix', () => {
  it.each([200, 201, 202, 204])('%i delivers and deletes', async (status) => {
    const { delivery, log, store, transport } = setup([{ status }])
    const record = makeRecord()
    await delivery.enqueue(record)
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
    expect(log.of('delivery:sent')).toEqual([{ transport: 'test', keys: [`${record.id}:1`] }])
    expect(store.items.size).toBe(0)
  })

  it.each([
    [{ status: 0 } as Answer, 'status 0'],
    [new TypeError('Failed to fetch'), 'network error: Failed to fetch'],
    [{ status: 408 }, 'status 408'],
    [{ status: 425 }, 'status 425'],
    [{ status: 500 }, 'status 500'],
    [{ status: 502 }, 'status 502'],
    [{ status: 504 }, 'status 504'],
  ])('%o is retried with backoff, kept, then delivered', async (answer, reason) => {
    const { delivery, log, store, transport, env } = setup([answer, { status: 200 }])
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    const [retry] = log.of('delivery:retry')
    expect(retry).toMatchObject({ attempt: 1, reason })
    expect(retry!.delayMs).toBeGreaterThanOrEqual(0)
    expect(store.items.size).toBe(1)
    expect([...store.items.values()][0]).toMatchObject({ leaseUntil: 0, attempts: 1 })
    // The backoff timer delivers without any help.
    env.advance(retry!.delayMs + 1)
    await delivery.flush()
    expect(transport.calls).toHaveLength(2)
    expect(transport.calls[1]!.batch[0]!.attempt).toBe(2)
    expect(store.items.size).toBe(0)
  })

  it('a timeout aborts the request and retries', async () => {
    let signal: AbortSignal | undefined
    const { delivery, log, env } = setup(
      [
        (_batch, context) => {
          signal = context.signal
          return new Promise(() => {})
        },
        { status: 200 },
      ],
      { timeoutMs: 5_000 },
    )
    await delivery.enqueue(makeRecord())
    const flushed = delivery.flush()
    await Promise.resolve()
    await new Promise((resolve) => setTimeout(resolve, 0))
    env.advance(5_000)
    await flushed
    expect(signal?.aborted).toBe(true)
    expect(log.of('delivery:retry')[0]).toMatchObject({ reason: 'timeout' })
  })

  it.each([
    [400, 'bad survey'],
    [404, 'rejected with status 404'],
    [501, 'rejected with status 501'],
    [505, 'rejected with status 505'],
  ])('%i goes to the dead-letter store with its reason', async (status, reason) => {
    const { delivery, log, store } = setup([{ status, ...(status === 400 ? { reason: 'bad survey' } : {}) }])
    const record = makeRecord()
    await delivery.enqueue(record)
    await delivery.flush()
    expect(log.of('delivery:dead-letter')).toEqual([{ transport: 'test', keys: [`${record.id}:1`], reason, status }])
    expect(store.items.size).toBe(0)
    expect(await delivery.deadLetters()).toMatchObject([{ key: `${record.id}:1`, reason, status }])
  })

  it('413 halves the batch until it fits (then grows it back), and dead-letters a single item', async () => {
    const { delivery, log, transport, env } = setup([
      (batch) => ({ status: batch.length > 1 ? 413 : batch[0]!.record.answers.big ? 413 : 200 }),
    ])
    env.setOnline(false)
    await delivery.enqueue(makeRecord())
    await delivery.enqueue(makeRecord({ answers: { big: 'x'.repeat(100) } }))
    await delivery.enqueue(makeRecord())
    env.setOnline(true)
    await delivery.flush()
    expect(transport.calls.map((call) => call.batch.length)).toEqual([3, 2, 1, 2, 1, 1])
    expect(log.of('delivery:sent').flatMap((e) => e.keys)).toHaveLength(2)
    expect(log.of('delivery:dead-letter')).toMatchObject([{ status: 413, reason: 'payload too large for the backend' }])
  })

  it('429 with Retry-After seconds pauses the whole queue, even for flush()', async () => {
    const { delivery, log, transport, env, store } = setup([{ status: 429, retryAfter: '120' }, { status: 200 }])
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(log.of('delivery:retry')[0]).toMatchObject({ delayMs: 120_000, reason: 'status 429' })
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
    env.advance(119_000)
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
    env.advance(1_000)
    await delivery.flush()
    expect(transport.calls).toHaveLength(2)
    expect(transport.calls[1]!.batch).toHaveLength(2)
    expect(store.items.size).toBe(0)
  })

  it.each([
    ['an HTTP date', (now: number) => new Date(now + 30_000).toUTCString(), 30_000],
    ['garbage (falls back to backoff)', () => 'tomorrow-ish', 500],
    ['a huge value (clamped)', () => '86400000', 600_000],
  ])('503 with Retry-After as %s', async (_label, header, delayMs) => {
    const { delivery, log, env } = setup([])
    const transport = createScriptedTransport('x', [{ status: 503, retryAfter: header(env.now()) }])
    const other = createDelivery({
      transports: [transport],
      env,
      emit: log.emit,
      store: createMemoryStore(),
      locks: null,
    })
    await other.enqueue(makeRecord())
    await other.flush()
    expect(log.of('delivery:retry')[0]).toMatchObject({ delayMs, reason: 'status 503' })
    delivery.destroy()
    other.destroy()
  })

  it('429 without Retry-After backs off with full jitter', async () => {
    const { delivery, log } = setup([{ status: 429 }])
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    // random() is 0.5 in the fake environment: half of the 1 s base window.
    expect(log.of('delivery:retry')[0]).toMatchObject({ delayMs: 500 })
  })

  it('per-item results refine a 200 batch', async () => {
    const a = makeRecord()
    const b = makeRecord()
    const c = makeRecord()
    const { delivery, log, store, env } = setup([
      {
        status: 200,
        items: { [`${b.id}:1`]: { status: 422, reason: 'answers.score: too big' }, [`${c.id}:1`]: { status: 503 } },
      },
      { status: 200 },
    ])
    env.setOnline(false)
    await delivery.enqueue(a)
    await delivery.enqueue(b)
    await delivery.enqueue(c)
    env.setOnline(true)
    await delivery.flush()
    const sent = log.of('delivery:sent').flatMap((e) => e.keys)
    expect(sent).toContain(`${a.id}:1`)
    expect(log.of('delivery:dead-letter')).toMatchObject([{ keys: [`${b.id}:1`], reason: 'answers.score: too big' }])
    expect(log.of('delivery:retry').flatMap((e) => e.keys)).toContain(`${c.id}:1`)
    expect(store.items.size).toBe(1)
  })
})

describe('queue behaviour', () => {
  it('navigator.onLine === false pauses; online retries at once', async () => {
    const { delivery, env, transport, store } = setup([{ status: 200 }])
    env.setOnline(false)
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(transport.calls).toHaveLength(0)
    expect(store.items.size).toBe(1)
    env.setOnline(true)
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
    expect(store.items.size).toBe(0)
  })

  it('flush() and becoming visible skip the client backoff', async () => {
    const { delivery, env, transport } = setup([{ status: 500 }, { status: 500 }, { status: 200 }])
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
    await delivery.flush()
    expect(transport.calls).toHaveLength(2)
    env.setVisible(false)
    env.setVisible(true)
    await delivery.flush()
    expect(transport.calls).toHaveLength(3)
  })

  it('batches by the transport maxBatchSize and the batchSize option', async () => {
    const env = createFakeEnvironment()
    const log = createEventLog()
    const transport = createScriptedTransport('t', [{ status: 200 }], { maxBatchSize: 3 })
    env.setOnline(false)
    const delivery = createDelivery({
      transports: [transport],
      env,
      emit: log.emit,
      store: createMemoryStore(),
      locks: null,
    })
    for (let i = 0; i < 7; i++) await delivery.enqueue(makeRecord())
    env.setOnline(true)
    await delivery.flush()
    expect(transport.calls.map((call) => call.batch.length)).toEqual([3, 3, 1])
    // Same items → same idempotency key; different batches → different keys.
    expect(new Set(transport.calls.map((call) => call.context.idempotencyKey)).size).toBe(3)
  })

  it('enqueueing the same id and revision twice keeps the stored item (and its lease) untouched', async () => {
    let release: (value: { status: number }) => void = () => {}
    const { delivery, transport, store } = setup([() => new Promise((resolve) => (release = resolve))])
    const record = makeRecord()
    await delivery.enqueue(record)
    await new Promise((resolve) => setTimeout(resolve, 0))
    const leased = [...store.items.values()][0]!
    expect(leased.leaseUntil).toBeGreaterThan(0)
    await delivery.enqueue({ ...record })
    expect([...store.items.values()]).toEqual([leased])
    release({ status: 200 })
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
    expect(store.items.size).toBe(0)
  })

  it('a newer pending revision supersedes an older one, never the one in flight', async () => {
    let release: (value: { status: number }) => void = () => {}
    const { delivery, transport, env } = setup([() => new Promise((resolve) => (release = resolve)), { status: 200 }])
    const shown = makeRecord({ revision: 0, event: 'shown' })
    await delivery.enqueue(shown)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(transport.calls).toHaveLength(1) // revision 0 in flight
    await delivery.enqueue({ ...shown, revision: 1, event: 'answered' })
    await delivery.enqueue({ ...shown, revision: 2, event: 'completed' })
    release({ status: 200 })
    await delivery.flush()
    expect(transport.calls.map((call) => call.batch.map((item) => item.key))).toEqual([
      [`${shown.id}:0`],
      [`${shown.id}:2`],
    ])
    expect(env.pendingTimers()).toBe(0)
  })

  it('limits evict the oldest not in flight, emit delivery:dropped and report counts in the next batch', async () => {
    const { delivery, env, transport, log, store } = setup([{ status: 200 }], {
      limits: { maxItems: 2, maxAgeMs: 60_000 },
    })
    env.setOnline(false)
    const records = [makeRecord(), makeRecord(), makeRecord()]
    for (const record of records) await delivery.enqueue(record)
    await delivery.flush() // offline: settles at once, after the trim that applies the limits
    expect(log.of('delivery:dropped')).toEqual([
      { transport: 'test', keys: [`${records[0]!.id}:1`], reason: 'max-items' },
    ])
    env.advance(61_000)
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(log.of('delivery:dropped')[1]).toMatchObject({ reason: 'max-age' })
    expect(store.items.size).toBe(1)
    env.setOnline(true)
    await delivery.flush()
    expect(transport.calls[0]!.context.dropped).toEqual({ 'max-items': 1, 'max-age': 2 })
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(transport.calls[1]!.context.dropped).toBeUndefined()
  })

  it('max bytes and max attempts drop with a reason', async () => {
    const { delivery, log, env } = setup([{ status: 500 }], { limits: { maxBytes: 600, maxAttempts: 2 } })
    await delivery.enqueue(makeRecord({ answers: { text: 'x'.repeat(300) } }))
    await delivery.enqueue(makeRecord({ answers: { text: 'y'.repeat(300) } }))
    await delivery.flush()
    expect(log.of('delivery:dropped')[0]).toMatchObject({ reason: 'max-bytes' })
    env.advance(10_000)
    await delivery.flush()
    expect(log.of('delivery:dropped').map((e) => e.reason)).toEqual(['max-bytes', 'max-attempts'])
  })

  it('each transport has its own queue: a failing backend never blocks another', async () => {
    const env = createFakeEnvironment()
    const log = createEventLog()
    const down = createScriptedTransport('down', [{ status: 503, retryAfter: '600' }])
    const up = createScriptedTransport('up', [{ status: 200 }])
    const delivery = createDelivery({
      transports: [down, up],
      env,
      emit: log.emit,
      store: createMemoryStore(),
      locks: null,
    })
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(up.calls).toHaveLength(2)
    expect(down.calls).toHaveLength(1)
    expect(log.of('delivery:queued')).toHaveLength(4)
  })

  it('pagehide hands stored items to sendOnUnload within the budget and deletes nothing', async () => {
    const { delivery, env, transport, store } = setup([{ status: 200 }], { unloadBudgetBytes: 800 })
    env.setOnline(false)
    for (let i = 0; i < 5; i++) await delivery.enqueue(makeRecord())
    env.setVisible(false)
    expect(transport.unloads).toHaveLength(1)
    const sent = transport.unloads[0]!
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.length).toBeLessThan(5)
    expect(JSON.stringify(sent.map((item) => item.record)).length).toBeLessThan(800)
    env.pageHide() // pagehide after hidden: the same items are not handed over twice
    expect(transport.unloads[1]?.some((item) => sent.some((s) => s.key === item.key)) ?? false).toBe(false)
    expect(store.items.size).toBe(5)
  })

  it('a throwing event listener or adapter never breaks delivery', async () => {
    const env = createFakeEnvironment()
    const transport = createScriptedTransport('t', [{ status: 200 }])
    const delivery = createDelivery({
      transports: [transport],
      env,
      emit: () => {
        throw new Error('listener bug')
      },
      store: createMemoryStore(),
      locks: null,
    })
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
  })

  it('two transports with one name are a configuration error that says what to fix', () => {
    const env = createFakeEnvironment()
    const make = () =>
      createDelivery({
        transports: [createScriptedTransport('http'), createScriptedTransport('http')],
        env,
        emit: () => {},
        store: createMemoryStore(),
      })
    expect(make).toThrow(expect.objectContaining({ code: 'delivery/duplicate-transport-name' }))
    expect(make).toThrow(/Two transports are named "http"/)
  })

  it('startup flushes what an earlier instance left in the store', async () => {
    const env = createFakeEnvironment()
    const log = createEventLog()
    const store = createMemoryStore()
    const offline = createScriptedTransport('t', [new TypeError('offline')])
    const first = createDelivery({ transports: [offline], env, emit: log.emit, store, locks: null })
    await first.enqueue(makeRecord())
    await first.flush()
    first.destroy()
    const online = createScriptedTransport('t', [{ status: 200 }])
    const second = createDelivery({ transports: [online], env, emit: log.emit, store, locks: null })
    await second.flush()
    expect(online.calls).toHaveLength(1)
    expect(store.items.size).toBe(0)
  })
})

// Issue 12 item 8: a CORS or mixed-content mistake used to retry forever without a word.
describe('repeated failures while online', () => {
  it('are said once on the console, without debug, with the likely causes of a network error', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const failing = Array.from({ length: 6 }, () => new TypeError('Failed to fetch'))
    const { delivery, env, log } = setup(failing)
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    for (let attempt = 2; attempt <= 5; attempt++) {
      env.advance(log.of('delivery:retry').at(-1)!.delayMs + 1)
      await delivery.flush()
    }
    expect(log.of('delivery:retry')).toHaveLength(5)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^touchloop: sending answers to "test" failed 3 times in a row while online \(last: network error: Failed to fetch\);.*CORS.*mixed content/,
    )
    warn.mockRestore()
    delivery.destroy()
  })
})
