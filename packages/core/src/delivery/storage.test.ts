// Storage faults, with fake-indexeddb: every case must keep the answer and say what happened.
import { forceCloseDatabase, IDBFactory, IDBObjectStore } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DB_VERSION } from './idb-store'
import { createDelivery } from './index'
import { createEventLog, createFakeEnvironment, createScriptedTransport, makeRecord } from './testing'
import type { DeliveryOptions } from './types'

const DB = 'touchloop-delivery'

function setup(factory: IDBFactory | undefined, overrides: Partial<DeliveryOptions> = {}) {
  const env = createFakeEnvironment()
  const log = createEventLog()
  const transport = createScriptedTransport('http', [{ status: 200 }])
  const delivery = createDelivery({
    transports: [transport],
    env,
    emit: log.emit,
    indexedDB: factory,
    locks: null,
    broadcast: null,
    ...overrides,
  })
  return { env, log, transport, delivery }
}

function readAll(factory: IDBFactory): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = factory.open(DB)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const request = db.transaction('queue').objectStore('queue').getAll()
      request.onsuccess = () => {
        db.close()
        resolve(request.result)
      }
    }
  })
}

/** An IDBFactory whose connections we can reach (to close them under the queue). */
function spyingFactory(real = new IDBFactory()) {
  const connections: IDBDatabase[] = []
  let failOpens = false
  const factory = {
    open(name: string, version?: number) {
      if (failOpens) {
        const request = {} as IDBOpenDBRequest & { onerror?: () => void }
        setTimeout(() => {
          Object.assign(request, { error: new DOMException('Internal error opening backing store', 'UnknownError') })
          request.onerror?.()
        })
        return request
      }
      const request = real.open(name, version)
      request.addEventListener('success', () => connections.push(request.result))
      return request
    },
  } as unknown as IDBFactory
  return { factory, real, connections, failOpens: () => (failOpens = true) }
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('IndexedDB queue', () => {
  it('acknowledges enqueue only after the record is in IndexedDB, and a new instance delivers it', async () => {
    const factory = new IDBFactory()
    const first = setup(factory)
    first.env.setOnline(false)
    const record = makeRecord()
    await first.delivery.enqueue(record)
    expect(await readAll(factory)).toMatchObject([{ key: `${record.id}:1`, transport: 'http', leaseUntil: 0 }])
    first.delivery.destroy()

    const second = setup(factory)
    await second.delivery.flush()
    expect(second.transport.calls.map((call) => call.batch[0]!.key)).toEqual([`${record.id}:1`])
    expect(await readAll(factory)).toEqual([])
    second.delivery.destroy()
  })

  it('keeps dead letters in IndexedDB with their reason', async () => {
    const factory = new IDBFactory()
    const { delivery, transport } = setup(factory)
    transport.script.splice(0, 1, { status: 400, reason: 'invalid_body' })
    const record = makeRecord()
    await delivery.enqueue(record)
    await delivery.flush()
    expect(await readAll(factory)).toMatchObject([{ key: `${record.id}:1`, reason: 'invalid_body', status: 400 }])
    delivery.destroy()
  })

  it('two instances on one database never send the same item in one lease (claims are transactional)', async () => {
    const factory = new IDBFactory()
    const sent: string[] = []
    const env = createFakeEnvironment()
    const make = () => {
      const transport = createScriptedTransport('http', [
        async (batch) => {
          sent.push(...batch.map((item) => item.key))
          return { status: 200 }
        },
      ])
      return createDelivery({
        transports: [transport],
        env,
        emit: () => {},
        indexedDB: factory,
        locks: null,
        broadcast: null,
      })
    }
    const a = make()
    const b = make()
    env.setOnline(false)
    const records = Array.from({ length: 30 }, () => makeRecord())
    await Promise.all(records.map((record, i) => (i % 2 ? a : b).enqueue(record)))
    env.setOnline(true)
    await Promise.all([a.flush(), b.flush()])
    expect(sent.slice().sort()).toEqual(records.map((record) => `${record.id}:1`).sort())
    a.destroy()
    b.destroy()
  })
})

describe('many tabs', () => {
  it('a BroadcastChannel nudge makes another tab deliver what this one queued', async () => {
    const factory = new IDBFactory()
    const offlineEnv = createFakeEnvironment()
    offlineEnv.setOnline(false)
    const onlineEnv = createFakeEnvironment()
    const sender = createScriptedTransport('http', [{ status: 200 }])
    const options = { indexedDB: factory, locks: null, emit: () => {} }
    const quiet = createDelivery({ ...options, transports: [createScriptedTransport('http')], env: offlineEnv })
    const flusher = createDelivery({ ...options, transports: [sender], env: onlineEnv })
    await flusher.flush()
    const record = makeRecord()
    await quiet.enqueue(record)
    await vi.waitFor(() => expect(sender.calls.map((call) => call.batch[0]!.key)).toEqual([`${record.id}:1`]))
    quiet.destroy()
    flusher.destroy()
  })
})

describe('storage faults fall back to memory and keep delivering', () => {
  it('IndexedDB missing', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const { delivery, log, transport } = setup(undefined)
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(log.of('delivery:degraded')).toEqual([{ reason: 'indexeddb-missing' }])
    expect(transport.calls).toHaveLength(1)
  })

  it('open failing', async () => {
    const spy = spyingFactory()
    spy.failOpens()
    const { delivery, log, transport } = setup(spy.factory)
    await delivery.enqueue(makeRecord())
    await delivery.flush()
    expect(log.of('delivery:degraded')).toEqual([{ reason: 'open-failed' }])
    expect(log.of('error')[0]!.message).toMatch(/storage failed \(open-failed\)/)
    expect(transport.calls).toHaveLength(1)
  })

  it('open hanging: times out', async () => {
    const hanging = { open: () => ({}) } as unknown as IDBFactory
    const { delivery, log, transport, env } = setup(hanging, { openTimeoutMs: 2_000 })
    const enqueued = delivery.enqueue(makeRecord())
    env.advance(2_000)
    await enqueued
    await delivery.flush()
    expect(log.of('delivery:degraded')).toEqual([{ reason: 'open-timeout' }])
    expect(transport.calls).toHaveLength(1)
  })

  it('QuotaExceededError on write: the answer is kept in memory and delivered', async () => {
    const factory = new IDBFactory()
    const { delivery, log, transport, env } = setup(factory)
    await delivery.flush()
    env.setOnline(false)
    const earlier = makeRecord()
    await delivery.enqueue(earlier)
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(quota)
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(quota)
    const record = makeRecord()
    await delivery.enqueue(record)
    expect(log.of('delivery:degraded')).toEqual([{ reason: 'quota-exceeded' }])
    env.setOnline(true)
    await delivery.flush()
    // The item stored before the fault (known to the mirror) travels too.
    expect(transport.calls.flatMap((call) => call.batch.map((item) => item.key)).sort()).toEqual(
      [`${earlier.id}:1`, `${record.id}:1`].sort(),
    )
  })

  it('connection closed by the browser: reopens and stays durable', async () => {
    const spy = spyingFactory()
    const { delivery, log, transport, env } = setup(spy.factory)
    await delivery.flush()
    env.setOnline(false)
    forceCloseDatabase(spy.connections[0]! as never)
    await delivery.enqueue(makeRecord())
    expect(log.of('delivery:degraded')).toEqual([])
    expect(await readAll(spy.real)).toHaveLength(1)
    env.setOnline(true)
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
  })

  it('connection closed (InvalidStateError) and the reopen fails: degrades', async () => {
    const spy = spyingFactory()
    const { delivery, log, transport, env } = setup(spy.factory)
    await delivery.flush()
    env.setOnline(false)
    spy.connections[0]!.close() // closed without a close event: the next transaction throws InvalidStateError
    spy.failOpens()
    await delivery.enqueue(makeRecord())
    expect(log.of('delivery:degraded')).toEqual([{ reason: 'open-failed' }])
    env.setOnline(true)
    await delivery.flush()
    expect(transport.calls).toHaveLength(1)
  })
})

describe('schema migration', () => {
  it('v1 → v2 keeps the queued items', async () => {
    const factory = new IDBFactory()
    const records = [makeRecord(), makeRecord({ revision: 3 })]
    await new Promise<void>((resolve, reject) => {
      const open = factory.open(DB, 1)
      open.onupgradeneeded = () => {
        const items = open.result.createObjectStore('items')
        for (const record of records) {
          const key = `${record.id}:${record.revision}`
          items.put({ transport: 'http', item: { key, record, attempt: 2 }, queuedAt: Date.now() }, `http\u0001${key}`)
        }
      }
      open.onsuccess = () => {
        open.result.close()
        resolve()
      }
      open.onerror = () => reject(open.error)
    })
    const { delivery, transport } = setup(factory)
    await delivery.flush()
    expect(transport.calls.flatMap((call) => call.batch.map((item) => item.record))).toEqual(records)
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = factory.open(DB)
      open.onsuccess = () => resolve(open.result)
    })
    expect(db.version).toBe(DB_VERSION)
    expect([...db.objectStoreNames]).toEqual(['queue'])
    db.close()
    delivery.destroy()
  })
})
