// The one small interface every backend adapter implements (see @touchloop/transports).
// Adapters only move bytes and report what the backend said; classifying that answer
// (delivered / retry / split / dead-letter) is the delivery core's job, not the adapter's.
import type { ResponseRecord } from './model'

/** One queued item as handed to a transport. */
export interface DeliveryItem {
  /** `${record.id}:${record.revision}`: unique per queued item, stable across retries and reloads. */
  key: string
  record: ResponseRecord
  /** 1 on the first try. */
  attempt: number
}

export interface SendContext {
  /** Aborted on timeout or destroy(); adapters must pass it to fetch. */
  signal: AbortSignal
  /** Stable for this batch across retries: send it as an `Idempotency-Key` header where the backend supports one. */
  idempotencyKey: string
  /** Counts of items evicted since the last successful send, by reason; travels with the next batch. */
  dropped?: Record<string, number>
}

/**
 * What the backend answered. `status` is HTTP-like: 2xx delivered, 0 = no answer (network error),
 * 408/425/429/5xx retried, 413 split, other 4xx dead-lettered.
 * `items` may refine the outcome per item key (e.g. one invalid record in an accepted batch).
 */
export interface SendResult {
  status: number
  /** The raw Retry-After header (seconds or an HTTP date), if any. */
  retryAfter?: string | null
  items?: Record<string, { status: number; reason?: string }>
  /** Human-readable reason for dead-letter records (e.g. the server's error message). */
  reason?: string
}

export interface Transport {
  /** Unique per instance among the transports of one touchloop (it names the queue). */
  readonly name: string
  /** Largest batch this backend accepts (items). */
  readonly maxBatchSize?: number
  /** Largest request body this backend accepts (bytes). */
  readonly maxBatchBytes?: number
  /** Throwing (or rejecting) means a network error: the core retries. */
  send(batch: DeliveryItem[], context: SendContext): Promise<SendResult>
  /**
   * Best effort while the page unloads (fetch keepalive / sendBeacon): synchronous, within the 64 KB
   * keepalive budget. Returning true only means the browser queued it: nothing is deleted because of it.
   */
  sendOnUnload?(batch: DeliveryItem[]): boolean
  /**
   * Code the transport needs before it sends, when it loads that code lazily (the script tag's http
   * transport does): the delivery stage awaits it before its queue starts. Optional.
   */
  load?(): Promise<void>
  dispose?(): void
}

/** Error class for adapter misconfiguration; thrown at creation, never at the first send. */
export class TouchloopConfigError extends Error {
  // `declare` + an assignment: no class-field helper (defineProperty) in the page-load bundle.
  declare readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'TouchloopConfigError'
    this.code = code
  }
}
