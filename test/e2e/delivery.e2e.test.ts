/// <reference path="../../scripts/bench/delivery-page.ts" />
// The delivery promise in real Chromium against the real collector (PGlite) and the real http
// transport: offline → reload → online, black-holed and closed mid-flight, five tabs, real quota
// exceeded, no IndexedDB at all. A proxy in front of the collector counts what reaches the backend.

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type RunningCollector, startCollector } from '../../packages/collector/src/index'
import { buildDeliveryPage, type Harness, startHarness } from '../../scripts/bench/delivery-harness.mjs'
import { launchChromium } from './support/browser'

let browser: Browser
let collector: RunningCollector
let harness: Harness
const contexts: BrowserContext[] = []

beforeAll(async () => {
  const pageDir = await buildDeliveryPage()
  const writeKey = 'pk_delivery_e2e'
  collector = await startCollector({
    port: 0,
    dataDir: 'memory://',
    adminToken: 'e2e',
    writeKeys: [{ key: writeKey, origins: ['*'] }],
    rateLimits: { perIp: { perSecond: 0, burst: 0 } },
  })
  harness = await startHarness({ pageDir, collectorUrl: collector.url, writeKey })
  browser = await launchChromium()
})

afterEach(async () => {
  harness.setMode('pass')
  for (const context of contexts.splice(0)) await context.close()
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
  await collector?.close()
})

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext()
  contexts.push(context)
  return context
}

