// The queue's storage seam. Every change is one atomic `mutate`: read the items of one transport (or
// all), decide, write. In IndexedDB that is a single readwrite transaction, which is what makes lease
// claims safe across tabs even without Web Locks.
import type { ResponseRecord } from '../model'

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

export interface DeadLetter {
  transport: string
  key: string
  record: ResponseRecord
  reason: string
  status?: number
  at: number
}

export interface Mutation<T> {
  put?: StoredItem[]
  remove?: StoredItem[]
  dead?: DeadLetter[]
  result: T
}

export interface QueueStore {
  readonly kind: 'indexeddb' | 'memory'
  /**
   * Atomically reads the items of `transport` (all when undefined), applies `decide`, writes its changes.
   */
  mutate<T>(transport: string | undefined, decide: (items: StoredItem[]) => Mutation<T>): Promise<T>
  /** Stores a new item without reading the queue (the fast path of enqueue); false if its key is already queued. */
  add(item: StoredItem): Promise<boolean>
  deadLetters(): Promise<DeadLetter[]>
  close(): void
}

export const itemId = (item: { transport: string; key: string }) => `${item.transport}\u0001${item.key}`

export function sortBySeq(items: StoredItem[]): StoredItem[] {
  return items.sort((a, b) => a.seq - b.seq)
}

/** In-memory store: `persistence: 'memory'`, the degraded fallback, and the model-based tests. */
export function createMemoryStore(seed: StoredItem[] = []): QueueStore & { items: Map<string, StoredItem> } {
  const items = new Map(seed.map((item) => [itemId(item), item]))
  const dead: DeadLetter[] = []
  return {
    kind: 'memory',
    items,
    async mutate(transport, decide) {
      // Structured copies, as IndexedDB would hand out: callers may not alias stored objects.
      const scope = [...items.values()].filter((item) => transport === undefined || item.transport === transport)
      const change = decide(sortBySeq(scope.map((item) => ({ ...item }))))
      for (const item of change.remove ?? []) items.delete(itemId(item))
      for (const item of change.put ?? []) items.set(itemId(item), { ...item })
      for (const letter of change.dead ?? []) {
        items.delete(itemId(letter))
        dead.push(letter)
      }
      return change.result
    },
    async add(item) {
      if (items.has(itemId(item))) return false
      items.set(itemId(item), { ...item })
      return true
    },
    async deadLetters() {
      return dead.slice()
    },
    close() {},
  }
}
