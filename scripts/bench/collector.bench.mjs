// `pnpm bench:collector` (after the build): the collector under load on loopback, as a separate
// process (node dist/cli.js) so the load generator does not share its event loop.
// - accepted responses/s and request latency p50/p99, PGlite (fsync on) and PostgreSQL, concurrency
//   10 and 50, batches of 1 and 20;
// - GET /v1/stats latency at 10k, 100k and 1M stored responses (rows made in SQL, aggregates rebuilt
//   by the collector's own code);
// - kill -9 during load: acknowledged responses lost after a restart.
// PostgreSQL: BENCH_DATABASE_URL, or a throwaway server from scripts/ci-postgres.sh.
// Results: bench/results/collector.{md,json} (git-ignored). Nothing here is asserted by a test.
import { execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from '../../packages/collector/node_modules/pg/lib/index.js'

const root = resolve(import.meta.dirname, '../..')
const cli = join(root, 'packages/collector/dist/cli.js')
const SECRET = 'sk_bench_0123456789abcdef0123456789'
const ADMIN = 'bench-admin-token'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const STATS_SIZES = (process.env.BENCH_STATS_SIZES ?? '10000,100000,1000000').split(',').map(Number)
// BENCH_ONLY=stats|throughput|kill runs one part.
const ONLY = process.env.BENCH_ONLY
const runs = (part) => !ONLY || ONLY === part

function startCollector(args) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        '--port',
        '0',
        '--admin-token',
        ADMIN,
        '--secret-key',
        SECRET,
        '--rate-limit-ip',
        '0',
        '--rate-limit-key',
        '0',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolveStart({ child, url: match[1] })
    })
    child.stderr.on('data', (chunk) => {
      out += chunk
    })
    child.once('exit', (code) => reject(new Error(`collector exited (${code}): ${out}`)))
  })
}

const stop = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null) return done()
    child.once('exit', done)
    child.kill('SIGTERM')
  })

function record(surveyId = 'bench', touchpoint = 'checkout_completed') {
  const now = new Date().toISOString()
  return {
    id: randomUUID(),
    revision: 1,
    event: 'completed',
    surveyId,
    surveyVersion: 1,
    touchpoint,
    answers: { nps: Math.floor(Math.random() * 11), comment: 'fast delivery' },
    timings: { nps: 1800, comment: 5200 },
    anonymousId: `anon-${Math.floor(Math.random() * 1e6)}`,
    createdAt: now,
    updatedAt: now,
  }
}

function post(agent, url, records) {
  const body = JSON.stringify({ records, sentAt: new Date().toISOString() })
  return new Promise((done) => {
    const started = performance.now()
    const req = request(
      `${url}/v1/responses`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          text += chunk
        })
        res.on('end', () => {
          let accepted = []
          if (res.statusCode === 200) {
            const { results } = JSON.parse(text)
            accepted = Object.entries(results)
              .filter(([, r]) => r.status === 200)
              .map(([key]) => key)
          }
          done({ status: res.statusCode, ms: performance.now() - started, accepted })
        })
      },
    )
    req.on('error', () => done({ status: 0, ms: performance.now() - started, accepted: [] }))
    req.end(body)
  })
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

