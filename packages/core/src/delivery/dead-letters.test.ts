// Dead letters (list, retry, discard) and persisted drop counts, on IndexedDB (fake-indexeddb) and on
// the memory store.
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import type { Survey } from '../model'
import { scriptedWidget, until } from '../test-support/harness'
import { createTestEnv } from '../test-support/test-env'
import { createTouchloop } from '../touchloop'
import { TouchloopConfigError } from '../transport'
import { createDeadLetterMethods } from './dead-letters'
import { createDelivery } from './index'
import { type Answer, createEventLog, createFakeEnvironment, createScriptedTransport, makeRecord } from './testing'
import type { DeliveryOptions } from './types'

type Backend = 'indexeddb' | 'memory'

function setup(backend: Backend, answers: Answer[], overrides: Partial<DeliveryOptions> = {}) {
  const factory = overrides.indexedDB ?? new IDBFactory()
  const env = createFakeEnvironment()
  const log = createEventLog()
  const transport = createScriptedTransport('http', answers)
  const delivery = createDelivery({
    transports: [transport],
    env,
    emit: log.emit,
    locks: null,
    broadcast: null,
    ...(backend === 'memory' ? { persistence: 'memory' } : { indexedDB: factory }),
    ...overrides,
  })
  return { env, log, transport, delivery, factory }
}

function readRaw(factory: IDBFactory): Promise<{ key: IDBValidKey; value: unknown }[]> {
  return new Promise((resolve, reject) => {
    const open = factory.open('touchloop-delivery')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const store = db.transaction('queue').objectStore('queue')
      const keys = store.getAllKeys()
      const values = store.getAll()
      values.onsuccess = () => {
        db.close()
        resolve((keys.result as IDBValidKey[]).map((key, i) => ({ key, value: values.result[i] })))
      }
    }
  })
}

