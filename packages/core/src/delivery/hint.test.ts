import { IDBFactory } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { markQueueEmpty, markQueueWaiting, queueDatabaseName, queueMayHoldAnswers } from './hint'
import { createIdbStore } from './idb-store'
import type { StoredItem } from './store'
import { makeRecord } from './testing'

const hintOf = (dbName: string) => localStorage.getItem(`${dbName}:waiting`)

function item(transport: string, record = makeRecord()): StoredItem {
  const key = `${record.id}:${record.revision}`
  return { transport, key, record, bytes: 100, seq: Date.now(), enqueuedAt: Date.now(), attempts: 0, leaseUntil: 0 }
}

afterEach(() => {
  localStorage.clear()
  vi.unstubAllGlobals()
})

describe('the page-load hint "answers may be waiting"', () => {
  it('reads the flag: "0" is empty, "1" is waiting', async () => {
    const dbName = queueDatabaseName('hint-flag')
    markQueueWaiting(dbName)
    expect(await queueMayHoldAnswers(dbName)).toBe(true)
    markQueueEmpty(dbName)
    expect(await queueMayHoldAnswers(dbName)).toBe(false)
  })

  it('without a flag, asks IndexedDB whether the queue database exists (an older version may have written it)', async () => {
    const factory = new IDBFactory()
    vi.stubGlobal('indexedDB', factory)
    const dbName = queueDatabaseName('hint-absent')
    expect(await queueMayHoldAnswers(dbName)).toBe(false)
    await new Promise((resolve) => {
      factory.open(dbName).onsuccess = resolve
    })
    expect(await queueMayHoldAnswers(dbName)).toBe(true)
  })

  it('says "waiting" where it cannot tell (no databases() to ask)', async () => {
    vi.stubGlobal('indexedDB', { open() {} })
    expect(await queueMayHoldAnswers(queueDatabaseName('hint-unknown'))).toBe(true)
  })

  it('the IndexedDB queue sets it with the first write and clears it only once no item of any transport is pending', async () => {
    const dbName = queueDatabaseName('hint-store')
    const store = createIdbStore({ dbName, openTimeoutMs: 10_000, setTimeout, indexedDB: new IDBFactory() })
    const first = item('http')
    const second = item('backup')
    await store.add(first)
    expect(hintOf(dbName)).toBe('1')
    await store.add(second)
    // The http lane empties its own queue while the backup lane still holds an item: still waiting.
    await store.mutate('http', (items) => ({ remove: items, result: undefined }))
    expect(hintOf(dbName)).toBe('1')
    await store.mutate('backup', (items) => ({ remove: items, result: undefined }))
    expect(hintOf(dbName)).toBe('0')
    // A write racing the flusher's clear (started before it committed) leaves "waiting".
    const third = item('http')
    await store.add(third)
    const clearing = store.mutate('http', (items) => ({ remove: items, result: undefined }))
    const racing = store.add(item('http'))
    await Promise.all([clearing, racing])
    expect(hintOf(dbName)).toBe('1')
    store.close()
  })
})
