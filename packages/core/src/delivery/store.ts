// The queue's storage seam. Every change is one atomic `mutate`: read the items of one transport (or
// all), decide, write. In IndexedDB that is a single readwrite transaction, which is what makes lease
// claims safe across tabs even without Web Locks.
import type { UseStore } from 'idb-keyval'
import type { DeadLetter } from '../api'
import type { ResponseRecord } from '../model'

export type { DeadLetter }

export interface StoredItem {
  transport: string
  /** `${id}:${revision}` */
  key: string
  record: ResponseRecord
  /** JSON length of the record (a byte estimate good enough for limits and batching). */
  bytes: number
  /** Enqueue order (time-based, unique per store). */
  seq: number
  enqueuedAt: number
  /** Sends started so far. */
  attempts: number
  /** 0 = pending; otherwise in flight until this time (an expired lease means redelivery). */
  leaseUntil: number
  /** Who holds the lease (one send); settling checks it so a stale send never releases a newer claim. */
  lease?: string
}

/** Evictions by reason, not yet reported to the backend (they travel as `SendContext.dropped`). */
export type DropCounts = Record<string, number>

export interface Mutation<T> {
  put?: StoredItem[]
  remove?: StoredItem[]
  dead?: DeadLetter[]
  /** New drops of the mutated transport, added to its stored counts in the same transaction. */
  countDrops?: DropCounts
  /** Counts a delivered send carried: subtracted (never below 0), so drops counted meanwhile stay. */
  uncountDrops?: DropCounts
  result: T
}

/**
 * The raw storage behind a store, for the dead-letter admin (listing, retry, discard). That admin is a
 * lazily imported chunk (dead-letter-admin.ts) and imports nothing from the page-load modules at run
 * time (a module both need would be split into one more page-load chunk), so the store hands it what
 * it needs here. Writing a dead letter stays on the page-load path, in `mutate`.
 */
export type StoreAccess = (
  | {
      kind: 'indexeddb'
      useStore: UseStore
      deadRange: IDBKeyRange
      aborted(): Error
      /** Sets the page-load hint (hint.ts) before and inside a write that queues items. */
      markWaiting(): void
    }
  | { kind: 'memory'; items: Map<string, StoredItem>; dead: DeadLetter[] }
) & {
  /** Storage key of a queued item, of a dead letter. */
  itemKey(item: { transport: string; key: string }): string
  deadKey(letter: DeadLetter): string
}

export interface QueueStore {
  readonly kind: 'indexeddb' | 'memory'
  /**
   * Atomically reads the items of `transport` (all when undefined), applies `decide`, writes its changes.
   */
  mutate<T>(transport: string | undefined, decide: (items: StoredItem[], drops: DropCounts) => Mutation<T>): Promise<T>
  /** Stores a new item without reading the queue (the fast path of enqueue); false if its key is already queued. */
  add(item: StoredItem): Promise<boolean>
  /** For the dead-letter admin only. */
  access(): StoreAccess
  close(): void
}

export const itemId = (item: { transport: string; key: string }) => `${item.transport}\u0001${item.key}`
/** One item may be dead-lettered more than once (re-enqueued, or retried and refused again). */
export const deadLetterId = (letter: DeadLetter) => `${itemId(letter)}\u0001${letter.at}`

export function sortBySeq(items: StoredItem[]): StoredItem[] {
  return items.sort((a, b) => a.seq - b.seq)
}

/** `counts + add - subtract`, without zero or negative entries. */
export function adjustCounts(counts: DropCounts, add?: DropCounts, subtract?: DropCounts): DropCounts {
  const next = { ...counts }
  for (const [reason, n] of Object.entries(add ?? {})) next[reason] = (next[reason] ?? 0) + n
  for (const [reason, n] of Object.entries(subtract ?? {})) {
    const left = (next[reason] ?? 0) - n
    if (left > 0) next[reason] = left
    else delete next[reason]
  }
  return next
}

/** The items as they will be once `change` commits (puts replace items already there). */
export function applyMutation(items: StoredItem[], change: Mutation<unknown>): StoredItem[] {
  const gone = new Set([...(change.remove ?? []), ...(change.dead ?? [])].map(itemId))
  const replaced = new Map((change.put ?? []).map((item) => [itemId(item), item]))
  return items.filter((item) => !gone.has(itemId(item))).map((item) => replaced.get(itemId(item)) ?? item)
}

export type MemoryStore = QueueStore & {
  items: Map<string, StoredItem>
  drops: Map<string, DropCounts>
  dead: DeadLetter[]
  /**
   * Replaces the items of `transport` (all when undefined) by `seen` with `change` applied, and its drop
   * counts by `counts` adjusted: how `mutate` writes, and how the resilient store mirrors a commit.
   */
  commit<T>(transport: string | undefined, seen: StoredItem[], counts: DropCounts, change: Mutation<T>): T
}

/** In-memory store: `persistence: 'memory'`, the resilient store's mirror (and its fallback), the model tests. */
export function createMemoryStore(
  seed: StoredItem[] = [],
  seedDrops: Map<string, DropCounts> = new Map(),
): MemoryStore {
  const items = new Map(seed.map((item) => [itemId(item), item]))
  const drops = new Map(seedDrops)
  const dead: DeadLetter[] = []
  const inScope = (transport: string | undefined) =>
    [...items.values()].filter((item) => transport === undefined || item.transport === transport)
  const commit: MemoryStore['commit'] = (transport, seen, counts, change) => {
    for (const item of inScope(transport)) items.delete(itemId(item))
    for (const item of applyMutation(seen, change)) items.set(itemId(item), { ...item })
    for (const letter of change.dead ?? []) dead.push({ ...letter })
    if (transport !== undefined) drops.set(transport, adjustCounts(counts, change.countDrops, change.uncountDrops))
    return change.result
  }
  return {
    kind: 'memory',
    items,
    drops,
    dead,
    commit,
    async mutate(transport, decide) {
      const scope = inScope(transport)
      const counts = (transport !== undefined && drops.get(transport)) || {}
      // Structured copies, as IndexedDB would hand out: callers may not alias stored objects.
      return commit(transport, scope, counts, decide(sortBySeq(scope.map((item) => ({ ...item }))), { ...counts }))
    },
    async add(item) {
      if (items.has(itemId(item))) return false
      items.set(itemId(item), { ...item })
      return true
    },
    access: () => ({ kind: 'memory', items, dead, itemKey: itemId, deadKey: deadLetterId }),
    close() {},
  }
}
