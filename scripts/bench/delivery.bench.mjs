// Delivery bench in real Chromium: durable enqueue latency (IndexedDB transaction committed) and the
// time to flush 1,000 queued answers to a local collector through the http transport.
import { createServer } from 'node:http'
import { chromium } from 'playwright-core'
import { buildDeliveryPage, startHarness } from './delivery-harness.mjs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** A backend that acknowledges everything at once: isolates the queue's own cost from the collector's. */
async function startNullBackend() {
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, idempotency-key',
    'access-control-max-age': '600',
  }
  const server = createServer(async (req, res) => {
    for await (const _ of req) {
    }
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { ...cors, 'content-type': 'application/json' })
    res.end(req.method === 'OPTIONS' ? undefined : '{"results":{}}')
  })
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) }
}

async function flushQueued(browser, pageUrl, count) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(pageUrl)
  await page.waitForFunction(() => Boolean(window.touchloopTest))
  await context.setOffline(true)
  await page.evaluate(async (n) => {
    const t = window.touchloopTest
    for (let i = 0; i < n; i++) await t.delivery.enqueue(t.record({ answers: { score: i % 11 } }))
  }, count)
  await context.setOffline(false)
  const result = await page.evaluate(async () => {
    const t = window.touchloopTest
    const start = performance.now()
    await t.delivery.flush()
    const ms = performance.now() - start
    const sent = t.events.filter((e) => e.event === 'delivery:sent').flatMap((e) => e.payload.keys).length
    return { ms, sent }
  })
  await context.close()
  return result
}

export async function benchDelivery({ enqueues = 300, flushCount = 1_000, batch = 50 } = {}) {
  const { startCollector } = await import('../../packages/collector/dist/index.js')
  const pageDir = await buildDeliveryPage()
  // The page is served by the harness; answers go straight to the collector (CORS), no proxy hop.
  const writeKey = 'pk_delivery_bench'
  const collector = await startCollector({
    port: 0,
    dataDir: 'memory://',
    adminToken: 'bench',
    writeKeys: [{ key: writeKey, origins: ['*'] }],
    rateLimits: { perIp: { perSecond: 0, burst: 0 } },
  })
  const harness = await startHarness({ pageDir, collectorUrl: collector.url, writeKey })
  const endpoint = encodeURIComponent(`${collector.url}/v1/responses`)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  try {
    // 1. Enqueue latency: offline, so only the durable write is measured (the queue grows to `enqueues`).
    const latencyContext = await browser.newContext()
    const latencyPage = await latencyContext.newPage()
    await latencyPage.goto(`${harness.url}/`)
    await latencyPage.waitForFunction(() => Boolean(window.touchloopTest))
    await latencyContext.setOffline(true)
    const durations = await latencyPage.evaluate(async (count) => {
      const t = window.touchloopTest
      for (let i = 0; i < 20; i++) await t.delivery.enqueue(t.record()) // warm-up (open, JIT)
      const samples = []
      for (let i = 0; i < count; i++) {
        const record = t.record({ answers: { score: i % 11, comment: 'Fast checkout, would recommend.' } })
        const start = performance.now()
        await t.delivery.enqueue(record)
        samples.push(performance.now() - start)
      }
      return samples
    }, enqueues)
    await latencyContext.close()
    const sorted = durations.slice().sort((a, b) => a - b)

    // 2. Flush 1,000 queued answers (enqueued offline) once online: to the collector, and to a null
    // backend that answers at once (the queue's own share of the time).
    const countRows = async () => (await collector.store.db.query('select count(*)::int as n from responses')).rows[0].n
    const storedBefore = await countRows()
    // Straight to the collector, so the page sends the write key itself (the harness's proxy adds it otherwise).
    const toCollector = await flushQueued(
      browser,
      `${harness.url}/?endpoint=${endpoint}&key=${writeKey}&batch=${batch}`,
      flushCount,
    )
    const delivered = (await countRows()) - storedBefore
    const nullBackend = await startNullBackend()
    const nullEndpoint = encodeURIComponent(`${nullBackend.url}/v1/responses`)
    const toNull = await flushQueued(browser, `${harness.url}/?endpoint=${nullEndpoint}&batch=${batch}`, flushCount)
    await nullBackend.close()
    return {
      enqueue: { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) },
      flush: {
        answers: flushCount,
        batch,
        delivered,
        ms: toCollector.ms,
        nullBackendMs: toNull.ms,
        nullBackendSent: toNull.sent,
      },
    }
  } finally {
    await browser.close()
    await harness.close()
    await collector.close()
  }
}
