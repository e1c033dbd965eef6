// The two requests every fetch-based adapter makes: the regular POST of a batch, and the best-effort
// keepalive POST while the page unloads. The adapters differ only in URL, headers and body encoding.
// Positional parameters on purpose: each adapter is bundled on its own, and option-object keys survive
// minification in every bundle.
import type { SendResult } from '@touchloop/core'
import { byteLength, fitToBudget } from './bytes'
import type { FetchLike } from './options'
import type { ReadOptions } from './response'

export interface PostInit {
  headers: Record<string, string>
  body: string
  signal: AbortSignal
}

/**
 * A body over `maxBytes` is answered 413 with `tooLarge(size)` as the reason, never sent (the core splits
 * the batch). Otherwise one POST without cookies, read into a SendResult (`read` as in toSendResult).
 */
export async function postBatch(
  doFetch: FetchLike,
  url: string,
  init: PostInit,
  maxBytes: number,
  tooLarge: (size: number) => string,
  read?: ReadOptions,
): Promise<SendResult> {
  const size = byteLength(init.body)
  if (size > maxBytes) return { status: 413, reason: tooLarge(size) }
  // Reading the answer is a lazy chunk: only the first send needs it, never page load. Fetched alongside the
  // request; if it cannot load (offline), the send rejects and the core retries it like a network error.
  const reader = import('./response')
  reader.catch(() => {})
  const response = await doFetch(url, { method: 'POST', ...init, credentials: 'omit' })
  return (await reader).toSendResult(response, read)
}

/**
 * The longest prefix of `batch` whose encoding fits `budget` bytes, handed to fetch with keepalive.
 * Synchronous: true once the browser has queued the request (its answer never arrives; the core deletes
 * nothing because of it), false when not even one item fits. When fetch throws synchronously, the answer
 * is `fallback(body)` if given (it must not throw), else false.
 */
export function sendKeepalive<T>(
  doFetch: FetchLike,
  url: string,
  headers: Record<string, string>,
  batch: readonly T[],
  encode: (items: readonly T[]) => string,
  budget: number,
  fallback?: (body: string) => boolean,
): boolean {
  const fitted = fitToBudget(batch, encode, budget)
  if (!fitted) return false
  try {
    doFetch(url, { method: 'POST', headers, body: fitted.body, keepalive: true, credentials: 'omit' }).catch(() => {})
    return true
  } catch {
    return fallback ? fallback(fitted.body) : false
  }
}
