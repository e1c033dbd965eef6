// Builds the delivery test page (scripts/bench/delivery-page.ts) with Vite and serves it on
// 127.0.0.1 next to a proxy of POST /v1/responses to a collector, so the page and the API share an
// origin. The proxy counts what reaches the backend per item key and can hold or black-hole requests.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '../..')

/** Returns the folder holding index.html and page.js. */
export async function buildDeliveryPage() {
  const outDir = mkdtempSync(join(tmpdir(), 'touchloop-delivery-page-'))
  await build({
    configFile: false,
    logLevel: 'error',
    resolve: { alias: workspaceAliases() },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: { entry: join(root, 'scripts/bench/delivery-page.ts'), formats: ['es'], fileName: () => 'page.js' },
    },
  })
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>delivery</title><script type="module" src="/page.js"></script></head><body></body></html>',
  )
  return outDir
}

// Workspace packages → their TypeScript source (the same mapping as scripts/aliases.ts, which plain
// Node cannot import because it is TypeScript).
function workspaceAliases() {
  const aliases = []
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifestPath = join(root, 'packages', dir, 'package.json')
    if (!existsSync(manifestPath)) continue
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target !== 'object' || !target.source) continue
      const specifier = manifest.name + subpath.slice(1)
      const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
      aliases.push({ find: new RegExp(`^${escaped}$`), replacement: join(root, 'packages', dir, target.source) })
    }
  }
  return aliases
}

/**
 * mode: 'pass' forwards and answers; 'hold' forwards, then never answers (the request hangs until
 * the page goes away); 'blackhole' swallows the request without forwarding.
 */
export async function startHarness({ pageDir, collectorUrl, writeKey }) {
  let mode = 'pass'
  const received = new Map()
  const stored = new Map()
  const held = new Set()
  const requests = []
  const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1)
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname.startsWith('/v1/')) {
      const chunks = []
      for await (const chunk of req) chunks.push(chunk)
      const body = Buffer.concat(chunks)
      if (req.method === 'POST') {
        try {
          const keys = (JSON.parse(body.toString()).records ?? []).map((record) => `${record.id}:${record.revision}`)
          for (const key of keys) bump(received, key)
          requests.push({ contentType: req.headers['content-type'] ?? '', keys })
        } catch {}
      }
      const current = mode
      if (current === 'blackhole') {
        held.add(res)
        return
      }
      const headers = { ...req.headers }
      delete headers.host
      delete headers['content-length']
      // The page is the collector's client: the proxy adds the site's write key the transport would send.
      if (writeKey) url.searchParams.set('key', writeKey)
      const answer = await fetch(collectorUrl + url.pathname + url.search, {
        method: req.method,
        headers,
        body: req.method === 'POST' ? body : undefined,
      })
      const text = await answer.text()
      if (req.method === 'POST' && answer.ok) {
        for (const [key, result] of Object.entries(JSON.parse(text).results ?? {})) {
          if (result.status === 200 && !result.reason) bump(stored, key)
        }
      }
      if (current === 'hold') {
        held.add(res)
        return
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
      res.end(text)
      return
    }
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1)
    try {
      const data = readFileSync(join(pageDir, file))
      res.writeHead(200, {
        'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      })
      res.end(data)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stored,
    requests,
    setMode(next) {
      mode = next
    },
    async close() {
      for (const res of held) res.destroy()
      server.closeAllConnections?.()
      await new Promise((done) => server.close(() => done()))
    },
  }
}