/** `concurrency` clients posting batches of `batch` records for `seconds` (or until stopped). */
async function load(url, { concurrency, batch, seconds, onAccepted, signal }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const latencies = []
  let accepted = 0
  let failed = 0
  const deadline = performance.now() + seconds * 1000
  const worker = async () => {
    while (performance.now() < deadline && !signal?.aborted) {
      const result = await post(
        agent,
        url,
        Array.from({ length: batch }, () => record()),
      )
      if (result.status === 200) {
        latencies.push(result.ms)
        accepted += result.accepted.length
        onAccepted?.(result.accepted)
      } else failed++
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    acceptedPerSecond: Math.round(accepted / elapsed),
    requests: latencies.length,
    failed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  }
}

async function throughput(kind, args) {
  const rows = []
  for (const concurrency of [10, 50]) {
    for (const batch of [1, 20]) {
      const { child, url } = await startCollector(await args())
      await load(url, { concurrency, batch, seconds: 1 }) // warm-up
      const result = await load(url, { concurrency, batch, seconds: SECONDS })
      await stop(child)
      rows.push({ kind, concurrency, batch, ...result })
      console.log(
        `  ${kind} c=${concurrency} batch=${batch}: ${result.acceptedPerSecond} responses/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms (${result.failed} failed)`,
      )
    }
  }
  return rows
}

/** Fills the responses table to `total` rows in SQL (spread over 365 days, 3 surveys, 5 touchpoints). */
async function fillTo(client, total) {
  const { rows } = await client.query('select count(*)::int as n from responses')
  const have = rows[0].n
  if (have >= total) return
  await client.query(
    `insert into responses (id, revision, event, survey_id, survey_version, touchpoint, answers, record, anonymous_id, day, received_at)
     select r.id, 2, 'completed', r.survey, 1, r.tp, r.answers,
       jsonb_build_object('id', r.id, 'revision', 2, 'event', 'completed', 'surveyId', r.survey, 'surveyVersion', 1,
         'touchpoint', r.tp, 'answers', r.answers, 'timings', jsonb_build_object('nps', 4000 + (i % 20) * 1000),
         'anonymousId', 'anon-' || i, 'createdAt', now(), 'updatedAt', now()),
       'anon-' || i, r.day, r.day::timestamptz
     from generate_series($1::int, $2::int) as i,
       lateral (select gen_random_uuid()::text as id, 'survey-' || (i % 3) as survey, 'tp-' || (i % 5) as tp,
         jsonb_build_object('nps', i % 11) as answers, date '2025-12-01' + (i % 365) as day) as r`,
    [have + 1, total],
  )
}

async function statsLatency(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const get = (path) =>
    new Promise((done, fail) => {
      const started = performance.now()
      request(`${url}${path}`, { agent, headers: { authorization: `Bearer ${ADMIN}` } }, (res) => {
        res.resume()
        res.on('end', () =>
          res.statusCode === 200 ? done(performance.now() - started) : fail(new Error(`${path}: ${res.statusCode}`)),
        )
      })
        .on('error', fail)
        .end()
    })
  const paths = [
    '/v1/stats',
    '/v1/stats?surveyId=survey-1&from=2026-06-01',
    '/v1/trend?surveyId=survey-2&interval=week',
  ]
  const times = []
  for (let i = 0; i < 60; i++) times.push(await get(paths[i % paths.length]))
  agent.destroy()
  times.sort((a, b) => a - b)
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) }
}

async function statsAtScale(kind, args, sqlUrl) {
  const rows = []
  for (const size of STATS_SIZES) {
    // The collector migrates the database; the rows are added with it stopped, then it rebuilds the
    // aggregates at start (a new survey-types fingerprint forces it) and serves the stats.
    const first = await startCollector(args())
    await stop(first.child)
    const client = await sqlUrl()
    const fillStarted = performance.now()
    await fillTo(client, size)
    await client.query("update collector_state set value = 'stale' where key = 'aggregates'")
    await client.end()
    const fillSeconds = (performance.now() - fillStarted) / 1000
    const rebuildStarted = performance.now()
    const { child, url } = await startCollector(args())
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000
    const latency = await statsLatency(url)
    await stop(child)
    rows.push({ kind, responses: size, ...latency, fillSeconds, rebuildSeconds })
    console.log(
      `  ${kind} ${size.toLocaleString('en')} responses: /v1/stats p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (fill ${fillSeconds.toFixed(0)} s, start with aggregate rebuild ${rebuildSeconds.toFixed(0)} s)`,
    )
  }
  return rows
}