describe.each<Backend>(['indexeddb', 'memory'])('dead letters (%s)', (backend) => {
  it('lists answers refused with 400 and 404 with their reason, status and attempts', async () => {
    const { delivery, env } = setup(backend, [{ status: 400, reason: 'invalid_body' }, { status: 404 }])
    const [a, b] = [makeRecord(), makeRecord()]
    await delivery.enqueue(a)
    await delivery.flush()
    env.advance(1_000)
    await delivery.enqueue(b)
    await delivery.flush()
    expect(await delivery.deadLetters()).toEqual([
      {
        transport: 'http',
        key: `${a.id}:1`,
        record: a,
        reason: 'invalid_body',
        status: 400,
        attempts: 1,
        at: env.now() - 1_000,
      },
      {
        transport: 'http',
        key: `${b.id}:1`,
        record: b,
        reason: 'rejected with status 404',
        status: 404,
        attempts: 1,
        at: env.now(),
      },
    ])
    delivery.destroy()
  })

  it('keeps an answer that ran out of attempts as a dead letter (and still reports the drop)', async () => {
    const { delivery, env, log } = setup(backend, [{ status: 500 }], { limits: { maxAttempts: 2 } })
    const record = makeRecord()
    await delivery.enqueue(record)
    await delivery.flush()
    env.advance(10_000)
    await delivery.flush()
    expect(log.of('delivery:dropped')).toEqual([
      { transport: 'http', keys: [`${record.id}:1`], reason: 'max-attempts' },
    ])
    // Issue 12 item 9: it became a dead letter, so delivery:dead-letter fires too.
    expect(log.of('delivery:dead-letter')).toEqual([
      { transport: 'http', keys: [`${record.id}:1`], reason: 'max-attempts: status 500', status: 500 },
    ])
    expect(await delivery.deadLetters()).toMatchObject([
      { key: `${record.id}:1`, record, reason: 'max-attempts: status 500', status: 500, attempts: 2 },
    ])
    delivery.destroy()
  })

  it('retry moves them back to the queue: delivered exactly once, same id and revision, attempts start again', async () => {
    const { delivery, transport, log } = setup(backend, [{ status: 422, reason: 'unknown survey' }, { status: 200 }])
    const record = makeRecord({ revision: 3 })
    await delivery.enqueue(record)
    await delivery.flush()
    expect(await delivery.deadLetters()).toHaveLength(1)

    expect(await delivery.retryDeadLetters()).toBe(1)
    await delivery.flush()
    expect(transport.calls.map((call) => call.batch.map((item) => [item.key, item.attempt]))).toEqual([
      [[`${record.id}:3`, 1]],
      [[`${record.id}:3`, 1]],
    ])
    expect(transport.calls[1]!.batch[0]!.record).toEqual(record)
    expect(log.of('delivery:sent')).toEqual([{ transport: 'http', keys: [`${record.id}:3`] }])
    expect(await delivery.deadLetters()).toEqual([])
    // Nothing left to replay: a second retry moves nothing and sends nothing.
    expect(await delivery.retryDeadLetters()).toBe(0)
    await delivery.flush()
    expect(transport.calls).toHaveLength(2)
    delivery.destroy()
  })

  it('retry and discard take a filter; discard deletes for good', async () => {
    const { delivery, transport } = setup(backend, [{ status: 400 }])
    const records = [makeRecord(), makeRecord(), makeRecord()]
    for (const record of records) await delivery.enqueue(record)
    await delivery.flush()
    const keys = records.map((record) => `${record.id}:1`)
    expect((await delivery.deadLetters()).map((letter) => letter.key).sort()).toEqual(keys.slice().sort())

    expect(await delivery.discardDeadLetters({ keys: [keys[0]!] })).toBe(1)
    expect(await delivery.discardDeadLetters({ transport: 'other' })).toBe(0)
    transport.script.splice(0, transport.script.length, { status: 200 })
    expect(await delivery.retryDeadLetters({ keys: [keys[1]!] })).toBe(1)
    await delivery.flush()
    expect((await delivery.deadLetters()).map((letter) => letter.key)).toEqual([keys[2]])
    expect(transport.calls.at(-1)!.batch.map((item) => item.key)).toEqual([keys[1]])

    expect(await delivery.discardDeadLetters()).toBe(1)
    expect(await delivery.deadLetters()).toEqual([])
    delivery.destroy()
  })

  it('a wrong filter is a clear error, not "everything"', async () => {
    const { delivery } = setup(backend, [{ status: 400 }])
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    await expect(delivery.discardDeadLetters({ keys: 'abc' } as never)).rejects.toThrow(TouchloopConfigError)
    await expect(delivery.retryDeadLetters(null as never)).rejects.toMatchObject({
      code: 'delivery/invalid-dead-letter-filter',
    })
    expect(await delivery.deadLetters()).toHaveLength(1)
    delivery.destroy()
  })
})

describe('dead letters across instances (IndexedDB)', () => {
  it('a new instance lists and retries what an earlier visit dead-lettered', async () => {
    const first = setup('indexeddb', [{ status: 400 }])
    const record = makeRecord()
    await first.delivery.enqueue(record)
    await first.delivery.flush()
    first.delivery.destroy()

    const second = setup('indexeddb', [{ status: 200 }], { indexedDB: first.factory })
    await second.delivery.flush()
    expect(await second.delivery.deadLetters()).toMatchObject([{ key: `${record.id}:1`, status: 400 }])
    expect(await second.delivery.retryDeadLetters({ transport: 'http' })).toBe(1)
    await second.delivery.flush()
    expect(second.log.of('delivery:sent')).toEqual([{ transport: 'http', keys: [`${record.id}:1`] }])
    expect(await readRaw(first.factory)).toEqual([])
    second.delivery.destroy()
  })

  it('retrying a letter whose key is queued again leaves the queued copy alone (no duplicate)', async () => {
    const { delivery, transport, env, log } = setup('indexeddb', [{ status: 400 }])
    const record = makeRecord()
    await delivery.enqueue(record)
    await delivery.flush()
    env.setOnline(false)
    await delivery.enqueue(record) // the page enqueued the same revision again
    await delivery.enqueue(record) // and again: already queued, left alone
    expect(await delivery.retryDeadLetters()).toBe(1)
    transport.script.splice(0, transport.script.length, { status: 200 })
    env.setOnline(true)
    await delivery.flush()
    expect(transport.calls.slice(1).flatMap((call) => call.batch.map((item) => item.key))).toEqual([`${record.id}:1`])
    // A key already queued is a ConstraintError that the store absorbs: no fallback to memory.
    expect(log.of('delivery:degraded')).toEqual([])
    delivery.destroy()
  })

  it('after IndexedDB failed (queue in memory), letters are listed, retried and discarded in memory', async () => {
    const broken = {
      open() {
        throw new DOMException('the profile is wedged', 'UnknownError')
      },
    } as unknown as IDBFactory
    const { delivery, transport, log } = setup('indexeddb', [{ status: 400 }, { status: 400 }, { status: 200 }], {
      indexedDB: broken,
    })
    const [a, b] = [makeRecord(), makeRecord()]
    await delivery.enqueue(a)
    await delivery.flush()
    await delivery.enqueue(b)
    await delivery.flush()
    expect(log.of('delivery:degraded')).toEqual([{ reason: 'storage-error:UnknownError' }])
    expect((await delivery.deadLetters()).map((letter) => letter.key)).toEqual([`${a.id}:1`, `${b.id}:1`])
    expect(await delivery.retryDeadLetters({ keys: [`${a.id}:1`] })).toBe(1)
    await delivery.flush()
    expect(log.of('delivery:sent')).toEqual([{ transport: 'http', keys: [`${a.id}:1`] }])
    expect(await delivery.discardDeadLetters()).toBe(1)
    expect(await delivery.deadLetters()).toEqual([])
    expect(transport.calls).toHaveLength(3)
    delivery.destroy()
  })
})

