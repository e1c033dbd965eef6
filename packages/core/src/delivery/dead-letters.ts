// Dead letters: answers a backend refused (non-retryable status) or that ran out of attempts. They are
// kept with their reason; the public instance can list them, move them back to their queue (same id
// and revision, so the backend still dedups) or discard them. This file is on the page-load path and
// only wires the public methods; the admin code itself is the lazy chunk dead-letter-admin.ts.
import type { DeadLetter, DeadLetterFilter } from '../api'
import { TouchloopConfigError } from '../transport'
import type { Delivery } from './types'

/** The filter check lives in the lazily loaded admin chunk, with the code that uses the filter. */
const checkFilter = async (filter?: DeadLetterFilter) =>
  (await import('./dead-letter-admin')).checkDeadLetterFilter(filter, TouchloopConfigError)

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
      const targets = each()
      const checked = await checkFilter(filter)
      return sum(targets.map((queue) => queue.retryDeadLetters(checked)))
    }),
    discardDeadLetters: safely('discardDeadLetters', 0, async (filter?: DeadLetterFilter) => {
      const targets = each()
      const checked = await checkFilter(filter)
      return sum(targets.map((queue) => queue.discardDeadLetters(checked)))
    }),
  }
}
