// The two requests every fetch-based adapter makes: the regular POST of a batch, and the best-effort
// keepalive POST while the page unloads. The adapters differ only in URL, headers and body encoding.
import type { SendResult } from '@touchloop/core'
import { byteLength, fitToBudget, UNLOAD_BUDGET_BYTES } from './bytes'
import type { FetchLike } from './options'
import { type ReadOptions, toSendResult } from './response'

export interface BatchRequest extends ReadOptions {
  headers: Record<string, string>
  body: string
  signal: AbortSignal
  /** Largest body in bytes; a bigger one is answered 413 locally, never sent, so the core splits the batch. */
  maxBytes: number
  /** The 413 reason for a body of `size` bytes. */
  tooLarge: (size: number) => string
  /**
   * Per-item results the adapter decided without sending (items left out of the body), merged under the
   * backend's answer. Not added to the local 413: the core splits that batch and they are decided again.
   */
  localItems?: SendResult['items']
}

/** Size check, then one POST without cookies, read into a SendResult (`keys` / `perItem` as in toSendResult). */
export async function postBatch(
  doFetch: FetchLike,
  url: string,
  { headers, body, signal, maxBytes, tooLarge, keys, perItem, localItems }: BatchRequest,
): Promise<SendResult> {
  const size = byteLength(body)
  if (size > maxBytes) return { status: 413, reason: tooLarge(size) }
  const response = await doFetch(url, { method: 'POST', headers, body, signal, credentials: 'omit' })
  const result = await toSendResult(response, { keys, perItem })
  if (localItems && Object.keys(localItems).length > 0) result.items = { ...localItems, ...result.items }
  return result
}

export interface KeepaliveRequest<T> {
  headers: Record<string, string>
  encode: (items: readonly T[]) => string
  /** Default: the page's keepalive budget (UNLOAD_BUDGET_BYTES). */
  budget?: number
  /** Tried with the fitted body when fetch throws synchronously; its answer is the result. Must not throw. */
  fallback?: (body: string) => boolean
}

/**
 * The longest prefix of `batch` that fits the budget, handed to fetch with keepalive. Synchronous: true once
 * the browser has queued the request (its answer never arrives; the core deletes nothing because of it),
 * false when not even one item fits or fetch throws synchronously (and there is no fallback).
 */
export function sendKeepalive<T>(
  doFetch: FetchLike,
  url: string,
  batch: readonly T[],
  { headers, encode, budget = UNLOAD_BUDGET_BYTES, fallback }: KeepaliveRequest<T>,
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
