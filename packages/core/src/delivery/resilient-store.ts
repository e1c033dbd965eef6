// Wraps the IndexedDB store: keeps a mirror of what is known to be stored (a memory store, read
// synchronously at unload) and, when storage fails, goes on with that mirror as the queue, so delivery
// goes on while the page lives.
import { createMemoryStore, type DropCounts, itemId, type Mutation, type QueueStore, type StoredItem } from './store'

export interface ResilientStore extends QueueStore {
  /** Items known to be stored (as of the last committed transaction). */
  known(transport: string): StoredItem[]
  /** Items another module stored (the dead-letter admin's retry): kept in the mirror. */
  remember(items: StoredItem[]): void
  /** Runs `op` on the current store with the same reopen / fallback-to-memory as the store's own operations. */
  run<R>(op: (target: QueueStore) => Promise<R>): Promise<R>
  readonly degraded: boolean
}

function describe(error: unknown): { reason: string; closed: boolean } {
  const name = (error as { name?: string; code?: string } | undefined)?.name ?? ''
  const code = (error as { code?: string } | undefined)?.code
  if (typeof code === 'string') return { reason: code, closed: false }
  if (name === 'QuotaExceededError') return { reason: 'quota-exceeded', closed: false }
  // Safari closes connections under us: InvalidStateError on the next transaction.
  if (name === 'InvalidStateError') return { reason: 'connection-closed', closed: true }
  return { reason: `storage-error:${name || String(error)}`, closed: false }
}

export function createResilientStore(
  open: () => QueueStore,
  onDegrade: (reason: string, error: unknown) => void,
): ResilientStore {
  let store = open()
  let degraded = store.kind === 'memory'
  let reopens = 0
  let closed = false
  /** What is known to be stored, and each transport's drop counts, as of the last committed transaction. */
  const mirror = createMemoryStore()

  function degrade(error: unknown): void {
    if (degraded) return
    degraded = true
    store.close()
    // The mirror becomes the queue; it lists only the dead letters this page makes from now on.
    mirror.dead.length = 0
    store = mirror
    onDegrade(describe(error).reason, error)
  }

  /** Runs `op` on the current store; a failure reopens (closed connection) or degrades to memory, then retries. */
  async function attempt<R>(op: (target: QueueStore) => Promise<R>): Promise<R> {
    if (closed) throw new Error('the delivery queue was destroyed')
    const used = store
    try {
      return await op(used)
    } catch (error) {
      // A record IndexedDB cannot clone is the caller's bug, not a storage fault: no fallback.
      if (closed || (error as Error)?.name === 'DataCloneError') throw error
      // Another operation already replaced the store that failed: run this one on the new store.
      if (store !== used) return attempt(op)
      if (degraded) throw error
      if (describe(error).closed && reopens < 3) {
        reopens++
        store.close()
        store = open()
        return attempt(op)
      }
      degrade(error)
      return op(store)
    }
  }

  async function mutate<T>(
    transport: string | undefined,
    decide: (items: StoredItem[], drops: DropCounts) => Mutation<T>,
  ): Promise<T> {
    let seen: StoredItem[] = []
    let seenDrops: DropCounts = {}
    let change: Mutation<T> | undefined
    let target: QueueStore | undefined
    await attempt((current) => {
      target = current
      return current.mutate(transport, (items, drops) => {
        // Planners never change what they are given; the mirror stores copies.
        seen = items
        seenDrops = drops
        change = decide(items, drops)
        return change
      })
    })
    // Every store calls decide before it resolves. The mirror, once it is the queue, is up to date already.
    return target === mirror ? change!.result : mirror.commit(transport, seen, seenDrops, change!)
  }

  const remember = (items: StoredItem[]) => {
    for (const item of items) mirror.items.set(itemId(item), { ...item })
  }

  async function add(item: StoredItem): Promise<boolean> {
    const added = await attempt((target) => target.add(item))
    if (added) remember([item])
    return added
  }

  return {
    get kind() {
      return store.kind
    },
    get degraded() {
      return degraded
    },
    mutate,
    add,
    known: (transport) => [...mirror.items.values()].filter((item) => item.transport === transport),
    remember,
    run: attempt,
    access: () => store.access(),
    close() {
      closed = true
      store.close()
    },
  }
}