describe('the public methods (createDeadLetterMethods)', () => {
  it('merge every queue, never reject, and report a wrong filter', async () => {
    const a = setup('memory', [{ status: 400 }])
    const b = setup('indexeddb', [{ status: 404 }])
    await a.delivery.enqueue(makeRecord())
    await a.delivery.flush()
    await b.delivery.enqueue(makeRecord())
    await b.delivery.flush()
    const reportError = vi.fn()
    const methods = createDeadLetterMethods(() => [a.delivery, undefined, b.delivery], reportError)
    expect((await methods.deadLetters()).map((letter) => letter.status).sort()).toEqual([400, 404])
    expect(await methods.discardDeadLetters(42 as never)).toBe(0)
    expect(reportError).toHaveBeenCalledWith('discardDeadLetters', expect.any(TouchloopConfigError))
    expect(await methods.discardDeadLetters()).toBe(2)
    a.delivery.destroy()
    b.delivery.destroy()
    // A destroyed queue rejects inside: the public method resolves its fallback and reports.
    expect(await methods.deadLetters()).toEqual([])
    expect(reportError).toHaveBeenCalledWith('deadLetters', expect.any(Error))
  })
})

describe.each<Backend>(['indexeddb', 'memory'])('drop counts (%s)', (backend) => {
  it('travel with the next batch once, then are cleared; a failed send keeps them', async () => {
    const { delivery, env, transport } = setup(backend, [{ status: 503 }, { status: 200 }], {
      limits: { maxItems: 1 },
    })
    env.setOnline(false)
    await delivery.enqueue(makeRecord())
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    env.setOnline(true)
    await delivery.flush() // 503: kept
    env.advance(10 * 60_000)
    await delivery.flush() // 200: carried, then cleared
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(transport.calls.map((call) => call.context.dropped)).toEqual([
      { 'max-items': 1 },
      { 'max-items': 1 },
      undefined,
    ])
    delivery.destroy()
  })
})

