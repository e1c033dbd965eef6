// Measuring a page in real Chromium, shared by the page benches (weight.bench.mjs, peers.bench.mjs):
// a local static server with extra routes, the JS/CSS files the browser fetched with their sizes
// compressed here as a CDN would serve them (gzip 9, brotli 11), CDP ScriptDuration, the longest task
// that ran script (from a devtools.timeline trace), init time and trigger → visible.
import { readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { longestScriptTask } from './stats.mjs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
}

export const launchChromium = () => chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })

/** The request body as a Buffer. */
export async function readBody(req) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/**
 * A server on 127.0.0.1 (random port): `handle(req, res, url)` answers first (return true when it did),
 * then files from `mounts` (URL prefix → folder, longest prefix first).
 */
export async function startStaticServer({ mounts, handle = async () => false }) {
  const ordered = Object.entries(mounts).sort(([a], [b]) => b.length - a.length)
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost')
    try {
      if (await handle(req, res, url)) return
    } catch (error) {
      console.error(error)
      return res.writeHead(500).end()
    }
    const mount = ordered.find(([prefix]) => url.pathname.startsWith(prefix))
    if (!mount) return res.writeHead(404).end()
    const [prefix, dir] = mount
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
    close: () =>
      new Promise((done) => {
        server.closeAllConnections?.()
        server.close(done)
      }),
  }
}

export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length
export const brotliSize = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

const isScriptOrStyle = (response) => /javascript|ecmascript|text\/css/.test(response.headers()['content-type'] ?? '')

/**
 * Records every JS/CSS response the page fetched (by content type; `accept(path)` narrows it), with
 * its compressed sizes. Returns a function that resolves the files fetched so far.
 */
export function recordFiles(page, { accept = () => true, name = (path) => path } = {}) {
  const files = []
  const reading = []
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname
    if (!isScriptOrStyle(response) || !accept(path)) return
    reading.push(
      response.body().then(
        (body) => files.push({ path: name(path), raw: body.length, gzip: gzipSize(body), brotli: brotliSize(body) }),
        () => {}, // a response without a body (aborted): not counted
      ),
    )
  })
  return async () => {
    await Promise.all(reading)
    return [...files]
  }
}

const total = (files, key) => files.reduce((sum, file) => sum + file[key], 0)
/** The file list and summed sizes of recorded files. */
export const snapshot = (files) => ({
  files: files.map((file) => file.path).sort(),
  raw: total(files, 'raw'),
  gzip: total(files, 'gzip'),
  brotli: total(files, 'brotli'),
})

/** CDP ScriptDuration of the page so far, in ms (needs `Performance.enable` on the session). */
export async function scriptDuration(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000
}

/**
 * Traces the browser while `during()` runs; resolves its result, the longest task that ran script of
 * `origin` on a renderer's main thread (ms) and the scripts that ran in that task.
 */
export async function withLongestTask(browser, page, origin, during) {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'],
  })
  let result
  try {
    result = await during()
  } finally {
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'))
    const events = Array.isArray(trace) ? trace : trace.traceEvents
    const longest = longestScriptTask(events, { origin })
    result = { result, longestTaskMs: longest.ms, longestTaskScripts: longest.scripts }
  }
  return result
}

/**
 * Init time: from the end of the SDK script's download (Resource Timing; it starts running then) to
 * `window.__benchReadyAt`, which each bench page sets when its SDK is ready (its own definition).
 */
export function initTime(page, scriptPathPattern) {
  return page.evaluate((pattern) => {
    const script = performance
      .getEntriesByType('resource')
      .find((entry) => new RegExp(pattern).test(new URL(entry.name).pathname))
    const readyAt = window.__benchReadyAt
    return script && typeof readyAt === 'number' ? readyAt - script.responseEnd : Number.NaN
  }, scriptPathPattern.source)
}

/**
 * Trigger → first option visible, in ms: runs `trigger` (a function body, in the page) and polls with
 * timers (≈ 4 ms resolution) until `probe` (a function body returning the element) finds an element
 * with a layout box. NaN after 15 s.
 */
export function triggerToVisible(page, { trigger, probe }) {
  return page.evaluate(
    ({ trigger, probe }) =>
      new Promise((done) => {
        const find = new Function(probe)
        const start = performance.now()
        const poll = () => {
          const element = find()
          if (element && element.getBoundingClientRect().width > 0) return done(performance.now() - start)
          if (performance.now() - start > 15_000) return done(Number.NaN)
          setTimeout(poll, 0)
        }
        new Function(trigger)()
        poll()
      }),
    { trigger, probe },
  )
}
