// One transport's queue: claim a batch (a lease, in one transaction), send it, settle the answer and
// claim the next batch in the same transaction. Each lane runs and backs off on its own, so one
// failing backend never blocks another. The parts: send.ts (one send), retry.ts (waiting after
// failures), plan.ts (what each transaction decides), report.ts (events), unload.ts (pagehide).
import type { Environment } from '../env'
import type { ResponseRecord } from '../model'
import type { Transport } from '../transport'
import {
  chain,
  type Drop,
  type ItemOutcome,
  type planClaim,
  planSettle,
  planTrim,
  planTrimAndClaim,
  type QueueLimits,
} from './plan'
import type { BackoffPolicy } from './policy'
import { reportDeadLetters, reportDrops } from './report'
import type { ResilientStore } from './resilient-store'
import { createRetryState } from './retry'
import { outcomesOf, type SendAnswer, sendBatch } from './send'
import { createSerial } from './serial'
import { adjustCounts, type DeadLetter, type DropCounts, type Mutation, type StoredItem } from './store'
import type { Emit } from './types'
import { unloadBatch } from './unload'

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
/** A claimed batch, its lease, and the stored drop counts it carries to the backend. */
type Claim = ReturnType<typeof planClaim>['result'] & { lease: string; dropped: DropCounts }
type Settled = { drops: Drop[]; dead: DeadLetter[]; claim?: Claim }
let leaseCounter = 0

export function createLane(transport: Transport, ctx: LaneContext) {
  const { env, emit, store, limits } = ctx
  const name = transport.name
  const retry = createRetryState(name, env, ctx.backoff, (until) => ctx.announcePause(name, until))
  let splitLimit = Number.POSITIVE_INFINITY
  let destroyed = false
  let timer: unknown
  let timerAt = 0
  const inflight = new Set<AbortController>()
  const handedOver = new Set<string>()
  const isDestroyed = () => destroyed
  const reportError = (error: unknown) =>
    emit('error', { message: `touchloop delivery (${name}): ${(error as Error)?.message}`, error })

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

  /** May this lane claim a batch now? (Schedules the wake-up when it is blocked.) */
  function mayClaim(now: number): boolean {
    if (destroyed || !env.isOnline()) return false
    const blockedUntil = retry.blockedUntil()
    if (blockedUntil <= now) return true
    wakeAt(blockedUntil)
    return false
  }

  /** `first` (a settle, or nothing), then a trim and the claim of the next batch, in one transaction. */
  function thenClaim(items: StoredItem[], counts: DropCounts, first: Mutation<Settled>): Mutation<Settled> {
    // The lease starts when the transaction runs, not when it was asked for.
    const now = env.now()
    const lease = `${now}.${leaseCounter++}.${env.random()}`
    const change = chain(items, first, (left) =>
      planTrimAndClaim(left, {
        now,
        lease,
        leaseUntil: now + ctx.leaseMs,
        maxItems: Math.min(transport.maxBatchSize ?? ctx.batchSize, ctx.batchSize, splitLimit),
        maxBytes: transport.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
        limits,
      }),
    )
    const dropped = adjustCounts(counts, change.countDrops, first.uncountDrops)
    return { ...change, result: { ...first.result, claim: { ...change.result, lease, dropped } } }
  }

  /** Applies a send's answer and, when nothing asks to wait, claims the next batch in the same transaction. */
  async function settle(claim: Claim, answer: SendAnswer): Promise<Claim | undefined> {
    const { batch } = claim
    const { outcomes, retry: retrying } = outcomesOf(batch, answer)
    const withOutcome = (kind: ItemOutcome['kind']) => batch.filter((item) => outcomes.get(item.key)?.kind === kind)
    // 413: halve the batch size; each answer that is not a 413 doubles it back up.
    if (withOutcome('release').length > 0) splitLimit = Math.max(1, Math.ceil(batch.length / 2))
    else if (!retrying && splitLimit < ctx.batchSize) splitLimit *= 2
    const now = env.now()
    const claimNext = !retrying && mayClaim(now)
    // The counts this send carried reached the backend only with a 2xx; drops counted meanwhile stay.
    const uncountDrops = answer.status >= 200 && answer.status < 300 ? claim.dropped : undefined
    const {
      drops,
      dead,
      claim: next,
    } = await store.mutate<Settled>(name, (items, counts) => {
      const settled = { ...planSettle(items, claim.lease, outcomes, limits, now), uncountDrops }
      return claimNext ? thenClaim(items, counts, settled) : settled
    })
    const delivered = withOutcome('delivered').map((item) => item.key)
    if (delivered.length > 0) emit('delivery:sent', { transport: name, keys: delivered })
    reportDeadLetters(emit, name, dead)
    reportDrops(emit, name, drops)
    if (!retrying) {
      retry.succeeded()
      return next
    }
    const { delayMs, reason } = retry.failed(answer, now)
    const retried = withOutcome('retry').filter((item) => !drops.some((drop) => drop.item.key === item.key))
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
        if (!mayClaim(env.now())) return
        claim = (
          await store.mutate(name, (items, counts) => thenClaim(items, counts, { result: { drops: [], dead: [] } }))
        ).claim!
      }
      reportDrops(emit, name, claim.drops)
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
      const answer = await sendBatch(transport, claim.batch, claim.dropped, env, ctx.timeoutMs, inflight)
      // Destroyed mid-flight (the page is going away): leave the lease to expire, never guess.
      if (destroyed) return
      claim = await settle(claim, answer)
    }
  }

  const run = createSerial(() => ctx.exclusive(name, pass), isDestroyed, reportError)
  /** One trim transaction at a time; enqueues arriving meanwhile are covered by one more. */
  const trim = createSerial(
    () => store.mutate(name, (items) => planTrim(items, limits, env.now())),
    isDestroyed,
    reportError,
    ({ drops }) => reportDrops(emit, name, drops),
  )

  return {
    name,
    run,
    retryNow(): Promise<void> {
      retry.clearBackoff()
      return run()
    },
    pause(until: number): void {
      wakeAt(retry.pause(until))
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
      if (supersedes || known.length > limits.maxItems || bytesKnown > limits.maxBytes) void trim()
    },
    trim,
    /** pagehide: hand already-stored items to the browser; nothing is deleted because of it. */
    unload(): void {
      if (!transport.sendOnUnload) return
      const batch = unloadBatch(store.known(name), handedOver, ctx.unloadBudgetBytes)
      if (batch.length === 0) return
      try {
        if (transport.sendOnUnload(batch)) for (const item of batch) handedOver.add(item.key)
      } catch (error) {
        emit('error', { message: `touchloop delivery (${name}): sendOnUnload threw`, error })
      }
    },
    visible(): void {
      handedOver.clear()
    },
    destroy(): void {
      destroyed = true
      if (timer !== undefined) env.clearTimeout(timer)
      for (const controller of inflight) controller.abort(new DOMException('destroyed', 'AbortError'))
    },
  }
}

export type Lane = ReturnType<typeof createLane>
