// Dead letters: answers a backend refused (non-retryable status) or that ran out of attempts. They are
// kept with their reason; the public instance can list them, move them back to their queue (same id
// and revision, so the backend still dedups) or discard them. This file is on the page-load path and
// only wires the public methods; what they do (merging queues, the filter check) is the lazy chunk
// dead-letter-admin.ts, so none of it costs bytes at page load.
import type { DeadLetter, DeadLetterFilter } from '../api'
import { TouchloopConfigError } from '../transport'
import type { DeadLetterMethod } from './dead-letter-admin'
import type { Delivery } from './types'

/**
 * The instance's public dead-letter methods over its queues (one, or two while a consent-pending
 * memory queue still drains). They never throw: a failure is reported and resolves [] / 0.
 */
export function createDeadLetterMethods(
  queues: () => (Delivery | undefined)[],
  reportError: (where: string, error: unknown) => void,
) {
  const method =
    <R>(name: DeadLetterMethod, fallback: R) =>
    async (filter?: DeadLetterFilter): Promise<R> => {
      const targets = queues().filter((queue): queue is Delivery => queue !== undefined)
      try {
        const admin = await import('./dead-letter-admin')
        return (await admin.runDeadLetterMethod(name, targets, filter, TouchloopConfigError)) as R
      } catch (error) {
        reportError(name, error)
        return fallback
      }
    }
  return {
    deadLetters: method('deadLetters', [] as DeadLetter[]) as () => Promise<DeadLetter[]>,
    retryDeadLetters: method('retryDeadLetters', 0),
    discardDeadLetters: method('discardDeadLetters', 0),
  }
}
