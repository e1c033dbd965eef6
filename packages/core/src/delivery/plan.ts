// Pure decisions over the items of one transport's queue, run inside a store transaction:
// what to add, evict, supersede, claim and settle. No I/O here, so every rule is unit-testable.
import { adjustCounts, applyMutation, type DropCounts, type Mutation, type StoredItem } from './store'

export interface QueueLimits {
  maxItems: number
  maxBytes: number
  maxAgeMs: number
  maxAttempts: number
}

export interface Drop {
  item: StoredItem
  reason: 'max-items' | 'max-bytes' | 'max-age' | 'max-attempts'
}

const leased = (item: StoredItem, now: number) => item.leaseUntil > now

/** The newest revision of each response among `items` (a newer revision carries every answer of an older one). */
export function newestRevisions(items: StoredItem[]): Map<string, number> {
  const newest = new Map<string, number>()
  for (const { record } of items) newest.set(record.id, Math.max(newest.get(record.id) ?? -1, record.revision))
  return newest
}

/** Drops by reason, for the stored counts (undefined when there are none: nothing to write). */
export function tally(drops: Drop[]): DropCounts | undefined {
  if (drops.length === 0) return undefined
  const counts: DropCounts = {}
  for (const { reason } of drops) counts[reason] = (counts[reason] ?? 0) + 1
  return counts
}

/**
 * Keeps the queue within its limits after items were added: supersedes older revisions of a response
 * by its newest one (never one in flight), drops items past max age, then evicts the oldest items
 * not in flight until within max items and max bytes.
 */
export function planTrim(items: StoredItem[], limits: QueueLimits, now: number): Mutation<{ drops: Drop[] }> {
  const newest = newestRevisions(items)
  const superseded: StoredItem[] = []
  const drops: Drop[] = []
  const kept: StoredItem[] = []
  for (const item of items) {
    if (leased(item, now)) kept.push(item)
    // The newer revision carries every answer of the older one: sending both wastes bandwidth.
    else if (item.record.revision < newest.get(item.record.id)!) superseded.push(item)
    else if (now - item.enqueuedAt > limits.maxAgeMs) drops.push({ item, reason: 'max-age' })
    else kept.push(item)
  }
  let bytes = kept.reduce((sum, each) => sum + each.bytes, 0)
  for (let i = 0; i < kept.length && (kept.length > limits.maxItems || bytes > limits.maxBytes); ) {
    const candidate = kept[i]!
    if (leased(candidate, now)) {
      i++
      continue
    }
    drops.push({ item: candidate, reason: kept.length > limits.maxItems ? 'max-items' : 'max-bytes' })
    kept.splice(i, 1)
    bytes -= candidate.bytes
  }
  return { remove: [...superseded, ...drops.map((drop) => drop.item)], countDrops: tally(drops), result: { drops } }
}

export interface ClaimOptions {
  now: number
  leaseUntil: number
  lease: string
  maxItems: number
  maxBytes: number
  limits: QueueLimits
}

/**
 * Claims the oldest ready items (pending, or whose lease expired) as one batch within the size limits;
 * drops the ones past max age. `nextLeaseExpiry` says when items leased by someone else become ready.
 */
export function planClaim(
  items: StoredItem[],
  options: ClaimOptions,
): Mutation<{ batch: StoredItem[]; drops: Drop[]; nextLeaseExpiry?: number }> {
  const batch: StoredItem[] = []
  const drops: Drop[] = []
  let bytes = 0
  let nextLeaseExpiry: number | undefined
  for (const item of items) {
    if (leased(item, options.now)) {
      nextLeaseExpiry = Math.min(nextLeaseExpiry ?? item.leaseUntil, item.leaseUntil)
      continue
    }
    if (options.now - item.enqueuedAt > options.limits.maxAgeMs) {
      drops.push({ item, reason: 'max-age' })
      continue
    }
    if (batch.length >= options.maxItems) continue
    if (batch.length > 0 && bytes + item.bytes > options.maxBytes) continue
    bytes += item.bytes
    batch.push({ ...item, attempts: item.attempts + 1, leaseUntil: options.leaseUntil, lease: options.lease })
  }
  return {
    put: batch,
    remove: drops.map((drop) => drop.item),
    countDrops: tally(drops),
    result: { batch, drops, nextLeaseExpiry },
  }
}

/**
 * `first`, then what `plan` decides on the items as `first` leaves them, as one change (one commit).
 * The result is `plan`'s; `first`'s uncounted drops are kept.
 */
export function chain<B>(
  items: StoredItem[],
  first: Mutation<unknown>,
  plan: (items: StoredItem[]) => Mutation<B>,
): Mutation<B> {
  const second = plan(applyMutation(items, first))
  const counts = adjustCounts(first.countDrops ?? {}, second.countDrops)
  return {
    uncountDrops: first.uncountDrops,
    put: [...(first.put ?? []), ...(second.put ?? [])],
    remove: [...(first.remove ?? []), ...(second.remove ?? [])],
    dead: [...(first.dead ?? []), ...(second.dead ?? [])],
    countDrops: Object.keys(counts).length > 0 ? counts : undefined,
    result: second.result,
  }
}

/** Trim, then claim from what is left: one read, one commit. */
export function planTrimAndClaim(
  items: StoredItem[],
  options: ClaimOptions,
): Mutation<{ batch: StoredItem[]; drops: Drop[]; nextLeaseExpiry?: number }> {
  const trimmed = planTrim(items, options.limits, options.now)
  const change = chain(items, trimmed, (left) => planClaim(left, options))
  return { ...change, result: { ...change.result, drops: [...trimmed.result.drops, ...change.result.drops] } }
}
