// One send of a claimed batch: the adapter call under a timeout, and what its answer means for each item.
import type { Environment } from '../env'
import type { DeliveryItem, SendResult, Transport } from '../transport'
import type { DropCounts, StoredItem } from './store'

/** An adapter's answer, or status 0 with why there was none. */
export type SendAnswer = SendResult & { failure?: string }

export const toDeliveryItem = (item: StoredItem): DeliveryItem => ({
  key: item.key,
  record: item.record,
  attempt: item.attempts,
})

/** Never throws: a throwing or hanging adapter is a status-0 answer. `inflight` lets destroy() abort it. */
export async function sendBatch(
  transport: Transport,
  batch: StoredItem[],
  dropped: DropCounts,
  env: Environment,
  timeoutMs: number,
  inflight: Set<AbortController>,
): Promise<SendAnswer> {
  const controller = new AbortController()
  inflight.add(controller)
  let timedOut = false
  const timeout = env.setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'))
  }, timeoutMs)
  const aborted = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason)),
  )
  aborted.catch(() => {})
  try {
    const context = {
      signal: controller.signal,
      idempotencyKey: batchKey(batch.map((item) => item.key)),
      ...(Object.keys(dropped).length > 0 ? { dropped: { ...dropped } } : {}),
    }
    const result = await Promise.race([transport.send(batch.map(toDeliveryItem), context), aborted])
    if (typeof result?.status === 'number') return result
    return { status: 0, failure: `transport "${transport.name}" returned no status (a bug in the adapter)` }
  } catch (error) {
    return { status: 0, failure: timedOut ? 'timeout' : `network error: ${(error as Error)?.message ?? error}` }
  } finally {
    env.clearTimeout(timeout)
    inflight.delete(controller)
  }
}

/** A short, stable key for a set of item keys: the same batch gets the same Idempotency-Key on every retry. */
export function batchKey(keys: string[]): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, 16777619)
      h2 = Math.imul(h2 ^ c, 2246822519)
    }
    h1 = Math.imul(h1 ^ 44, 16777619)
  }
  return `tl-${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}-${keys.length}`
}
