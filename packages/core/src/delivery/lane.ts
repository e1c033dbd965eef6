// One transport's queue: claim a batch (a lease, in one transaction), send it, settle the answer and
// claim the next batch in the same transaction. Each lane runs and backs off on its own, so one
// failing backend never blocks another. The parts: send.ts (one send), plan.ts (what each transaction
// decides), report.ts (events), unload.ts (pagehide), serial.ts; an answer that is not 2xx for every
// item loads the rare-paths chunk (rare.ts: outcomes, settling, backoff).
import type { Environment } from '../env'
import type { ResponseRecord } from '../model'
import type { Transport } from '../transport'
import type { ItemOutcome } from './outcomes'
import { chain, type Drop, type planClaim, planTrim, planTrimAndClaim, type QueueLimits, tally } from './plan'
import type { BackoffPolicy } from './policy'
import { reportDeadLetters, reportDrops } from './report'
import type { ResilientStore } from './resilient-store'
import type { WaitState } from './retry'
import { type SendAnswer, sendBatch } from './send'
import { createSerial } from './serial'
import { adjustCounts, type DeadLetter, type DropCounts, type Mutation, type StoredItem } from './store'
import type { Emit } from './types'
import { unloadBatch } from './unload'

export interface LaneContext {
  env: Environment
  emit: Emit
  store: ResilientStore
  limits: QueueLimits
  /** Defaults in policy.ts (the rare-paths chunk applies them). */
  backoff?: Partial<BackoffPolicy>
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
/** The rare-paths chunk, once a send needed it (shared by every lane). */
let failureCode: Promise<typeof import('./rare')> | undefined

export function createLane(transport: Transport, ctx: LaneContext) {
  const { env, emit, store, limits } = ctx
  const name = transport.name
  const wait: WaitState = { failures: 0, warned: false, retryAt: 0, pausedUntil: 0 }
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
    const blockedUntil = Math.max(wait.retryAt, wait.pausedUntil)
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
    const delivered = (status: number) => status >= 200 && status < 300
    let failure: typeof import('./rare') | undefined
    if (!batch.every(({ key }) => delivered(answer.items?.[key]?.status ?? answer.status))) {
      try {
        failureCode ??= import('./rare')
        failure = await failureCode
      } catch (error) {
        failureCode = undefined // the next failed send tries again
        // The batch keeps its lease: the next pass claims it again once the lease ends.
        reportError(
          new Error(
            `the code that handles failed sends did not load (${(error as Error)?.message}); the batch is sent again when its lease ends`,
          ),
        )
        return undefined
      }
    }
    const { outcomes, retry: retrying } = failure?.outcomesOf(batch, answer) ?? {
      outcomes: new Map<string, ItemOutcome>(batch.map(({ key }) => [key, { kind: 'delivered' }])),
      retry: false,
    }
    const withOutcome = (kind: ItemOutcome['kind']) => batch.filter((item) => outcomes.get(item.key)?.kind === kind)
    // 413: halve the batch size; each answer that is not a 413 doubles it back up.
    if (withOutcome('release').length > 0) splitLimit = Math.max(1, Math.ceil(batch.length / 2))
    else if (!retrying && splitLimit < ctx.batchSize) splitLimit *= 2
    const now = env.now()
    const claimNext = !retrying && mayClaim(now)
    // The counts this send carried reached the backend only with a 2xx; drops counted meanwhile stay.
    const uncountDrops = delivered(answer.status) ? claim.dropped : undefined
    const {
      drops,
      dead,
      claim: next,
    } = await store.mutate<Settled>(name, (items, counts) => {
      // Delivered items go, whoever holds their lease now; the rest only by the rare-paths chunk's rules.
      const planned: Mutation<Settled> = failure?.planSettle(items, claim.lease, outcomes, limits, now) ?? {
        remove: items.filter((item) => outcomes.has(item.key)),
        result: { drops: [], dead: [] },
      }
      const settled = { ...planned, countDrops: tally(planned.result.drops), uncountDrops }
      return claimNext ? thenClaim(items, counts, settled) : settled
    })
    const sent = withOutcome('delivered').map((item) => item.key)
    if (sent.length > 0) emit('delivery:sent', { transport: name, keys: sent })
    reportDeadLetters(emit, name, dead)
    reportDrops(emit, name, drops)
    if (!retrying || !failure) {
      wait.failures = 0
      return next
    }
    failure.recordFailure(
      { wait, name, env, emit, backoff: ctx.backoff, answer, now, batch, outcomes, drops },
      (until) => ctx.announcePause(name, until),
    )
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
    /** online, visible, flush(): forget the client backoff (never a server's Retry-After). */
    retryNow(): Promise<void> {
      wait.retryAt = 0
      return run()
    },
    /** Another tab was told by the server to pause this transport. */
    pause(until: number): void {
      wait.pausedUntil = Math.max(wait.pausedUntil, until)
      wakeAt(wait.pausedUntil)
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
      // Every claim trims too; a separate trim (a second transaction) only when the items this tab knows
      // of show that one is due (a limit exceeded, an older revision superseded, an item too old).
      if (planTrim(store.known(name), limits, env.now()).remove?.length) void trim()
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
