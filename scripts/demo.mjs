// `pnpm demo`: checks its ports, builds quietly, then starts the collector on http://localhost:8787
// (data in ./.data/collector, or PostgreSQL with DATABASE_URL; admin token "demo") and the examples on
// http://localhost:5173 (the script-tag page at /script-tag/, the built SPA at /spa/, the headless
// example at /headless/, the embed build at /touchloop/). The ports move with COLLECTOR_PORT and
// SITE_PORT; `--no-build` skips the build. Ctrl-C stops both cleanly.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, relative, resolve } from 'node:path'
import { assertPortsFree, buildQuietly, stopOnSignals } from './demo-first-run.mjs'

const root = resolve(import.meta.dirname, '..')
const COLLECTOR_PORT = Number(process.env.COLLECTOR_PORT ?? 8787)
const SITE_PORT = Number(process.env.SITE_PORT ?? 5173)
const HOST = '127.0.0.1'
const DATA_DIR = join(root, '.data/collector')

await assertPortsFree(HOST, [
  { port: COLLECTOR_PORT, what: 'the collector', variable: 'COLLECTOR_PORT' },
  { port: SITE_PORT, what: 'the examples site', variable: 'SITE_PORT' },
])
if (!process.argv.includes('--no-build')) await buildQuietly(root)

const collectorEntry = join(root, 'packages/collector/dist/index.js')
const embedDist = join(root, 'packages/embed/dist')
for (const [file, what] of [
  [collectorEntry, 'the collector'],
  [join(embedDist, 'touchloop.js'), 'the script-tag build'],
]) {
  if (!existsSync(file)) {
    console.error(`demo: ${what} is not built (${file} is missing). Run "npx -y pnpm@10 demo", which builds first.`)
    process.exit(1)
  }
}
const { startCollector, loadSurveys, webhooksFromEnv } = await import(collectorEntry)

const MOUNTS = {
  '/': join(root, 'examples'),
  '/touchloop/': embedDist,
  '/spa/': join(root, 'examples/spa/dist'),
  '/headless/': join(root, 'examples/headless/dist'),
}
const PREFIXES = Object.keys(MOUNTS).sort((a, b) => b.length - a.length)
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
}

function fileFor(pathname) {
  const prefix = PREFIXES.find((p) => pathname.startsWith(p))
  if (!prefix) return undefined
  const base = MOUNTS[prefix]
  let file = normalize(join(base, pathname.slice(prefix.length)))
  if (!file.startsWith(normalize(base))) return undefined
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  // The SPA handles its own routes: unknown paths under /spa/ get its index.html.
  if (!existsSync(file) && prefix === '/spa/' && !extname(pathname)) file = join(base, 'index.html')
  return existsSync(file) ? file : undefined
}

const site = createServer((req, res) => {
  let pathname
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  } catch {
    return void res.writeHead(400).end('bad request')
  }
  const file = fileFor(pathname)
  if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  })
  createReadStream(file).pipe(res)
})

// DATABASE_URL=postgres://… runs the demo on PostgreSQL; otherwise PGlite keeps it in .data/collector.
const databaseUrl = process.env.DATABASE_URL
const collector = await startCollector({
  port: COLLECTOR_PORT,
  host: HOST,
  ...(databaseUrl ? { databaseUrl } : { dataDir: DATA_DIR }),
  adminToken: 'demo',
  // The example pages' public write key, accepted from the demo site's origins only.
  writeKeys: [
    { key: 'pk_demo_localhost', origins: [`http://localhost:${SITE_PORT}`, `http://127.0.0.1:${SITE_PORT}`] },
  ],
  surveys: loadSurveys(join(root, 'examples/surveys')),
  // TOUCHLOOP_WEBHOOK_URL (comma-separated) + TOUCHLOOP_WEBHOOK_SECRET: a signed POST per new detractor.
  webhooks: webhooksFromEnv(process.env),
})
await new Promise((resolveListen, reject) => {
  site.once('error', reject)
  site.listen(SITE_PORT, HOST, resolveListen)
})

console.log(`
touchloop demo
  examples   http://localhost:${SITE_PORT}/  (script-tag page: http://localhost:${SITE_PORT}/script-tag/, SPA: http://localhost:${SITE_PORT}/spa/, headless: http://localhost:${SITE_PORT}/headless/)
  collector  http://localhost:${COLLECTOR_PORT}/  (dashboard; admin token "demo")
  answers    curl -H 'Authorization: Bearer demo' http://localhost:${COLLECTOR_PORT}/v1/responses
  surveys    curl -X PUT -H 'Authorization: Bearer demo' --data-binary @survey.json http://localhost:${COLLECTOR_PORT}/v1/surveys/<id>
             (the script-tag page reads the published surveys on its next load)
  data       ${databaseUrl ? 'PostgreSQL (DATABASE_URL) keeps the answers between runs' : `${relative(process.cwd(), DATA_DIR) || DATA_DIR}/ keeps the answers between runs; to start over: stop, then rm -rf ${relative(process.cwd(), DATA_DIR) || DATA_DIR}`}
Ctrl-C stops both.`)

stopOnSignals(async () => {
  site.closeAllConnections()
  await Promise.all([new Promise((r) => site.close(() => r())), collector.close()])
})
