// Page weight of the script-tag embed in real Chromium, per stage, counted like the browser: the JS and
// CSS files it fetched (their bytes compressed here with gzip and brotli, as a CDN would serve them), at
// page load (first and repeat view), once the NPS survey is shown and once the answer reached the
// backend; plus CDP ScriptDuration at page load and trigger → first NPS option visible. Interleaved
// runs in fresh browser contexts; medians and spread. `node scripts/bench/weight.bench.mjs` after
// `pnpm run build`; results as markdown + JSON under bench/results/ (ignored by git). No peers yet.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'

const ROOT = resolve(import.meta.dirname, '../..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const RUNS = Number(process.env.RUNS ?? 7)
const MOUNTS = { '/touchloop/': join(ROOT, 'packages/embed/dist'), '/': join(ROOT, 'examples') }
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' }

/** The example site plus a backend that stores nothing and acknowledges every batch (same origin). */
async function startSite() {
  const delivered = []
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost')
    if (url.pathname === '/v1/responses') {
      let body = ''
      for await (const chunk of req) body += chunk
      if (req.method === 'POST') delivered.push(...(JSON.parse(body).records ?? []))
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'content-type': 'application/json' })
      return res.end(req.method === 'OPTIONS' ? undefined : '{"results":{}}')
    }
    const [prefix, dir] = Object.entries(MOUNTS).find(([p]) => url.pathname.startsWith(p))
    let file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))))
    if (!file.startsWith(dir)) return res.writeHead(403).end()
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      res.end(readFileSync(file))
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    delivered,
    close: () => new Promise((done) => server.close(done)),
  }
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

/** Records every JS/CSS response the page fetched from the SDK's folder, with its compressed sizes. */
function recordFiles(page) {
  const files = []
  const reading = []
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname
    if (!path.startsWith('/touchloop/') || !/\.(m?js|css)$/.test(path)) return
    reading.push(
      response.body().then(
        (body) =>
          files.push({
            path: path.slice('/touchloop/'.length),
            raw: body.length,
            gzip: gzip(body),
            brotli: brotli(body),
          }),
        () => {}, // a response without a body (aborted): not counted
      ),
    )
  })
  /** The files fetched so far, once their bodies are read. */
  return async () => {
    await Promise.all(reading)
    return [...files]
  }
}

const total = (files, key) => files.reduce((sum, file) => sum + file[key], 0)
const snapshot = (files) => ({
  files: files.map((file) => file.path).sort(),
  raw: total(files, 'raw'),
  gzip: total(files, 'gzip'),
  brotli: total(files, 'brotli'),
})

async function scriptDuration(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000
}

async function oneRun(browser, site) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  const files = recordFiles(page)
  const pageUrl = `${site.url}/script-tag/?collector=${encodeURIComponent(site.url)}`
  await page.goto(pageUrl)
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => Boolean(window.touchloop?.instance))
  await page.waitForTimeout(300)
  const firstView = { ...snapshot(await files()), scriptMs: await scriptDuration(cdp) }

  // Trigger → first NPS option visible (cold: nothing of the survey stage loaded yet).
  const visibleMs = await page.evaluate(
    () =>
      new Promise((done) => {
        const start = performance.now()
        const poll = () => {
          const radio = document.querySelector('touchloop-survey')?.shadowRoot?.querySelector('[role=radio]')
          if (radio && radio.getBoundingClientRect().width > 0) done(performance.now() - start)
          else requestAnimationFrame(poll)
        }
        document.querySelector('button')?.click()
        poll()
      }),
  )
  await page.waitForLoadState('networkidle')
  const shown = snapshot(await files())
  const before = site.delivered.length
  await page.getByRole('radio', { name: '9', exact: true }).click()
  await page.locator('touchloop-survey [part=next]').click()
  await page.getByRole('textbox', { name: /main reason/i }).fill('bench')
  await page.locator('touchloop-survey [part=next]').click()
  const deadline = Date.now() + 10_000
  while (!site.delivered.slice(before).some((record) => record.event === 'completed') && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 20))
  }
  const delivered = snapshot(await files())

  const again = await context.newPage()
  const againCdp = await context.newCDPSession(again)
  await againCdp.send('Performance.enable')
  const repeatFiles = recordFiles(again)
  await again.goto(pageUrl)
  await again.waitForLoadState('networkidle')
  await again.waitForTimeout(300)
  const repeatView = { ...snapshot(await repeatFiles()), scriptMs: await scriptDuration(againCdp) }
  await context.close()
  return { firstView, repeatView, shown, delivered, visibleMs }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const spread = (values) => [Math.min(...values), Math.max(...values)]

export async function benchWeight({ runs = RUNS } = {}) {
  const site = await startSite()
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  const results = []
  try {
    for (let i = 0; i < runs; i++) results.push(await oneRun(browser, site))
  } finally {
    await browser.close()
    await site.close()
  }
  const stage = (key) => {
    const last = results.at(-1)[key]
    return {
      files: last.files,
      gzip: median(results.map((r) => r[key].gzip)),
      brotli: median(results.map((r) => r[key].brotli)),
      raw: median(results.map((r) => r[key].raw)),
    }
  }
  return {
    runs,
    stages: {
      'page load, first view': { ...stage('firstView'), scriptMs: median(results.map((r) => r.firstView.scriptMs)) },
      'page load, repeat view': { ...stage('repeatView'), scriptMs: median(results.map((r) => r.repeatView.scriptMs)) },
      'NPS survey shown': stage('shown'),
      'answer delivered': stage('delivered'),
    },
    scriptMsSpread: spread(results.map((r) => r.firstView.scriptMs)),
    triggerToVisibleColdMs: median(results.map((r) => r.visibleMs)),
    triggerToVisibleSpread: spread(results.map((r) => r.visibleMs)),
  }
}

function toMarkdown(result) {
  const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`
  const lines = [
    `# touchloop page weight (${result.runs} runs, medians; Chromium, script-tag example)`,
    '',
    '| stage | files | gzip | brotli | raw | script time |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Object.entries(result.stages).map(
      ([name, s]) =>
        `| ${name} | ${s.files.length} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${kb(s.raw)} | ${s.scriptMs === undefined ? '' : `${s.scriptMs.toFixed(1)} ms`} |`,
    ),
    '',
    `ScriptDuration at page load (first view), spread: ${result.scriptMsSpread.map((v) => v.toFixed(1)).join('–')} ms`,
    `Trigger → first NPS option visible (cold): ${result.triggerToVisibleColdMs.toFixed(1)} ms (spread ${result.triggerToVisibleSpread.map((v) => v.toFixed(1)).join('–')} ms)`,
    '',
    ...Object.entries(result.stages).map(([name, s]) => `- ${name}: ${s.files.join(', ')}`),
  ]
  return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchWeight()
  const markdown = toMarkdown(result)
  const dir = join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'weight.json'), `${JSON.stringify(result, null, 2)}\n`)
  writeFileSync(join(dir, 'weight.md'), markdown)
  console.log(markdown)
}
