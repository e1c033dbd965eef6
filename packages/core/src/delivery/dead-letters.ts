// Dead letters: answers a backend refused (non-retryable status) or that ran out of attempts. They are
// kept with their reason; the public instance can list them, move them back to their queue (same id
// and revision, so the backend still dedups) or discard them.
import type { DeadLetter, DeadLetterFilter } from '../api'
import { TouchloopConfigError } from '../transport'
import type { DeadLetterChange, StoredItem } from './store'
import type { Delivery } from './types'

/** Checks a filter from the host page; a wrong one is a clear error, never "matches everything". */
export function checkDeadLetterFilter(filter: unknown): DeadLetterFilter {
  if (filter === undefined) return {}
  const { transport, keys } = (filter ?? {}) as DeadLetterFilter
  if (
    filter === null ||
    typeof filter !== 'object' ||
    (transport !== undefined && typeof transport !== 'string') ||
    (keys !== undefined && !(Array.isArray(keys) && keys.every((key) => typeof key === 'string')))
  ) {
    throw new TouchloopConfigError(
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

/**
 * The instance's public dead-letter methods over its queues (one, or two while a consent-pending
 * memory queue still drains). They never throw: a failure is reported and resolves [] / 0.
 */
export function createDeadLetterMethods(
  queues: () => (Delivery | undefined)[],
  reportError: (where: string, error: unknown) => void,
) {
  const each = () => queues().filter((queue): queue is Delivery => queue !== undefined)
  const safely =
    <A extends unknown[], R>(where: string, fallback: R, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args)
      } catch (error) {
        reportError(where, error)
        return fallback
      }
    }
  const sum = async (counts: Promise<number>[]) => (await Promise.all(counts)).reduce((a, b) => a + b, 0)
  return {
    deadLetters: safely('deadLetters', [] as DeadLetter[], async () =>
      (await Promise.all(each().map((queue) => queue.deadLetters()))).flat().sort((a, b) => a.at - b.at),
    ),
    retryDeadLetters: safely('retryDeadLetters', 0, async (filter?: DeadLetterFilter) => {
      const checked = checkDeadLetterFilter(filter)
      return sum(each().map((queue) => queue.retryDeadLetters(checked)))
    }),
    discardDeadLetters: safely('discardDeadLetters', 0, async (filter?: DeadLetterFilter) => {
      const checked = checkDeadLetterFilter(filter)
      return sum(each().map((queue) => queue.discardDeadLetters(checked)))
    }),
  }
}
