// `pnpm bench` (after `pnpm run build`): speed figures that tests must not assert. Each bench lives in
// scripts/bench/*.bench.mjs and returns plain numbers; this prints them and checks the goals.
// It ends with touchloop against PostHog and Sentry (peers.bench.mjs, a few minutes: RUNS=5 shortens it,
// `--no-peers` skips it); `pnpm bench:peers` runs that comparison alone.
import { benchCore } from './bench/core.bench.mjs'
import { benchDelivery } from './bench/delivery.bench.mjs'
import { comparison } from './bench/peers/report.mjs'
import { benchPeers, writePeerResults } from './bench/peers.bench.mjs'

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

// touchloop against its peers, in Chromium (the table is written to bench/results/peers.md too).
const peers = process.argv.includes('--no-peers') ? undefined : await benchPeers()
if (peers) console.log(`\n${writePeerResults(peers)}`)

// `--write`: the figures of this run become the performance table of the docs site (docs/performance.md
// renders docs/data/bench.json; no figure is copied into the pages by hand).
if (process.argv.includes('--write')) {
  const { writeFileSync, mkdirSync } = await import('node:fs')
  const { cpus } = await import('node:os')
  const { execFileSync } = await import('node:child_process')
  const round = (ms) => Math.round(ms * 100) / 100
  let chromium = 'unknown'
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
    }).trim()
  } catch {}
  const rows = [
    { what: 'durable enqueue of one answer (IndexedDB), p50', value: round(delivery.enqueue.p50), unit: 'ms' },
    {
      what: 'durable enqueue of one answer (IndexedDB), p95',
      value: round(delivery.enqueue.p95),
      unit: 'ms',
      goal: `≤ ${GOALS.enqueueP95Ms} ms`,
    },
    {
      what: `flush of ${delivery.flush.answers} queued answers to the collector (batches of ${delivery.flush.batch})`,
      value: round(delivery.flush.ms),
      unit: 'ms',
      goal: `≤ ${GOALS.flush1000Ms} ms`,
    },
    {
      what: `the same flush to a backend that acknowledges at once (the queue's own cost)`,
      value: round(delivery.flush.nullBackendMs),
      unit: 'ms',
    },
    { what: `init with ${core.surveys} surveys in code: validation`, value: round(core.validateMs), unit: 'ms' },
    { what: `init with ${core.surveys} surveys in code: ready`, value: round(core.readyMs), unit: 'ms' },
    {
      what: 'longest main-thread block during that init',
      value: round(core.maxBlockMs),
      unit: 'ms',
      goal: '< 50 ms (no long task)',
    },
    { what: `track() against ${core.surveys} surveys, p50`, value: round(core.track.p50), unit: 'ms' },
    { what: `track() against ${core.surveys} surveys, p95`, value: round(core.track.p95), unit: 'ms' },
  ]
  const target = new URL('../docs/data/bench.json', import.meta.url)
  mkdirSync(new URL('.', target), { recursive: true })
  writeFileSync(
    target,
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString().slice(0, 10),
        node: process.version,
        cpus: cpus().length,
        chromium,
        rows,
        ...(peers ? { peers: comparison(peers) } : {}),
      },
      null,
      2,
    )}\n`,
  )
  // In the repository's JSON style (Biome puts short arrays on one line), so `pnpm lint` stays green.
  execFileSync(
    new URL('../node_modules/.bin/biome', import.meta.url).pathname,
    ['format', '--write', target.pathname],
    {
      stdio: 'ignore',
    },
  )
  console.log(`wrote ${target.pathname}`)
}