/** kill -9 of the collector under load; every acknowledged response must be there after a restart. */
async function killDuringLoad(kind, args, countIds) {
  const acknowledged = new Set()
  const { child, url } = await startCollector(args())
  const controller = new AbortController()
  const running = load(url, {
    concurrency: 10,
    batch: 20,
    seconds: 30,
    signal: controller.signal,
    onAccepted: (keys) => {
      for (const key of keys) acknowledged.add(key.slice(0, key.lastIndexOf(':')))
    },
  })
  await new Promise((r) => setTimeout(r, 3000))
  child.kill('SIGKILL')
  controller.abort()
  await running
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
  const restarted = await startCollector(args())
  await stop(restarted.child)
  const found = await countIds([...acknowledged])
  const result = { kind, acknowledged: acknowledged.size, lost: acknowledged.size - found }
  console.log(`  ${kind}: kill -9 after 3 s of load: ${result.acknowledged} acknowledged, ${result.lost} lost`)
  return result
}

async function withPostgres(fn) {
  let url = process.env.BENCH_DATABASE_URL
  let stopServer = () => {}
  if (!url) {
    const env = {
      ...process.env,
      TOUCHLOOP_PG_PORT: '54339',
      TOUCHLOOP_PG_DIR: join(tmpdir(), 'touchloop-bench-postgres'),
    }
    url = execFileSync('bash', [join(root, 'scripts/ci-postgres.sh'), 'start'], { env, encoding: 'utf8' }).trim()
    stopServer = () => execFileSync('bash', [join(root, 'scripts/ci-postgres.sh'), 'stop'], { env })
  }
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const databases = []
  const fresh = async () => {
    const name = `touchloop_bench_${databases.length}_${Date.now()}`
    await admin.query(`create database ${name}`)
    databases.push(name)
    const dbUrl = new URL(url)
    dbUrl.pathname = `/${name}`
    return dbUrl.toString()
  }
  try {
    return await fn(fresh)
  } finally {
    for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    stopServer()
  }
}

export async function benchCollector() {
  const scratch = mkdtempSync(join(tmpdir(), 'touchloop-bench-collector-'))
  const results = { throughput: [], stats: [], kill: [] }
  try {
    console.log('collector (separate process, loopback)')
    // PGlite: a fresh data folder per run.
    let n = 0
    const pgliteArgs = () => ['--data-dir', join(scratch, `pglite-${n++}`)]
    if (runs('throughput')) results.throughput.push(...(await throughput('PGlite', pgliteArgs)))
    const killDir = join(scratch, 'pglite-kill')
    if (runs('kill'))
      results.kill.push(
        await killDuringLoad(
          'PGlite',
          () => ['--data-dir', killDir],
          async (ids) => {
            const { PGlite } = await import('../../packages/collector/node_modules/@electric-sql/pglite/dist/index.js')
            const db = await PGlite.create(killDir)
            const { rows } = await db.query('select count(*)::int as n from responses where id = any($1::text[])', [
              ids,
            ])
            await db.close()
            return rows[0].n
          },
        ),
      )
    await withPostgres(async (fresh) => {
      if (runs('throughput')) {
        results.throughput.push(...(await throughput('PostgreSQL', async () => ['--database-url', await fresh()])))
      }
      const killUrl = await fresh()
      if (runs('kill'))
        results.kill.push(
          await killDuringLoad(
            'PostgreSQL',
            () => ['--database-url', killUrl],
            async (ids) => {
              const client = new pg.Client({ connectionString: killUrl })
              await client.connect()
              const { rows } = await client.query(
                'select count(*)::int as n from responses where id = any($1::text[])',
                [ids],
              )
              await client.end()
              return rows[0].n
            },
          ),
        )
      const statsUrl = await fresh()
      if (runs('stats'))
        results.stats.push(
          ...(await statsAtScale(
            'PostgreSQL',
            () => ['--database-url', statsUrl],
            async () => {
              const client = new pg.Client({ connectionString: statsUrl })
              await client.connect()
              return client
            },
          )),
        )
    }).catch((error) => {
      console.log(`  PostgreSQL runs skipped: ${error.message}`)
    })
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  return results
}
