// What a backend answer means for the queue. Adapters only report statuses; every rule about
// delivered / retry / split / dead-letter lives here, so all transports behave the same. Part of the
// rare-paths chunk (rare.ts): a send that is 2xx for every item needs none of it.

export type Outcome = 'delivered' | 'retry' | 'split' | 'dead-letter'

/** 2xx delivered; 0 (no answer), 408, 425, 429 and 5xx except 501/505 retried; 413 split; anything else dead-lettered. */
export function classifyStatus(status: number): Outcome {
  if (status >= 200 && status < 300) return 'delivered'
  if (status === 413) return 'split'
  if (status === 0 || status === 408 || status === 425 || status === 429) return 'retry'
  if (status >= 500 && status < 600 && status !== 501 && status !== 505) return 'retry'
  return 'dead-letter'
}

/** 429 and 503 mean "the whole backend is busy": the transport's queue pauses, not just the batch. */
export function pausesQueue(status: number): boolean {
  return status === 429 || status === 503
}

export interface BackoffPolicy {
  /** First retry window, ms. */
  baseMs: number
  /** Largest window, ms. */
  capMs: number
  /** Largest honoured Retry-After, ms (a server asking for a day gets this). */
  maxRetryAfterMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000, maxRetryAfterMs: 10 * 60_000 }

/** Full jitter: a uniformly random delay in [0, min(cap, base * 2^failures)). */
export function backoffDelay(failures: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30))
  return Math.floor(random * window)
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP date, clamped to [0, max].
 * Garbage (or nothing) gives undefined, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number, maxMs: number): number | undefined {
  if (value == null) return undefined
  const text = value.trim()
  if (text === '') return undefined
  let ms: number
  if (/^\d+$/.test(text)) ms = Number(text) * 1000
  else {
    // Only accept something that looks like an HTTP date (has a letter and a digit); Date.parse is lenient.
    if (!/[a-z]/i.test(text) || !/\d/.test(text)) return undefined
    const at = Date.parse(text)
    if (Number.isNaN(at)) return undefined
    ms = at - now
  }
  if (!Number.isFinite(ms)) return maxMs
  return Math.min(Math.max(ms, 0), maxMs)
}
