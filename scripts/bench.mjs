// `pnpm bench` (after `pnpm run build`): speed figures that tests must not assert. Each bench lives in
// scripts/bench/*.bench.mjs and returns plain numbers; this prints them and checks the goals.
import { benchCore } from './bench/core.bench.mjs'
import { benchDelivery } from './bench/delivery.bench.mjs'

const GOALS = { enqueueP95Ms: 10, flush1000Ms: 2_000 }
const fmt = (ms) => `${ms.toFixed(2)} ms`

const delivery = await benchDelivery()
console.log('delivery (Chromium, IndexedDB, http transport → local collector)')
console.log(
  `  durable enqueue: p50 ${fmt(delivery.enqueue.p50)}, p95 ${fmt(delivery.enqueue.p95)}, max ${fmt(delivery.enqueue.max)} (${delivery.enqueue.samples} samples, goal p95 ≤ ${GOALS.enqueueP95Ms} ms)`,
)
console.log(
  `  flush ${delivery.flush.answers} queued answers (batches of ${delivery.flush.batch}): ${fmt(delivery.flush.ms)} to the collector, ${delivery.flush.delivered} stored (goal ≤ ${GOALS.flush1000Ms} ms)`,
)
console.log(
  `  same flush to a backend that acknowledges at once (the queue's own cost): ${fmt(delivery.flush.nullBackendMs)}, ${delivery.flush.nullBackendSent} sent`,
)
const missed = []
if (delivery.enqueue.p95 > GOALS.enqueueP95Ms) missed.push('enqueue p95')
if (delivery.flush.ms > GOALS.flush1000Ms) missed.push('flush 1,000')
if (delivery.flush.delivered !== delivery.flush.answers) missed.push('not every answer was stored')
if (missed.length > 0) console.log(`  goals missed: ${missed.join(', ')}`)

// core (Node, built package): init with many surveys and the cost of track()
const core = await benchCore()
console.log(`core (${core.surveys} surveys in code)`)
console.log(
  `  validation ${fmt(core.validateMs)}, ready ${fmt(core.readyMs)}, longest main-thread block during init ${fmt(core.maxBlockMs)} (goal < 50 ms: no long task)`,
)
console.log(`  track(): p50 ${fmt(core.track.p50)}, p95 ${fmt(core.track.p95)} over ${core.track.samples} calls`)
if (core.maxBlockMs >= 50) console.log('  goal missed: a long task during init')
