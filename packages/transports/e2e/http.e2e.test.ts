// The http transport in real Chromium against the real collector (PGlite), cross-origin: what only a browser
// can show. CORS preflight vs CORS-simple requests, per-item results read through CORS, a real abort, and
// the keepalive unload request outliving the page it was sent from.
import { writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { launchChromium } from '../../../test/e2e/support/browser'
import { buildTestPage } from '../../../test/e2e/support/build-page'
import { type StaticServer, serveStatic } from '../../../test/e2e/support/static-server'
import { type RunningCollector, startCollector } from '../../collector/src/index'
import { encodeHttpBody } from '../src/http'
import { fitToBudget, UNLOAD_BUDGET_BYTES } from '../src/shared/bytes'

const here = dirname(fileURLToPath(import.meta.url))
const WRITE_KEY = 'pk_transports_e2e'
let browser: Browser
let site: StaticServer
let collector: RunningCollector
/** The same collector code, but it allows no origin: the page can never read its answers. */
let closedCollector: RunningCollector
/** Accepts requests and never answers them. */
let blackHole: { url: string; server: Server; received: IncomingMessage[] }
const contexts: BrowserContext[] = []

async function buildPage(): Promise<string> {
  const outDir = await buildTestPage('transports-e2e', {
    build: { lib: { entry: resolve(here, 'page.ts'), formats: ['es'], fileName: () => 'page.js' } },
  })
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>http transport</title><script type="module" src="./page.js"></script>',
  )
  return outDir
}

async function startBlackHole() {
  const received: IncomingMessage[] = []
  const server = createServer((req) => {
    received.push(req) // never answered
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, server, received }
}

beforeAll(async () => {
  site = await serveStatic({ '/': await buildPage() })
  const collectorFor = (origins: string[]) =>
    startCollector({
      port: 0,
      dataDir: 'memory://',
      adminToken: 'e2e',
      writeKeys: [{ key: WRITE_KEY, origins }],
      rateLimits: { perIp: { perSecond: 0, burst: 0 } },
    })
  collector = await collectorFor([site.url])
  closedCollector = await collectorFor(['https://another-site.example'])
  blackHole = await startBlackHole()
  browser = await launchChromium()
})

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close()
})

afterAll(async () => {
  await browser?.close()
  blackHole?.server.closeAllConnections()
  await new Promise((done) => blackHole?.server.close(done))
  await collector?.close()
  await closedCollector?.close()
  await site?.close()
})

async function openPage(): Promise<Page> {
  const context = await browser.newContext()
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(`${site.url}/`)
  await page.waitForFunction(() => Boolean(window.transportTest))
  return page
}

const endpoint = (server: { url: string }) => `${server.url}/v1/responses?key=${WRITE_KEY}`
const storedKeys = async (target: RunningCollector, keys: string[]) => {
  const rows = (await target.store.list({ limit: 1000 })).responses
  const stored = new Set(rows.map((row) => `${row.id}:${row.revision}`))
  return keys.filter((key) => stored.has(key))
}
const waitUntil = (assertion: () => unknown | Promise<unknown>) =>
  vi.waitFor(assertion, { timeout: 30_000, interval: 100 })