describe('drop counts survive a crash (IndexedDB)', () => {
  it('a new instance on the same database sends them once; a failed send keeps them', async () => {
    const first = setup('indexeddb', [{ status: 200 }], { limits: { maxItems: 2 } })
    first.env.setOnline(false)
    for (let i = 0; i < 4; i++) await first.delivery.enqueue(makeRecord())
    await first.delivery.flush()
    expect(first.log.of('delivery:dropped').flatMap((event) => event.keys)).toHaveLength(2)
    first.delivery.destroy() // the page dies before any send

    const second = setup('indexeddb', [new TypeError('Failed to fetch')], {
      indexedDB: first.factory,
      limits: { maxItems: 2 },
    })
    await second.delivery.flush()
    expect(second.transport.calls.map((call) => call.context.dropped)).toEqual([{ 'max-items': 2 }])
    second.delivery.destroy() // failed, and dies again

    const third = setup('indexeddb', [{ status: 200 }], { indexedDB: first.factory, batchSize: 1 })
    await third.delivery.flush()
    // Two batches: the first carries the counts, the second (after its 2xx) none.
    expect(third.transport.calls.map((call) => call.context.dropped)).toEqual([{ 'max-items': 2 }, undefined])
    expect(await readRaw(first.factory)).toEqual([])
    third.delivery.destroy()

    const fourth = setup('indexeddb', [{ status: 200 }], { indexedDB: first.factory })
    await fourth.delivery.enqueue(makeRecord())
    await fourth.delivery.flush()
    expect(fourth.transport.calls.map((call) => call.context.dropped)).toEqual([undefined])
    fourth.delivery.destroy()
  })

  it('drops counted while a batch is in flight are kept when that batch succeeds', async () => {
    let release: (answer: { status: number }) => void = () => {}
    const { delivery, transport, env, log } = setup(
      'indexeddb',
      [() => new Promise((resolve) => (release = resolve)), { status: 200 }],
      { limits: { maxItems: 2 }, batchSize: 1 },
    )
    const droppedKeys = () => log.of('delivery:dropped').flatMap((event) => event.keys)
    env.setOnline(false)
    for (let i = 0; i < 3; i++) await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(droppedKeys()).toHaveLength(1)
    env.setOnline(true)
    const flushed = delivery.flush()
    await vi.waitFor(() => expect(transport.calls).toHaveLength(1))
    expect(transport.calls[0]!.context.dropped).toEqual({ 'max-items': 1 })
    // One in flight + three queued, limit 2: two more evicted while the first batch is out.
    env.setOnline(false)
    for (let i = 0; i < 2; i++) await delivery.enqueue(makeRecord())
    await vi.waitFor(() => expect(droppedKeys()).toHaveLength(3))
    env.setOnline(true)
    release({ status: 200 })
    await flushed
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    // The 2xx cleared the one it carried; the two counted meanwhile go with the next batch, once.
    expect(transport.calls.slice(1).map((call) => call.context.dropped)).toEqual([{ 'max-items': 2 }, undefined])
    delivery.destroy()
  })
})

describe('on the public instance (createTouchloop)', () => {
  it('lists a refused answer, retries it on request (delivered once), and reports a wrong filter', async () => {
    const survey: Survey = {
      id: 'nps',
      version: 1,
      touchpoints: [{ type: 'event', event: 'checkout_completed' }],
      questions: [{ id: 'score', type: 'nps', text: 'How likely are you to recommend us?' }],
    }
    const transport = createScriptedTransport('http', [{ status: 422, reason: 'unknown survey' }, { status: 200 }])
    const widget = scriptedWidget()
    const touchloop = createTouchloop({
      surveys: [survey],
      transports: [transport],
      widget: widget.loader,
      persistence: 'memory',
      env: createTestEnv(),
    })
    const errors: string[] = []
    touchloop.on('error', ({ message }) => errors.push(message))
    await touchloop.show('nps', { force: true })
    await until(() => widget.contexts.length === 1)
    widget.contexts[0]!.onShown()
    await touchloop.flush()
    const letters = await touchloop.deadLetters()
    expect(letters).toMatchObject([{ transport: 'http', reason: 'unknown survey', status: 422, attempts: 1 }])

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await touchloop.retryDeadLetters({ transport: 7 } as never)).toBe(0)
    warn.mockRestore()
    expect(errors).toEqual([expect.stringMatching(/^touchloop: retryDeadLetters failed: A dead-letter filter is/)])

    expect(await touchloop.retryDeadLetters({ keys: [letters[0]!.key] })).toBe(1)
    await touchloop.flush()
    expect(transport.calls.map((call) => call.batch.map((item) => item.key))).toEqual([
      [letters[0]!.key],
      [letters[0]!.key],
    ])
    expect(await touchloop.deadLetters()).toEqual([])
    touchloop.destroy()
  })
})
