// The page-load hint "answers may be waiting in the delivery queue": a localStorage flag per queue
// database, so page load can decide synchronously (without the queue's code) whether to load the
// delivery stage at idle. It may say "waiting" when nothing waits (then the queue loads for nothing);
// it must never say "empty" while an answer waits. Hence (idb-store.ts):
// - a writer sets it before its write transaction and again inside it, once its put succeeded;
// - it is cleared only inside a readwrite transaction of the queue that found no pending item.
// Readwrite transactions on the queue run one at a time across tabs, so a writer's in-transaction set
// always comes after any clear that ran before its write, and a clear after the write sees the item.
// A crash can only leave a stale "waiting" (a set without its commit), never a stale "empty".

const WAITING = '1'
const EMPTY = '0'

/** The queue's IndexedDB database name (also the Web Locks and BroadcastChannel prefix). */
export const queueDatabaseName = (storageKey?: string) => `touchloop-delivery${storageKey ? `-${storageKey}` : ''}`

const hintKey = (dbName: string) => `${dbName}:waiting`

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined // a sandboxed frame or blocked storage throws on access
  }
}

/** Before and inside every write of a pending item. */
export function markQueueWaiting(dbName: string): void {
  try {
    storage()?.setItem(hintKey(dbName), WAITING)
  } catch {
    // Quota or blocked storage: the hint stays as it was; an absent hint reads as "maybe waiting".
  }
}

/** Only inside the readwrite transaction that found no pending item. */
export function markQueueEmpty(dbName: string): void {
  try {
    storage()?.setItem(hintKey(dbName), EMPTY)
  } catch {
    // Harmless: the next page load loads the queue for nothing.
  }
}

/**
 * Whether the queue may hold answers from an earlier page (or another tab). Without a hint (first
 * visit, storage blocked, a queue written by an older version) it asks IndexedDB whether the database
 * exists at all; where it cannot tell, the answer is yes.
 */
export async function queueMayHoldAnswers(dbName: string): Promise<boolean> {
  const store = storage()
  let hint: string | null = null
  try {
    hint = store ? store.getItem(hintKey(dbName)) : null
  } catch {
    hint = null
  }
  if (hint === EMPTY) return false
  if (hint === WAITING || !store) return true
  try {
    const factory = typeof indexedDB === 'undefined' ? undefined : indexedDB
    if (!factory) return false // no IndexedDB: nothing can have survived a page load
    if (typeof factory.databases !== 'function') return true
    const databases = await factory.databases()
    return databases.some((database) => database.name === dbName)
  } catch {
    return true
  }
}
