// The v1 → v2 upgrade of the queue database (in the rare-paths chunk, rare.ts: only a database written
// by an old version needs it; idb-store.ts loads it and opens again). Runs inside the versionchange transaction.
// v1: object store "items", key `${transport}\u0001${key}`, value `{ transport, item: DeliveryItem, queuedAt }`.
// v2: object store "queue" with StoredItem values under `q\u0001…`, dead letters under `d\u0001…` and
//     (since drop counts are persisted) DropCounts under `c\u0001<transport>`, which needs no upgrade.
import type { StoredItem } from './store'

export function migrateV1(
  db: IDBDatabase,
  tx: IDBTransaction,
  storeName: string,
  storageKey: (item: StoredItem) => string,
): void {
  const queue = db.createObjectStore(storeName)
  if (!db.objectStoreNames.contains('items')) return
  let seq = 0
  const cursorRequest = tx.objectStore('items').openCursor()
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result
    if (!cursor) return db.deleteObjectStore('items')
    const old = cursor.value as {
      transport: string
      item: { key: string; record: StoredItem['record'] }
      queuedAt?: number
    }
    const item: StoredItem = {
      transport: old.transport,
      key: old.item.key,
      record: old.item.record,
      bytes: JSON.stringify(old.item.record).length,
      seq: (old.queuedAt ?? 0) * 1000 + seq++,
      enqueuedAt: old.queuedAt ?? Date.now(),
      attempts: 0,
      leaseUntil: 0,
    }
    queue.put(item, storageKey(item))
    cursor.continue()
  }
}
