// IndexedDB queue store: an idb-keyval custom store (our own UseStore, because we need a versioned
// open with migrations and a timeout), one object store "queue" holding items, dead letters and drop
// counts under prefixed keys so one readwrite transaction covers all three.
import { promisifyRequest, type UseStore } from 'idb-keyval'
import { markQueueEmpty, markQueueWaiting } from './hint'
import {
  adjustCounts,
  applyMutation,
  type DropCounts,
  deadLetterId,
  itemId,
  type Mutation,
  type QueueStore,
  type StoredItem,
  sortBySeq,
} from './store'

export const DB_VERSION = 2
const STORE = 'queue'
const ITEM = 'q\u0001'
const DEAD = 'd\u0001'
/** Drop counts of one transport: `c\u0001<transport>` → DropCounts. A new key prefix, not a new layout: v2 readers never look at it. */
const DROPS = 'c\u0001'

export class QueueStorageError extends Error {
  // `declare`: no class-field helper in the es2020 bundle (this file is on the page-load path).
  declare readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'QueueStorageError'
    this.code = code
  }
}

export interface IdbStoreOptions {
  dbName: string
  /** A hanging open (a blocked upgrade, a wedged browser profile) fails after this long. */
  openTimeoutMs: number
  setTimeout(callback: () => void, ms: number): unknown
  /** Overrides the global (tests). */
  indexedDB?: IDBFactory
}

/** The v1 → v2 upgrade, once loaded (rare.ts, a lazy chunk: only a database written by an old version needs it). */
let migrateV1: typeof import('./rare').migrateV1 | undefined

/**
 * Upgrades run inside the versionchange transaction, so queued items survive every one. A new
 * database only needs its object store. An old one (v1) needs the migration code: without it the
 * upgrade is aborted (nothing changes), the code is loaded, and the open is tried again.
 */
function openDatabase(options: IdbStoreOptions): Promise<IDBDatabase> {
  const factory = options.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB)
  if (!factory) return Promise.reject(new QueueStorageError('indexeddb-missing', 'IndexedDB is not available'))
  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (error: QueueStorageError) => {
      if (!settled) reject(error)
      settled = true
    }
    /** Also when the migration code (a chunk) cannot be loaded: the error says which. */
    const openFailed = (error: unknown) =>
      fail(
        new QueueStorageError('open-failed', `IndexedDB open failed: ${(error as Error)?.message}`, { cause: error }),
      )
    options.setTimeout(
      () =>
        fail(new QueueStorageError('open-timeout', `IndexedDB open did not finish within ${options.openTimeoutMs} ms`)),
      options.openTimeoutMs,
    )
    const attempt = () => {
      let needsMigration = false
      const request = factory.open(options.dbName, DB_VERSION)
      request.onupgradeneeded = (event) => {
        const db = request.result
        if (event.oldVersion === 0) db.createObjectStore(STORE)
        else if (migrateV1) migrateV1(db, request.transaction!, STORE, (item) => ITEM + itemId(item))
        else {
          needsMigration = true
          request.transaction!.abort()
        }
      }
      request.onsuccess = () => {
        const db = request.result
        if (settled) return db.close()
        settled = true
        resolve(db)
      }
      request.onerror = (event) => {
        if (!needsMigration) return openFailed(request.error)
        event.preventDefault()
        import('./rare').then((module) => {
          migrateV1 = module.migrateV1
          if (!settled) attempt()
        }, openFailed)
      }
    }
    attempt()
  })
}

const aborted = () => new QueueStorageError('transaction-aborted', 'IndexedDB transaction aborted')

function scopeRange(transport: string | undefined): IDBKeyRange {
  return transport === undefined
    ? IDBKeyRange.bound(ITEM, 'q\u0002', false, true)
    : IDBKeyRange.bound(`${ITEM}${transport}\u0001`, `${ITEM}${transport}\u0002`, false, true)
}

