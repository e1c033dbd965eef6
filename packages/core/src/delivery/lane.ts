// One transport's queue: its own retry state, batching, send with timeout, settle. One failing
// backend never blocks another because each lane runs and backs off on its own.
import type { Environment } from '../env'
import type { ResponseRecord } from '../model'
import type { DeliveryItem, SendResult, Transport } from '../transport'
import {
  applyMutation,
  type ClaimOptions,
  type Drop,
  type ItemOutcome,
  type planClaim,
  planSettle,
  planTrim,
  planTrimAndClaim,
  type QueueLimits,
  tally,
} from './plan'
import { type BackoffPolicy, backoffDelay, batchKey, classifyStatus, parseRetryAfter, pausesQueue } from './policy'
import type { ResilientStore } from './resilient-store'
import { adjustCounts, type DeadLetter, type DropCounts, type StoredItem } from './store'
import type { Emit } from './types'

export interface LaneContext {
  env: Environment
  emit: Emit
  store: ResilientStore
  limits: QueueLimits
  backoff: BackoffPolicy
  batchSize: number
  timeoutMs: number
  leaseMs: number
  unloadBudgetBytes: number
  /** Runs `task` while holding this lane's cross-tab flush lock (or directly without Web Locks). */
  exclusive(name: string, task: () => Promise<void>): Promise<void>
  /** Tells other tabs that the server paused this transport. */
  announcePause(name: string, until: number): void
  nextSeq(): number
}

const DEFAULT_MAX_BATCH_BYTES = 512 * 1024
/** Consecutive failed sends while online before the console says so (once per transport and page). */
export const FAILURES_BEFORE_WARNING = 3
/** A claimed batch, its lease, and the stored drop counts it carries to the backend. */
type Claim = ReturnType<typeof planClaim>['result'] & { lease: string; dropped: DropCounts }
let leaseCounter = 0

const toDeliveryItem = (item: StoredItem): DeliveryItem => ({
  key: item.key,
  record: item.record,
  attempt: item.attempts,
})

