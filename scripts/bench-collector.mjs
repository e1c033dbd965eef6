// `pnpm bench:collector`: the collector's load, stats-at-scale and kill -9 figures, written to
// bench/results/collector.md and .json (git-ignored) and printed.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { benchCollector } from './bench/collector.bench.mjs'

const GOALS = { postgresBatch20PerSecond: 5000, statsP99AtMillionMs: 100 }
const results = await benchCollector()
const md = [
  '# Collector bench',
  '',
  `Loopback, 2 cores shared by the collector, the load generator and the database; ${new Date().toISOString()}.`,
  '',
  '| database | concurrency | batch | accepted responses/s | p50 ms | p99 ms | failed requests |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.throughput.map(
    (r) =>
      `| ${r.kind} | ${r.concurrency} | ${r.batch} | ${r.acceptedPerSecond} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failed} |`,
  ),
  '',
  '| database | stored responses | /v1/stats p50 ms | p99 ms |',
  '| --- | ---: | ---: | ---: |',
  ...results.stats.map(
    (r) => `| ${r.kind} | ${r.responses.toLocaleString('en')} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
  ),
  '',
  '| database | kill -9 under load: acknowledged | lost |',
  '| --- | ---: | ---: |',
  ...results.kill.map((r) => `| ${r.kind} | ${r.acknowledged} | ${r.lost} |`),
  '',
].join('\n')
const out = resolve(import.meta.dirname, '../bench/results')
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'collector.md'), md)
writeFileSync(join(out, 'collector.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(`\n${md}`)
const pgBatch20 = results.throughput.filter((r) => r.kind === 'PostgreSQL' && r.batch === 20)
const missed = []
if (pgBatch20.length && Math.max(...pgBatch20.map((r) => r.acceptedPerSecond)) < GOALS.postgresBatch20PerSecond)
  missed.push('PostgreSQL batches of 20 under 5,000 responses/s')
const million = results.stats.find((r) => r.responses >= 1_000_000)
if (million && million.p99 > GOALS.statsP99AtMillionMs) missed.push('stats p99 at 1M over 100 ms')
if (results.kill.some((r) => r.lost > 0)) missed.push('acknowledged responses lost after kill -9')
console.log(missed.length ? `goals missed: ${missed.join('; ')}` : 'all collector goals met')
