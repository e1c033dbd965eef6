// The http transport: JSON POST of `{ records, sentAt, dropped }` to any URL. This is what the collector
// speaks (docs/architecture.md, docs/transports/http.md).
import type { DeliveryItem, ResponseRecord, SendContext, SendResult, Transport } from '@touchloop/core'
import { TouchloopConfigError } from '@touchloop/core'
import { UNLOAD_BUDGET_BYTES } from './shared/bytes'
import { httpTarget, MAX_BATCH_BYTES, MAX_BATCH_SIZE } from './shared/http-target'
import {
  type FetchLike,
  optionalHeaders,
  optionalName,
  optionalPositiveInteger,
  requireObject,
  resolveFetch,
} from './shared/options'
import { postBatch, sendKeepalive } from './shared/post'

export interface HttpTransportOptions {
  /** Where to POST, e.g. "https://feedback.example.com/v1/responses". */
  url: string
  /**
   * The site's public write key for a touchloop collector. Sent in the URL (`?key=…`), so it also rides
   * along with keepalive and sendBeacon requests, which cannot carry custom headers. It is public by
   * design: the collector accepts it only from the origins listed for it.
   */
  writeKey?: string
  /** Extra request headers. Not allowed in `simple` mode: they force a CORS preflight. */
  headers?: Record<string, string>
  /**
   * CORS-simple requests: `content-type: text/plain`, no custom headers and no `Idempotency-Key`, so the
   * browser sends them without a preflight. The body is the same JSON.
   */
  simple?: boolean
  /** Largest batch, in records. Default 50. */
  maxBatchSize?: number
  /** Largest request body, in bytes. Default 256 kB; a bigger batch is answered 413 locally so the core splits it. */
  maxBatchBytes?: number
  fetch?: FetchLike
  /** Names this transport's queue; default `http:<url>`. Keep it stable across releases. */
  name?: string
}

export interface HttpBody {
  records: ResponseRecord[]
  sentAt: string
  dropped: Record<string, number>
}

const ADAPTER = 'http'
const JSON_TYPE = 'application/json'
// The one content type a CORS-simple request may carry that servers still read as text.
const SIMPLE_TYPE = 'text/plain;charset=UTF-8'

export function encodeHttpBody(records: readonly ResponseRecord[], dropped?: Record<string, number>): string {
  const body: HttpBody = { records: [...records], sentAt: new Date().toISOString(), dropped: dropped ?? {} }
  return JSON.stringify(body)
}

export function createHttpTransport(options: HttpTransportOptions): Transport {
  requireObject(ADAPTER, options)
  const { baseUrl, url } = httpTarget(options)
  const headers = optionalHeaders(ADAPTER, options.headers)
  const simple = options.simple === true
  if (simple && Object.keys(headers).length > 0) {
    throw new TouchloopConfigError(
      'http/headers-in-simple-mode',
      `http transport: \`simple: true\` sends CORS-simple requests, which cannot carry custom headers (${Object.keys(headers).join(', ')}). Put a public key in the URL query instead, or drop \`simple\`.`,
    )
  }
  const maxBatchSize = optionalPositiveInteger(ADAPTER, 'maxBatchSize', options.maxBatchSize, MAX_BATCH_SIZE, 10_000)
  const maxBatchBytes = optionalPositiveInteger(ADAPTER, 'maxBatchBytes', options.maxBatchBytes, MAX_BATCH_BYTES)
  const doFetch = resolveFetch(ADAPTER, options.fetch)
  const name = optionalName(ADAPTER, options.name, `http:${baseUrl}`)

  const requestHeaders = (idempotencyKey?: string): Record<string, string> => {
    if (simple) return { 'content-type': SIMPLE_TYPE }
    const result: Record<string, string> = { 'content-type': JSON_TYPE, ...headers }
    if (idempotencyKey) result['idempotency-key'] = idempotencyKey
    return result
  }

  return {
    name,
    maxBatchSize,
    maxBatchBytes,

    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      // A body over maxBatchBytes is never sent: the core splits the batch (or dead-letters a single record
      // that can never fit).
      const body = encodeHttpBody(
        batch.map((item) => item.record),
        context.dropped,
      )
      return postBatch(
        doFetch,
        url,
        { headers: requestHeaders(context.idempotencyKey), body, signal: context.signal },
        maxBatchBytes,
        (size) => `request body of ${size} bytes exceeds maxBatchBytes (${maxBatchBytes})`,
        { keys: new Set(batch.map((item) => item.key)) },
      )
    },

    sendOnUnload(batch: DeliveryItem[]): boolean {
      // Unload requests are always text/plain: a JSON content type or an Idempotency-Key would need a CORS
      // preflight, which a closing page may never finish. App headers (if any) still go along.
      return sendKeepalive(
        doFetch,
        url,
        { ...headers, 'content-type': SIMPLE_TYPE },
        batch,
        (items) => encodeHttpBody(items.map((item) => item.record)),
        Math.min(UNLOAD_BUDGET_BYTES, maxBatchBytes),
        // fetch threw synchronously (keepalive budget exhausted, or no keepalive support): try a beacon,
        // which can carry no custom headers.
        (body) => {
          if (Object.keys(headers).length > 0 || typeof navigator === 'undefined' || !navigator.sendBeacon) return false
          try {
            return navigator.sendBeacon(url, new Blob([body], { type: SIMPLE_TYPE }))
          } catch {
            return false
          }
        },
      )
    },
  }
}