export function createIdbStore(options: IdbStoreOptions): QueueStore {
  let database: Promise<IDBDatabase> | undefined
  let closed = false
  const getDatabase = () => {
    database ??= openDatabase(options).then((db) => {
      // Safari sometimes closes the connection under us; a newer tab may want to upgrade.
      db.onclose = () => {
        database = undefined
      }
      db.onversionchange = () => {
        db.close()
        database = undefined
      }
      if (closed) db.close()
      return db
    })
    database.catch(() => {
      database = undefined
    })
    return database
  }
  const useStore: UseStore = (mode, callback) =>
    getDatabase().then((db) =>
      // 'relaxed': committed once the browser has the data (survives tab and browser crashes, not power loss).
      callback(db.transaction(STORE, mode, { durability: 'relaxed' }).objectStore(STORE)),
    )

  return {
    kind: 'indexeddb',
    mutate<T>(transport: string | undefined, decide: (items: StoredItem[], drops: DropCounts) => Mutation<T>) {
      return useStore('readwrite', (store) => {
        let result: T
        let failure: unknown
        const apply = (items: StoredItem[], counts: DropCounts) => {
          try {
            const change = decide(sortBySeq(items), { ...counts })
            for (const item of change.remove ?? []) store.delete(ITEM + itemId(item))
            for (const item of change.put ?? []) store.put(item, ITEM + itemId(item))
            for (const letter of change.dead ?? []) {
              store.delete(ITEM + itemId(letter))
              store.put(letter, DEAD + deadLetterId(letter))
            }
            // The page-load hint (hint.ts), kept inside this transaction: set while pending items remain,
            // cleared only once no item of any transport is pending.
            if (change.put?.length || applyMutation(items, change).length > 0) markQueueWaiting(options.dbName)
            else if (transport === undefined) markQueueEmpty(options.dbName)
            else {
              const all = store.count(scopeRange(undefined))
              all.onsuccess = () => {
                if (all.result === 0) markQueueEmpty(options.dbName)
              }
            }
            if (transport !== undefined && (change.countDrops || change.uncountDrops)) {
              const next = adjustCounts(counts, change.countDrops, change.uncountDrops)
              if (Object.keys(next).length > 0) store.put(next, DROPS + transport)
              else store.delete(DROPS + transport)
            }
            result = change.result
          } catch (error) {
            failure = error
            store.transaction.abort()
          }
        }
        // Requests of one transaction complete in order: the counts are read when the items arrive.
        const counts = transport === undefined ? undefined : store.get(DROPS + transport)
        const read = store.getAll(scopeRange(transport))
        read.onsuccess = () => apply(read.result as StoredItem[], (counts?.result as DropCounts | undefined) ?? {})
        return promisifyRequest(store.transaction).then(
          () => result,
          (error) => {
            throw failure ?? error ?? aborted()
          },
        )
      })
    },
    add(item) {
      markQueueWaiting(options.dbName)
      return useStore('readwrite', (store) => {
        let added = true
        const request = store.add(item, ITEM + itemId(item))
        request.onsuccess = () => markQueueWaiting(options.dbName)
        request.onerror = (event) => {
          // Already queued (same id and revision): keep the stored one, and its lease, untouched.
          if (request.error?.name !== 'ConstraintError') return
          // preventDefault keeps the transaction alive; stopPropagation keeps the error from reaching the
          // transaction's onerror, where idb-keyval's promisifyRequest would reject (and we would degrade).
          event.preventDefault()
          event.stopPropagation()
          added = false
        }
        return promisifyRequest(store.transaction).then(() => {
          markQueueWaiting(options.dbName)
          return added
        })
      })
    },
    access: () => ({
      kind: 'indexeddb',
      useStore,
      deadRange: IDBKeyRange.bound(DEAD, 'd\u0002', false, true),
      itemKey: (item) => ITEM + itemId(item),
      deadKey: (letter) => DEAD + deadLetterId(letter),
      aborted,
      markWaiting: () => markQueueWaiting(options.dbName),
    }),
    close() {
      closed = true
      database?.then((db) => db.close()).catch(() => {})
      database = undefined
    },
  }
}