async function openPage(context: BrowserContext, query = ''): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${harness.url}/?${query}`)
  await page.waitForFunction(() => Boolean(window.touchloopTest))
  return page
}

/** Enqueues one answer in the page; resolves with its item key once it is durably stored. */
function answer(page: Page, answers: Record<string, number | string> = { score: 9 }): Promise<string> {
  return page.evaluate(async (value) => {
    const record = await window.touchloopTest.answer({ answers: value })
    return `${record.id}:${record.revision}`
  }, answers)
}

function events(page: Page, name: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    (event) =>
      window.touchloopTest.events.filter((e) => e.event === event).map((e) => e.payload as Record<string, unknown>),
    name,
  )
}

async function rowsFor(keys: string[]) {
  const ids = new Set(keys.map((key) => key.split(':')[0]))
  return (await collector.store.list({ limit: 1000 })).responses.filter((row) => ids.has(row.id))
}

const waitUntil = (assertion: () => unknown | Promise<unknown>) =>
  vi.waitFor(assertion, { timeout: 45_000, interval: 100 })

describe('delivery in Chromium against the collector', () => {
  it('answers given offline survive a reload and reach the collector exactly once when online', async () => {
    const context = await newContext()
    const page = await openPage(context)
    await context.setOffline(true)
    const keys = [await answer(page), await answer(page, { score: 3 })]
    expect(keys.map((key) => harness.received.get(key))).toEqual([undefined, undefined])
    await page.goto('about:blank')
    // The pagehide hand-off (fetch keepalive) may or may not have got out; the queue kept the items either way.
    const handedOff = keys.map((key) => harness.received.get(key) ?? 0)
    await context.setOffline(false)
    await page.goto(`${harness.url}/`)
    await waitUntil(async () =>
      expect((await events(page, 'delivery:sent')).flatMap((e) => e.keys as string[]).sort()).toEqual(
        keys.slice().sort(),
      ),
    )
    // The reloaded page sends each item once. A hand-off still in flight when `handedOff` was read (seen on a
    // loaded machine: Chromium lets a keepalive request of a closed page out despite the offline emulation)
    // arrives later, so it adds at most one receipt; the collector stores each item exactly once either way.
    const received = keys.map((key) => harness.received.get(key) ?? 0)
    received.forEach((count, i) => {
      const before = handedOff[i] ?? 0
      expect(count - before).toBeGreaterThanOrEqual(1)
      expect(count).toBeLessThanOrEqual(before === 0 ? 2 : before + 1)
    })
    expect(keys.map((key) => harness.stored.get(key))).toEqual([1, 1])
    expect(await rowsFor(keys)).toHaveLength(2)
  })

  it('a request black-holed mid-flight, then a reload: the same id is resent after its lease and stored once', async () => {
    const context = await newContext()
    harness.setMode('hold') // reaches the collector, but the answer never comes back
    const page = await openPage(context, 'lease=3000&timeout=2000')
    const key = await answer(page)
    await waitUntil(() => expect(harness.received.get(key)).toBe(1))
    harness.setMode('pass')
    await page.reload()
    await page.waitForFunction(() => Boolean(window.touchloopTest))
    await waitUntil(async () =>
      expect((await events(page, 'delivery:sent')).flatMap((e) => e.keys as string[])).toContain(key),
    )
    expect(harness.received.get(key)).toBeGreaterThanOrEqual(2)
    expect(harness.stored.get(key)).toBe(1)
    expect(await rowsFor([key])).toMatchObject([{ id: key.split(':')[0], revision: 1 }])
  })

  it('five tabs answering offline, then online: each id is sent and stored once', async () => {
    const context = await newContext()
    const pages = await Promise.all(Array.from({ length: 5 }, () => openPage(context)))
    await context.setOffline(true)
    const keys = (await Promise.all(pages.map(async (page) => [await answer(page), await answer(page)]))).flat()
    await context.setOffline(false)
    const sentKeys = async () =>
      (await Promise.all(pages.map((page) => events(page, 'delivery:sent')))).flat().flatMap((e) => e.keys as string[])
    await waitUntil(async () => expect((await sentKeys()).sort()).toEqual(keys.slice().sort()))
    expect(keys.map((key) => harness.stored.get(key))).toEqual(keys.map(() => 1))
    expect(keys.map((key) => harness.received.get(key))).toEqual(keys.map(() => 1))
    expect(await rowsFor(keys)).toHaveLength(10)
  })

  it('page closed mid-flight: a later visit resends the same id, stored once', async () => {
    const context = await newContext()
    harness.setMode('hold')
    const page = await openPage(context, 'lease=3000&timeout=2000')
    const key = await answer(page, { score: 10 })
    await waitUntil(() => expect(harness.received.get(key)).toBe(1))
    await page.close({ runBeforeUnload: true })
    harness.setMode('pass')
    const later = await openPage(context, 'lease=3000')
    await waitUntil(async () =>
      expect((await events(later, 'delivery:sent')).flatMap((e) => e.keys as string[])).toContain(key),
    )
    expect(harness.stored.get(key)).toBe(1)
    expect(await rowsFor([key])).toHaveLength(1)
  })

  it('pagehide hands the stored answer to fetch keepalive (CORS-simple) and keeps it queued', async () => {
    const context = await newContext()
    harness.setMode('blackhole') // regular sends never reach the collector nor come back
    const page = await openPage(context, 'lease=3000&timeout=2000')
    const key = await answer(page, { score: 4 })
    await waitUntil(() => expect(harness.received.get(key)).toBe(1))
    await page.close({ runBeforeUnload: true })
    // The hand-off is the CORS-simple request (regular sends are application/json).
    const handOffs = () =>
      harness.requests.filter((request) => request.keys.includes(key) && request.contentType.startsWith('text/plain'))
    await waitUntil(() => expect(handOffs()).toHaveLength(1))
    // A `true` from sendOnUnload deleted nothing: the next visit still delivers it.
    harness.setMode('pass')
    const later = await openPage(context, 'lease=3000&timeout=2000')
    await waitUntil(async () =>
      expect((await events(later, 'delivery:sent')).flatMap((e) => e.keys as string[])).toContain(key),
    )
    expect(harness.stored.get(key)).toBe(1)
  })

  it('real quota exceeded (CDP Storage.overrideQuotaForOrigin): degrades to memory and still delivers', async () => {
    const context = await newContext()
    const page = await openPage(context)
    await page.evaluate(() => window.touchloopTest.delivery.flush())
    const cdp = await context.newCDPSession(page)
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: harness.url, quotaSize: 1 })
    const key = await answer(page, { comment: 'x'.repeat(50_000) })
    expect(await events(page, 'delivery:degraded')).toEqual([{ reason: 'quota-exceeded' }])
    await waitUntil(() => expect(harness.stored.get(key)).toBe(1))
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: harness.url })
  })

  it('IndexedDB removed by an init script: degrades to memory and still delivers', async () => {
    const context = await newContext()
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })
    })
    const page = await openPage(context)
    const key = await answer(page)
    expect(await events(page, 'delivery:degraded')).toEqual([{ reason: 'indexeddb-missing' }])
    await waitUntil(() => expect(harness.stored.get(key)).toBe(1))
  })
})