describe('http transport in Chromium against the collector', () => {
  it('JSON mode: preflighted POST with Idempotency-Key, stored, per-item results read through CORS', async () => {
    const page = await openPage()
    const requests: Array<{ headers: Record<string, string> }> = []
    page.on('request', (request) => {
      if (request.method() === 'POST') requests.push({ headers: request.headers() })
    })
    const { keys, result, error } = await page.evaluate(
      (url) =>
        window.transportTest.send({ url }, [
          { answers: { score: 10 } },
          { answers: { score: { nested: 1 } as never } },
        ]),
      endpoint(collector),
    )
    expect(error).toBeUndefined()
    expect(result?.status).toBe(200)
    expect(result?.items?.[keys[0]!]).toEqual({ status: 200 })
    expect(result?.items?.[keys[1]!]?.status).toBe(422)
    expect(result?.items?.[keys[1]!]?.reason).toMatch(/answers/)
    expect(requests[0]!.headers['idempotency-key']).toBe('e2e-batch')
    expect(requests[0]!.headers['content-type']).toBe('application/json')
    expect(await storedKeys(collector, keys)).toEqual([keys[0]])
  })

  it('a retried batch is acknowledged again and stored once', async () => {
    const page = await openPage()
    const first = await page.evaluate((url) => window.transportTest.send({ url }, [{}]), endpoint(collector))
    const rows = (await collector.store.list({ limit: 1000 })).responses
    const row = rows.find((r) => `${r.id}:${r.revision}` === first.keys[0])!
    // The same record again (same id and revision), as the delivery core resends after a lost answer.
    const again = await page.evaluate(({ url, id }) => window.transportTest.send({ url }, [{ id }]), {
      url: endpoint(collector),
      id: row.id,
    })
    expect(again.result?.status).toBe(200)
    expect(again.result?.items?.[again.keys[0]!]?.status).toBe(200)
    expect((await collector.store.list({ limit: 1000 })).responses.filter((r) => r.id === row.id)).toHaveLength(1)
  })

  it('a write key refuses pages of other origins, even CORS-simple requests that skip the preflight', async () => {
    const page = await openPage()
    let finished = 0
    const done = (request: { method(): string }) => {
      if (request.method() === 'POST') finished++
    }
    page.on('requestfinished', done)
    page.on('requestfailed', done)
    const simple = await page.evaluate(
      (url) => window.transportTest.send({ url, simple: true }, [{}]),
      endpoint(closedCollector),
    )
    // The request goes out without a preflight (CORS cannot stop it), but the collector checks the
    // page's Origin against the key's origins itself: refused, nothing stored.
    expect(simple.error).toMatch(/TypeError/)
    await waitUntil(() => expect(finished).toBe(1))
    expect(await storedKeys(closedCollector, simple.keys)).toEqual([])

    const json = await page.evaluate((url) => window.transportTest.send({ url }, [{}]), endpoint(closedCollector))
    expect(json.error).toMatch(/TypeError/)
    expect(await storedKeys(closedCollector, json.keys)).toEqual([])
  })

  it('simple mode against a collector that allows the page: text/plain, no Idempotency-Key, answer readable', async () => {
    const page = await openPage()
    const headers: Array<Record<string, string>> = []
    page.on('request', (request) => {
      if (request.method() === 'POST') headers.push(request.headers())
    })
    const { keys, result } = await page.evaluate(
      (url) => window.transportTest.send({ url, simple: true }, [{}, {}]),
      endpoint(collector),
    )
    expect(result).toEqual({ status: 200, items: { [keys[0]!]: { status: 200 }, [keys[1]!]: { status: 200 } } })
    expect(headers[0]!['content-type']).toBe('text/plain;charset=UTF-8')
    expect(headers[0]).not.toHaveProperty('idempotency-key')
    expect(await storedKeys(collector, keys)).toEqual(keys)
  })

  it('an abort from the delivery core ends a request the server never answers', async () => {
    const page = await openPage()
    const before = blackHole.received.length
    await page.evaluate((url) => window.transportTest.start('hang-1', { url, simple: true }), endpoint(blackHole))
    await waitUntil(() => expect(blackHole.received.length).toBe(before + 1))
    expect(await page.evaluate(() => window.transportTest.abort('hang-1'))).toBe(
      'TimeoutError: the delivery core timed out',
    )
  })

  it('a connection refused is a rejection (the core retries), not a status', async () => {
    const page = await openPage()
    const { error } = await page.evaluate(() =>
      window.transportTest.send({ url: 'http://127.0.0.1:9/v1/responses' }, [{}]),
    )
    expect(error).toMatch(/^TypeError/)
  })

  it('unload: the keepalive request sent on pagehide reaches the collector after the page is gone', async () => {
    const page = await openPage()
    const records = await page.evaluate((url) => window.transportTest.armUnload({ url }, 3), endpoint(collector))
    const keys = records.map((record) => `${record.id}:${record.revision}`)
    await page.goto('about:blank')
    await waitUntil(async () => expect(await storedKeys(collector, keys)).toEqual(keys))
  })

  it('unload with an app header: the preflighted keepalive request still arrives after the page is gone', async () => {
    const page = await openPage()
    const records = await page.evaluate(
      (url) => window.transportTest.armUnload({ url, headers: { authorization: 'Bearer public-write-key' } }, 2),
      endpoint(collector),
    )
    const keys = records.map((record) => `${record.id}:${record.revision}`)
    await page.goto('about:blank')
    await waitUntil(async () => expect(await storedKeys(collector, keys)).toEqual(keys))
  })

  it('unload: a batch over the 64 KB keepalive budget is trimmed to the first records that fit, and they arrive', async () => {
    const page = await openPage()
    const records = await page.evaluate((url) => window.transportTest.armUnload({ url }, 40, 4000), endpoint(collector))
    const keys = records.map((record) => `${record.id}:${record.revision}`)
    // The request leaves a page that is going away, where Playwright no longer reports it: the collector's
    // store is the witness. The body's size is deterministic (sentAt has a fixed length), so the prefix that
    // fits can be computed here with the adapter's own encoder.
    const items = records.map((record, index) => ({ key: keys[index]!, record, attempt: 1 }))
    const fitted = fitToBudget(items, (batch) => encodeHttpBody(batch.map((item) => item.record)), UNLOAD_BUDGET_BYTES)!
    expect(new TextEncoder().encode(fitted.body).byteLength).toBeLessThanOrEqual(64 * 1024)
    expect(fitted.items.length).toBeGreaterThan(0)
    expect(fitted.items.length).toBeLessThan(keys.length)
    await page.goto('about:blank')
    await waitUntil(async () => expect(await storedKeys(collector, keys)).toEqual(keys.slice(0, fitted.items.length)))
  })
})
