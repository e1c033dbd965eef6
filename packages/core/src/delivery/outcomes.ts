// What a send's answer means for each item of its batch, and for the queue: part of the rare-
// paths chunk (rare.ts), loaded by the first send whose answer is not 2xx for every item.
import type { Drop, QueueLimits } from './plan'
import { classifyStatus } from './policy'
import type { SendAnswer } from './send'
import type { DeadLetter, Mutation, StoredItem } from './store'

export type ItemOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; status?: number; reason?: string }
  | { kind: 'release' }
  | { kind: 'dead-letter'; reason: string; status?: number }

/**
 * Applies the outcome of one send to the items this send leased. An item whose lease was taken over
 * (it expired and someone else claimed it) is only ever removed when delivered, never released.
 */
export function planSettle(
  items: StoredItem[],
  lease: string,
  outcomes: Map<string, ItemOutcome>,
  limits: QueueLimits,
  now: number,
): Mutation<{ drops: Drop[]; dead: DeadLetter[] }> {
  const put: StoredItem[] = []
  const remove: StoredItem[] = []
  const dead: DeadLetter[] = []
  const drops: Drop[] = []
  for (const item of items) {
    const outcome = outcomes.get(item.key)
    if (!outcome) continue
    if (outcome.kind === 'delivered') {
      remove.push(item)
      continue
    }
    if (item.lease !== lease) continue
    const letter = { transport: item.transport, key: item.key, record: item.record, attempts: item.attempts, at: now }
    if (outcome.kind === 'dead-letter') {
      dead.push({ ...letter, reason: outcome.reason, status: outcome.status })
    } else if (outcome.kind === 'retry' && item.attempts >= limits.maxAttempts) {
      // Dropped from the queue (and counted), but kept as a dead letter that retryDeadLetters() can replay.
      drops.push({ item, reason: 'max-attempts' })
      dead.push({ ...letter, reason: `max-attempts: ${outcome.reason ?? 'no answer'}`, status: outcome.status })
    } else {
      put.push({ ...item, leaseUntil: 0, lease: undefined })
    }
  }
  return { put, remove, dead, result: { drops, dead } }
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
