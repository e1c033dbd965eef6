// The queue's storage seam. Every change is one atomic `mutate`: read the items of one transport (or
// all), decide, write. In IndexedDB that is a single readwrite transaction, which is what makes lease
// claims safe across tabs even without Web Locks.
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

/** Changes to the dead letters: `revive` items are added to their queue (unless that key is queued). */
export interface DeadLetterChange {
  remove: DeadLetter[]
  revive?: StoredItem[]
}

export interface QueueStore {
  readonly kind: 'indexeddb' | 'memory'
  /**
   * Atomically reads the items of `transport` (all when undefined), applies `decide`, writes its changes.
   */
  mutate<T>(transport: string | undefined, decide: (items: StoredItem[], drops: DropCounts) => Mutation<T>): Promise<T>
  /** Stores a new item without reading the queue (the fast path of enqueue); false if its key is already queued. */
  add(item: StoredItem): Promise<boolean>
  deadLetters(): Promise<DeadLetter[]>
  /** Atomically reads every dead letter, applies `decide`; resolves the revived items actually queued. */
  mutateDeadLetters(decide: (letters: DeadLetter[]) => DeadLetterChange): Promise<StoredItem[]>
  close(): void
}

export const itemId = (item: { transport: string; key: string }) => `${item.transport}\u0001${item.key}`
/** One item may be dead-lettered more than once (re-enqueued, or retried and refused again). */
export const deadLetterId = (letter: DeadLetter) => `${itemId(letter)}\u0001${letter.at}`

export function sortBySeq(items: StoredItem[]): StoredItem[] {
  return items.sort((a, b) => a.seq - b.seq)
}

/** Dead letters stored before `attempts` existed read as 0 attempts; oldest first. */
export function normalizeDeadLetters(letters: DeadLetter[]): DeadLetter[] {
  return letters.map((letter) => ({ ...letter, attempts: letter.attempts ?? 0 })).sort((a, b) => a.at - b.at)
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

/** In-memory store: `persistence: 'memory'`, the degraded fallback, and the model-based tests. */
export function createMemoryStore(
  seed: StoredItem[] = [],
  seedDrops: Map<string, DropCounts> = new Map(),
): QueueStore & { items: Map<string, StoredItem>; drops: Map<string, DropCounts> } {
  const items = new Map(seed.map((item) => [itemId(item), item]))
  const drops = new Map(seedDrops)
  let dead: DeadLetter[] = []
  return {
    kind: 'memory',
    items,
    drops,
    async mutate(transport, decide) {
      // Structured copies, as IndexedDB would hand out: callers may not alias stored objects.
      const scope = [...items.values()].filter((item) => transport === undefined || item.transport === transport)
      const counts = (transport !== undefined && drops.get(transport)) || {}
      const change = decide(sortBySeq(scope.map((item) => ({ ...item }))), { ...counts })
      for (const item of change.remove ?? []) items.delete(itemId(item))
      for (const item of change.put ?? []) items.set(itemId(item), { ...item })
      for (const letter of change.dead ?? []) {
        items.delete(itemId(letter))
        dead.push({ ...letter })
      }
      if (transport !== undefined) drops.set(transport, adjustCounts(counts, change.countDrops, change.uncountDrops))
      return change.result
    },
    async add(item) {
      if (items.has(itemId(item))) return false
      items.set(itemId(item), { ...item })
      return true
    },
    async deadLetters() {
      return normalizeDeadLetters(dead)
    },
    async mutateDeadLetters(decide) {
      const change = decide(normalizeDeadLetters(dead))
      const gone = new Set(change.remove.map(deadLetterId))
      dead = dead.filter((letter) => !gone.has(deadLetterId(letter)))
      const added: StoredItem[] = []
      for (const item of change.revive ?? []) {
        if (items.has(itemId(item))) continue
        items.set(itemId(item), { ...item })
        added.push(item)
      }
      return added
    },
    close() {},
  }
}
