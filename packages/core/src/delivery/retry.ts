// A lane's waiting rules after a failed send: the client's own backoff (full jitter; cleared by online,
// visible and flush()), a server's pause (429/503, Retry-After; honoured even by flush() and shared with
// other tabs), and the one console warning when sends keep failing while online. Part of the rare-paths
// chunk (rare.ts); the state it changes lives in the lane.
import type { Environment } from '../env'
import type { ItemOutcome } from './outcomes'
import type { Drop } from './plan'
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, pausesQueue } from './policy'
import type { SendAnswer } from './send'
import type { StoredItem } from './store'
import type { Emit } from './types'

/** Consecutive failed sends while online before the console says so (once per transport and page). */
const FAILURES_BEFORE_WARNING = 3

/** A lane's waiting state (its own; the lane reads `retryAt` and `pausedUntil` before each claim). */
export interface WaitState {
  failures: number
  warned: boolean
  /** Client backoff after a failure. */
  retryAt: number
  /** Server-requested pause. */
  pausedUntil: number
}

/** A failed send, as the lane saw it. */
export interface FailedSend {
  wait: WaitState
  name: string
  env: Environment
  emit: Emit
  backoff: Partial<BackoffPolicy> | undefined
  answer: SendAnswer
  now: number
  batch: StoredItem[]
  outcomes: Map<string, ItemOutcome>
  /** Drops of the settle (max attempts): those items are not retried. */
  drops: Drop[]
}

/** Records a failed send: the lane's backoff or pause, the console warning, the `delivery:retry` event. */
export function recordFailure(
  { wait, name, env, emit, backoff, answer, now, batch, outcomes, drops }: FailedSend,
  announcePause: (until: number) => void,
): void {
  const policy = { ...DEFAULT_BACKOFF, ...backoff }
  const failures = ++wait.failures
  const reason = answer.failure ?? answer.reason ?? `status ${answer.status}`
  if (failures === FAILURES_BEFORE_WARNING && !wait.warned && env.isOnline()) {
    // Said once, debug or not: otherwise a CORS or mixed-content mistake retries forever in silence.
    wait.warned = true
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
    wait.pausedUntil = now + delayMs
    announcePause(wait.pausedUntil)
  } else wait.retryAt = now + delayMs
  const retried = batch.filter(
    ({ key }) => outcomes.get(key)?.kind === 'retry' && !drops.some((drop) => drop.item.key === key),
  )
  if (retried.length > 0) {
    emit('delivery:retry', {
      transport: name,
      keys: retried.map((item) => item.key),
      attempt: Math.max(...retried.map((item) => item.attempts)),
      delayMs,
      reason,
    })
  }
}
