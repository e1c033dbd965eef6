// One send of a claimed batch: the adapter call under a timeout, and what its answer means for each item.
import type { Environment } from '../env'
import type { DeliveryItem, SendResult, Transport } from '../transport'
import type { ItemOutcome } from './plan'
import { batchKey, classifyStatus } from './policy'
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

/** Each item's outcome (a per-item status refines the batch's); `retry` says whether any item is to be retried. */
export function outcomesOf(batch: StoredItem[], answer: SendAnswer) {
  const outcomes = new Map<string, ItemOutcome>()
  let retry = false
  for (const { key } of batch) {
    const status = answer.items?.[key]?.status ?? answer.status
    const kind = classifyStatus(status)
    const reason = answer.items?.[key]?.reason
    if (kind === 'delivered') outcomes.set(key, { kind })
    else if (kind === 'retry') {
      retry = true
      outcomes.set(key, { kind, status, reason: reason ?? answer.failure ?? answer.reason ?? `status ${status}` })
    } else if (kind === 'split' && batch.length > 1) outcomes.set(key, { kind: 'release' })
    else {
      const refused = kind === 'split' ? 'payload too large for the backend' : `rejected with status ${status}`
      outcomes.set(key, { kind: 'dead-letter', reason: reason ?? answer.reason ?? refused, status })
    }
  }
  return { outcomes, retry }
}
