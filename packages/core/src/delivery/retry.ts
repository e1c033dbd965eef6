// A lane's waiting rules after failed sends: the client's own backoff (full jitter; cleared by online,
// visible and flush()), a server's pause (429/503, Retry-After; honoured even by flush() and shared with
// other tabs), and the one console warning when sends keep failing while online.
import type { Environment } from '../env'
import { type BackoffPolicy, backoffDelay, parseRetryAfter, pausesQueue } from './policy'
import type { SendAnswer } from './send'

/** Consecutive failed sends while online before the console says so (once per transport and page). */
const FAILURES_BEFORE_WARNING = 3

export function createRetryState(
  name: string,
  env: Environment,
  policy: BackoffPolicy,
  announcePause: (until: number) => void,
) {
  let failures = 0
  let warned = false
  /** Client backoff after a failure. */
  let retryAt = 0
  /** Server-requested pause. */
  let pausedUntil = 0
  return {
    /** When this lane may claim again (past or now: it may). */
    blockedUntil: () => Math.max(retryAt, pausedUntil),
    succeeded(): void {
      failures = 0
    },
    /** Records a failed send at `now`; resolves how long this lane waits and why. */
    failed(answer: SendAnswer, now: number): { delayMs: number; reason: string } {
      failures++
      const reason = answer.failure ?? answer.reason ?? `status ${answer.status}`
      if (failures === FAILURES_BEFORE_WARNING && !warned && env.isOnline()) {
        // Said once, debug or not: otherwise a CORS or mixed-content mistake retries forever in silence.
        warned = true
        console.warn(
          `touchloop: sending answers to "${name}" failed ${failures} times in a row while online (last: ${reason}); they stay queued and are retried.${
            answer.status
              ? ''
              : ' Likely causes: CORS (origin not allowed), mixed content (http:// on https://), a blocker or CSP.'
          }`,
        )
      }
      const delayMs =
        parseRetryAfter(answer.retryAfter, now, policy.maxRetryAfterMs) ?? backoffDelay(failures, env.random(), policy)
      if (pausesQueue(answer.status)) {
        pausedUntil = now + delayMs
        announcePause(pausedUntil)
      } else retryAt = now + delayMs
      return { delayMs, reason }
    },
    /** online, visible, flush(): forget the client backoff (never a server's Retry-After). */
    clearBackoff(): void {
      retryAt = 0
    },
    /** Another tab was told to pause; resolves the pause now in force. */
    pause(until: number): number {
      pausedUntil = Math.max(pausedUntil, until)
      return pausedUntil
    },
  }
}
