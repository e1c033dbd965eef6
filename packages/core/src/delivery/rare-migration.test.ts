// The v1 → v2 migration is in the rare-paths chunk (idb-store.ts aborts the upgrade, loads it, opens again).
// When that chunk cannot load (offline, chunk not cached), the old database must stay as it was, with
// its answers, for a later visit, and the queue goes on in memory.
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { createDelivery } from './index'
import { createEventLog, createFakeEnvironment, createScriptedTransport, makeRecord } from './testing'

vi.mock('./rare', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const DB = 'touchloop-delivery'

function openV1(factory: IDBFactory, write?: (items: IDBObjectStore) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = factory.open(DB, 1)
    open.onupgradeneeded = () => write?.(open.result.createObjectStore('items'))
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
}

describe('v1 database while the migration chunk cannot load', () => {
  it('leaves the v1 items untouched, says why, and delivers new answers from memory', async () => {
    const factory = new IDBFactory()
    const old = makeRecord()
    const key = `${old.id}:${old.revision}`
    const db = await openV1(factory, (items) =>
      items.put(
        { transport: 'http', item: { key, record: old, attempt: 1 }, queuedAt: Date.now() },
        `http\u0001${key}`,
      ),
    )
    db.close()
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
    })
    const fresh = makeRecord()
    await delivery.enqueue(fresh)
    await delivery.flush()
    expect(log.of('delivery:degraded')).toEqual([{ reason: 'open-failed' }])
    expect(log.of('error')[0]?.message).toMatch(/storage failed \(open-failed\)/)
    expect(transport.calls.flatMap((call) => call.batch.map((item) => item.record.id))).toEqual([fresh.id])
    delivery.destroy()
    // The aborted upgrade changed nothing: still v1, the old answer still in it.
    const after = await openV1(factory)
    expect(after.version).toBe(1)
    const stored = await new Promise<unknown[]>((resolve) => {
      const request = after.transaction('items').objectStore('items').getAll()
      request.onsuccess = () => resolve(request.result)
    })
    expect(stored).toEqual([expect.objectContaining({ item: expect.objectContaining({ key }) })])
    after.close()
  })
})
