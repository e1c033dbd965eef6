// The dead-letter admin: listing, retrying and discarding dead letters. App code calls it rarely and on
// demand, so it is a lazily imported chunk (`import('./dead-letter-admin')` from the public methods):
// it costs no bytes at page load. Writing a dead letter stays on the page-load path (the store's
// `mutate`, in the transaction that settles a send). This module works on the raw storage the store
// hands out (`QueueStore.access()`), through the resilient store's `run`, so a storage fault here
// reopens or falls back to memory exactly like the queue's own operations.
// Run-time imports: idb-keyval only (already a chunk of its own). Anything else it needs from the
// page-load modules comes through `access()` and the context: importing one of them here would make
// the bundler split it into one more page-load chunk.
import { promisifyRequest } from 'idb-keyval'
import type { DeadLetter, DeadLetterFilter } from '../api'
import type { TouchloopConfigError } from '../transport'
import type { ResilientStore } from './resilient-store'
import type { StoreAccess, StoredItem } from './store'
import type { Delivery } from './types'

export type DeadLetterMethod = 'deadLetters' | 'retryDeadLetters' | 'discardDeadLetters'

/**
 * One public dead-letter method over an instance's queues (delivery/dead-letters.ts, once this chunk
 * loads): the list is every queue's, oldest first; retry and discard check the filter, then count.
 */
export async function runDeadLetterMethod(
  method: DeadLetterMethod,
  queues: Delivery[],
  filter: unknown,
  ConfigError: typeof TouchloopConfigError,
): Promise<DeadLetter[] | number> {
  if (method === 'deadLetters') {
    return (await Promise.all(queues.map((queue) => queue.deadLetters()))).flat().sort((a, b) => a.at - b.at)
  }
  const checked = checkDeadLetterFilter(filter, ConfigError)
  const counts = await Promise.all(queues.map((queue) => queue[method](checked)))
  return counts.reduce((sum, count) => sum + count, 0)
}

/** Changes to the dead letters: `revive` items are added to their queue (unless that key is queued). */
export interface DeadLetterChange {
  remove: DeadLetter[]
  revive?: StoredItem[]
}

/** What the admin needs from the delivery instance that loaded it. */
export interface DeadLetterAdminContext {
  store: ResilientStore
  ConfigError: typeof TouchloopConfigError
  /** Names of the transports this instance serves. */
  transports: ReadonlySet<string>
  now(): number
  nextSeq(): number
  destroyed(): boolean
  /** Wakes a transport's lane, here and in other tabs. */
  nudge(transport: string): void
}

/** Checks a filter from the host page; a wrong one is a clear error, never "matches everything". */
export function checkDeadLetterFilter(filter: unknown, ConfigError: typeof TouchloopConfigError): DeadLetterFilter {
  if (filter === undefined) return {}
  const { transport, keys } = (filter ?? {}) as DeadLetterFilter
  if (
    filter === null ||
    typeof filter !== 'object' ||
    (transport !== undefined && typeof transport !== 'string') ||
    (keys !== undefined && !(Array.isArray(keys) && keys.every((key) => typeof key === 'string')))
  ) {
    throw new ConfigError(
      'delivery/invalid-dead-letter-filter',
      'A dead-letter filter is { transport?: string, keys?: string[] } (keys as "<id>:<revision>"); omit it to match every dead letter.',
    )
  }
  return { transport, keys }
}

const matches = (letter: DeadLetter, filter: DeadLetterFilter) =>
  (filter.transport === undefined || letter.transport === filter.transport) &&
  (filter.keys === undefined || filter.keys.includes(letter.key))

/**
 * Retry: the matching letters of transports this instance serves go back to their queue as new
 * pending items (attempts and age start again; same key and record). Letters of a transport no longer
 * configured stay where they are.
 */
export function planRetry(
  letters: DeadLetter[],
  filter: DeadLetterFilter,
  transports: ReadonlySet<string>,
  now: number,
  nextSeq: () => number,
): DeadLetterChange {
  const remove = letters.filter((letter) => matches(letter, filter) && transports.has(letter.transport))
  const revive = new Map<string, StoredItem>()
  for (const { transport, key, record } of remove) {
    // The same item dead-lettered twice comes back once.
    revive.set(`${transport}\u0001${key}`, {
      transport,
      key,
      record,
      bytes: JSON.stringify(record).length,
      seq: nextSeq(),
      enqueuedAt: now,
      attempts: 0,
      leaseUntil: 0,
    })
  }
  return { remove, revive: [...revive.values()] }
}