export function createLane(transport: Transport, ctx: LaneContext) {
  const { env, emit, store } = ctx
  const name = transport.name
  let failures = 0
  let warnedFailing = false
  /** Client backoff after a failure: online, visible and flush() clear it. */
  let retryAt = 0
  /** Server-requested pause (429/503): honoured even by flush(). */
  let pausedUntil = 0
  let splitLimit = Number.POSITIVE_INFINITY
  let running: Promise<void> | undefined
  let trimming: Promise<void> | undefined
  let trimAgain = false
  let again = false
  let destroyed = false
  let timer: unknown
  let timerAt = 0
  const inflight = new Set<AbortController>()
  const unloadSent = new Set<string>()

  /** Emits the drops; their counts were stored by the transaction that made them. */
  function reportDrops(drops: Drop[]): void {
    const byReason = new Map<string, string[]>()
    for (const { item, reason } of drops) byReason.set(reason, [...(byReason.get(reason) ?? []), item.key])
    for (const [reason, keys] of byReason) emit('delivery:dropped', { transport: name, keys, reason })
  }

  function wakeAt(at: number): void {
    if (destroyed || (timer !== undefined && timerAt <= at)) return
    if (timer !== undefined) env.clearTimeout(timer)
    timerAt = at
    timer = env.setTimeout(
      () => {
        timer = undefined
        void run()
      },
      Math.max(0, at - env.now()),
    )
  }

  async function send(batch: StoredItem[], dropped: DropCounts): Promise<SendResult & { failure?: string }> {
    const controller = new AbortController()
    inflight.add(controller)
    let timedOut = false
    const timeout = env.setTimeout(() => {
      timedOut = true
      controller.abort(new DOMException(`No answer within ${ctx.timeoutMs} ms`, 'TimeoutError'))
    }, ctx.timeoutMs)
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
      if (!result || typeof result.status !== 'number') {
        return { status: 0, failure: `transport "${name}" returned no status (a bug in the adapter)` }
      }
      return result
    } catch (error) {
      return { status: 0, failure: timedOut ? 'timeout' : `network error: ${(error as Error)?.message ?? error}` }
    } finally {
      env.clearTimeout(timeout)
      inflight.delete(controller)
    }
  }

  function outcomesOf(batch: StoredItem[], result: SendResult & { failure?: string }) {
    const outcomes = new Map<string, ItemOutcome>()
    let retry = false
    for (const item of batch) {
      const status = result.items?.[item.key]?.status ?? result.status
      const kind = classifyStatus(status)
      if (kind === 'delivered') outcomes.set(item.key, { kind })
      else if (kind === 'retry') {
        retry = true
        const reason = result.items?.[item.key]?.reason ?? result.failure ?? result.reason ?? `status ${status}`
        outcomes.set(item.key, { kind, status, reason })
      } else if (kind === 'split' && batch.length > 1) outcomes.set(item.key, { kind: 'release' })
      else {
        const reason =
          result.items?.[item.key]?.reason ??
          result.reason ??
          (kind === 'split' ? 'payload too large for the backend' : `rejected with status ${status}`)
        outcomes.set(item.key, { kind: 'dead-letter', reason, status })
      }
    }
    return { outcomes, retry }
  }

  function claimOptions(now: number): ClaimOptions {
    return {
      now,
      lease: `${now.toString(36)}.${(leaseCounter++).toString(36)}.${env.random().toString(36).slice(2, 8)}`,
      leaseUntil: now + ctx.leaseMs,
      maxItems: Math.min(transport.maxBatchSize ?? ctx.batchSize, ctx.batchSize, splitLimit),
      maxBytes: transport.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
      limits: ctx.limits,
    }
  }

  /** May this lane claim a batch now? (Schedules the wake-up when it is blocked.) */
  function mayClaim(now: number): boolean {
    if (destroyed || !env.isOnline()) return false
    const blockedUntil = Math.max(retryAt, pausedUntil)
    if (blockedUntil <= now) return true
    wakeAt(blockedUntil)
    return false
  }

  /**
   * Applies a send's outcome and, when nothing asks to wait, claims the next batch in the same
   * transaction (one IndexedDB commit per batch instead of two).
   */
  async function settle(
    batch: StoredItem[],
    lease: string,
    result: SendResult & { failure?: string },
    carried: DropCounts,
  ): Promise<Claim | undefined> {
    const { outcomes, retry } = outcomesOf(batch, result)
    const keysOf = (kind: ItemOutcome['kind']) => batch.filter((item) => outcomes.get(item.key)?.kind === kind)
    // 413: halve the batch size; each answer that is not a 413 doubles it back up.
    if (keysOf('release').length > 0) splitLimit = Math.max(1, Math.ceil(batch.length / 2))
    else if (!retry && splitLimit < ctx.batchSize) splitLimit *= 2
    const now = env.now()
    const claimNext = !retry && mayClaim(now)
    // The counts this send carried reached the backend only with a 2xx; drops counted meanwhile stay.
    const uncountDrops = result.status >= 200 && result.status < 300 ? carried : undefined
    const { drops, dead, claim } = await store.mutate<{ drops: Drop[]; dead: DeadLetter[]; claim?: Claim }>(
      name,
      (items, counts) => {
        const settled = { ...planSettle(items, lease, outcomes, ctx.limits, now), uncountDrops }
        if (!claimNext) return { ...settled, result: { drops: settled.result.drops, dead: settled.result.dead } }
        // The lease starts when the transaction runs, not when it was asked for.
        const next = claimOptions(env.now())
        const claimed = planTrimAndClaim(applyMutation(items, settled), next)
        const countDrops = tally([...settled.result.drops, ...claimed.result.drops])
        return {
          put: [...(settled.put ?? []), ...(claimed.put ?? [])],
          remove: [...(settled.remove ?? []), ...(claimed.remove ?? [])],
          dead: settled.dead,
          countDrops,
          uncountDrops,
          result: {
            drops: settled.result.drops,
            dead: settled.result.dead,
            claim: { ...claimed.result, lease: next.lease, dropped: adjustCounts(counts, countDrops, uncountDrops) },
          },
        }
      },
    )
    const delivered = keysOf('delivered').map((item) => item.key)
    if (delivered.length > 0) emit('delivery:sent', { transport: name, keys: delivered })
    // Every record that became a dead letter: refused by the backend, or out of attempts.
    const deadByReason = new Map<string, { keys: string[]; status?: number }>()
    for (const letter of dead) {
      const group = deadByReason.get(letter.reason) ?? { keys: [], status: letter.status }
      group.keys.push(letter.key)
      deadByReason.set(letter.reason, group)
    }
    for (const [reason, group] of deadByReason) {
      emit('delivery:dead-letter', { transport: name, keys: group.keys, reason, status: group.status })
    }
    reportDrops(drops)
    if (!retry) {
      failures = 0
      return claim
    }
    failures++
    const reason = result.failure ?? result.reason ?? `status ${result.status}`
    if (failures === FAILURES_BEFORE_WARNING && !warnedFailing && env.isOnline()) {
      // Said once, debug or not: otherwise a CORS or mixed-content mistake retries forever in silence.
      warnedFailing = true
      console.warn(
        `touchloop: sending answers to "${name}" failed ${failures} times in a row while online (last: ${reason}); they stay queued and are retried.${
          result.status
            ? ''
            : ' Likely causes: CORS (origin not allowed), mixed content (http:// on https://), a blocker or CSP.'
        }`,
      )
    }
    const retried = keysOf('retry').filter((item) => !drops.some((drop) => drop.item.key === item.key))
    const status = result.status
    const fromServer = parseRetryAfter(result.retryAfter, now, ctx.backoff.maxRetryAfterMs)
    const delayMs = fromServer ?? backoffDelay(failures, env.random(), ctx.backoff)
    if (pausesQueue(status)) {
      pausedUntil = now + delayMs
      ctx.announcePause(name, pausedUntil)
    } else retryAt = now + delayMs
    if (retried.length > 0) {
      emit('delivery:retry', {
        transport: name,
        keys: retried.map((item) => item.key),
        attempt: Math.max(...retried.map((item) => item.attempts)),
        delayMs,
        reason,
      })
    }
    return undefined
  }

  async function pass(): Promise<void> {
    let claim: Claim | undefined
    while (!destroyed) {
      if (!claim) {
        const now = env.now()
        if (!mayClaim(now)) return
        claim = await store.mutate(name, (items, counts) => {
          const options = claimOptions(env.now())
          const claimed = planTrimAndClaim(items, options)
          const dropped = adjustCounts(counts, claimed.countDrops)
          return { ...claimed, result: { ...claimed.result, lease: options.lease, dropped } }
        })
      }
      reportDrops(claim.drops)
      if (claim.batch.length === 0) {
        if (claim.nextLeaseExpiry !== undefined) wakeAt(claim.nextLeaseExpiry)
        return
      }
      // A send must end (answer or timeout) inside its lease. If the claim's commit was slow enough to
      // eat into that, do not send on it: claim again once it has lapsed.
      if (env.now() + ctx.timeoutMs > claim.batch[0]!.leaseUntil) {
        claim = undefined
        continue
      }
      const result = await send(claim.batch, claim.dropped)
      // Destroyed mid-flight (the page is going away): leave the lease to expire, never guess.
      if (destroyed) return
      claim = await settle(claim.batch, claim.lease, result, claim.dropped)
    }
  }

  /** One trim transaction at a time; enqueues arriving meanwhile are covered by one more. */
  function trim(): Promise<void> {
    if (trimming) {
      trimAgain = true
      return trimming
    }
    trimming = (async () => {
      do {
        trimAgain = false
        try {
          const { drops } = await store.mutate(name, (items) => planTrim(items, ctx.limits, env.now()))
          reportDrops(drops)
        } catch (error) {
          if (!destroyed)
            emit('error', { message: `touchloop delivery (${name}): ${(error as Error)?.message}`, error })
        }
      } while (trimAgain && !destroyed)
      trimming = undefined
    })()
    return trimming
  }

  async function loop(): Promise<void> {
    do {
      again = false
      try {
        await ctx.exclusive(name, pass)
      } catch (error) {
        if (!destroyed) emit('error', { message: `touchloop delivery (${name}): ${(error as Error)?.message}`, error })
      }
    } while (again && !destroyed)
    // Cleared in the same microtask as the last `again` check, so no run() request falls in between.
    running = undefined
  }

  function run(): Promise<void> {
    if (destroyed) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = loop()
    return running
  }

  return {
    name,
    run,
    /** online, visible, flush(): forget the client backoff (never a server's Retry-After). */
    retryNow(): Promise<void> {
      retryAt = 0
      return run()
    },
    pause(until: number): void {
      pausedUntil = Math.max(pausedUntil, until)
      wakeAt(pausedUntil)
    },
    /** Resolves once the item is durably stored; limits and superseding are applied right after, off the ack path. */
    async enqueue(record: ResponseRecord, bytes: number): Promise<void> {
      const item: StoredItem = {
        transport: name,
        key: `${record.id}:${record.revision}`,
        record,
        bytes,
        seq: ctx.nextSeq(),
        enqueuedAt: env.now(),
        attempts: 0,
        leaseUntil: 0,
      }
      await store.add(item)
      emit('delivery:queued', { transport: name, record })
      // Every claim trims too; a separate trim (a second transaction) only when this tab can see it is due.
      const known = store.known(name)
      let bytesKnown = 0
      for (const each of known) bytesKnown += each.bytes
      const supersedes = known.some((each) => each.record.id === record.id && each.record.revision < record.revision)
      if (supersedes || known.length > ctx.limits.maxItems || bytesKnown > ctx.limits.maxBytes) void trim()
    },
    trim,
    /** pagehide: hand already-stored items to the browser; nothing is deleted because of it. */
    unload(): void {
      if (!transport.sendOnUnload) return
      const batch: DeliveryItem[] = []
      let bytes = 200
      const known = store.known(name)
      const newest = new Map<string, number>()
      for (const item of known)
        newest.set(item.record.id, Math.max(newest.get(item.record.id) ?? -1, item.record.revision))
      for (const item of known) {
        // Older revisions are covered by the newest one; the budget is for distinct answers.
        if (item.record.revision < newest.get(item.record.id)!) continue
        if (unloadSent.has(item.key) || bytes + item.bytes + 1 > ctx.unloadBudgetBytes) continue
        bytes += item.bytes + 1
        batch.push({ ...toDeliveryItem(item), attempt: item.attempts + 1 })
      }
      if (batch.length === 0) return
      try {
        if (transport.sendOnUnload(batch)) for (const item of batch) unloadSent.add(item.key)
      } catch (error) {
        emit('error', { message: `touchloop delivery (${name}): sendOnUnload threw`, error })
      }
    },
    visible(): void {
      unloadSent.clear()
    },
    destroy(): void {
      destroyed = true
      if (timer !== undefined) env.clearTimeout(timer)
      for (const controller of inflight) controller.abort(new DOMException('destroyed', 'AbortError'))
    },
  }
}

export type Lane = ReturnType<typeof createLane>