export function planDiscard(letters: DeadLetter[], filter: DeadLetterFilter): DeadLetterChange {
  return { remove: letters.filter((letter) => matches(letter, filter)) }
}

/** Dead letters stored before `attempts` existed read as 0 attempts; oldest first. */
function normalizeDeadLetters(letters: DeadLetter[]): DeadLetter[] {
  return letters.map((letter) => ({ ...letter, attempts: letter.attempts ?? 0 })).sort((a, b) => a.at - b.at)
}

function readDeadLetters(access: StoreAccess): Promise<DeadLetter[]> {
  if (access.kind === 'memory') return Promise.resolve(normalizeDeadLetters(access.dead))
  return access
    .useStore('readonly', (store) => promisifyRequest(store.getAll(access.deadRange)))
    .then((letters) => normalizeDeadLetters(letters as DeadLetter[]))
}

/** Atomically reads every dead letter, applies `decide`; resolves the revived items actually queued. */
function changeDeadLetters(
  access: StoreAccess,
  decide: (letters: DeadLetter[]) => DeadLetterChange,
): Promise<StoredItem[]> {
  if (access.kind === 'memory') {
    const { items, dead, itemKey, deadKey } = access
    const change = decide(normalizeDeadLetters(dead))
    const gone = new Set(change.remove.map(deadKey))
    dead.splice(0, dead.length, ...dead.filter((letter) => !gone.has(deadKey(letter))))
    const added: StoredItem[] = []
    for (const item of change.revive ?? []) {
      if (items.has(itemKey(item))) continue
      items.set(itemKey(item), { ...item })
      added.push(item)
    }
    return Promise.resolve(added)
  }
  // One readwrite transaction: the letters leave the dead-letter range and enter the queue together.
  access.markWaiting()
  return access.useStore('readwrite', (store) => {
    const added: StoredItem[] = []
    let failure: unknown
    const read = store.getAll(access.deadRange)
    read.onsuccess = () => {
      try {
        const change = decide(normalizeDeadLetters(read.result as DeadLetter[]))
        for (const letter of change.remove) store.delete(access.deadKey(letter))
        for (const item of change.revive ?? []) {
          const request = store.add(item, access.itemKey(item))
          request.onsuccess = () => {
            added.push(item)
            access.markWaiting()
          }
          request.onerror = (event) => {
            // Already queued (the same id and revision): that copy, and its lease, stays as it is.
            if (request.error?.name !== 'ConstraintError') return
            event.preventDefault()
            event.stopPropagation()
          }
        }
      } catch (error) {
        failure = error
        store.transaction.abort()
      }
    }
    return promisifyRequest(store.transaction).then(
      () => added,
      (error) => {
        throw failure ?? error ?? access.aborted()
      },
    )
  })
}

/** Every dead letter, oldest first. After degrading, the letters stored in IndexedDB wait there for the next visit. */
export function listDeadLetters(store: ResilientStore): Promise<DeadLetter[]> {
  return store.run((target) => readDeadLetters(target.access()))
}

async function mutate(store: ResilientStore, decide: (letters: DeadLetter[]) => DeadLetterChange) {
  const added = await store.run((target) => changeDeadLetters(target.access(), decide))
  store.remember(added)
  return added
}

export async function retryDeadLetters(context: DeadLetterAdminContext, filter?: DeadLetterFilter): Promise<number> {
  const checked = checkDeadLetterFilter(filter, context.ConfigError)
  if (context.destroyed()) return 0
  let moved = 0
  const revived = await mutate(context.store, (letters) => {
    const change = planRetry(letters, checked, context.transports, context.now(), context.nextSeq)
    moved = change.remove.length
    return change
  })
  if (context.destroyed()) return moved
  for (const name of new Set(revived.map((item) => item.transport))) context.nudge(name)
  return moved
}

export async function discardDeadLetters(context: DeadLetterAdminContext, filter?: DeadLetterFilter): Promise<number> {
  const checked = checkDeadLetterFilter(filter, context.ConfigError)
  if (context.destroyed()) return 0
  let discarded = 0
  await mutate(context.store, (letters) => {
    const change = planDiscard(letters, checked)
    discarded = change.remove.length
    return change
  })
  return discarded
}
