// Core in real Chromium: touchpoints that only a browser can show (Navigation API, real clicks,
// scrolling, the pointer leaving the page, visible dwell time), state in a real IndexedDB across
// reloads, and a half-answered survey resumed after a reload with the real widget.
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test/e2e/support/browser'
import { buildTestPage } from '../../../test/e2e/support/build-page'
import { type StaticServer, serveStatic } from '../../../test/e2e/support/static-server'

let outDir: string
let server: StaticServer
let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  outDir = await buildTestPage('core-e2e', { root: resolve(import.meta.dirname, 'fixture') })
  // The SPA routes (/app/…) serve the same page, like a history-API app server would.
  server = await serveStatic({ '/': outDir, '/app/': outDir, '/pages/': outDir })
  browser = await launchChromium()
})

beforeEach(async () => {
  await context?.close()
  context = await browser.newContext()
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

const due = () => page.evaluate(() => window.due)
async function waitForDue(entry: string, count = 1) {
  await page.waitForFunction(([e, n]) => window.due.filter((d) => d === e).length >= n, [entry, count] as const)
}

describe('touchpoints in Chromium', () => {
  it('matches a path glob and a path-anchored regex on SPA page views (issue 12 item 1)', async () => {
    await page.goto(`${server.url}/?headless`)
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.evaluate(() => history.pushState({}, '', '/pages/app/pricing?utm_source=mail'))
    await waitForDue('glob@pageview')
    await waitForDue('anchored@pageview')
    await page.evaluate(() => history.pushState({}, '', '/pages/app/other'))
    await waitForDue('glob@pageview', 2)
    expect((await due()).filter((entry) => entry === 'anchored@pageview')).toHaveLength(1)
    expect(await page.evaluate(() => window.events)).not.toContain('config:error')
  })

  it('sees SPA navigation through the Navigation API, without polling', async () => {
    await page.goto(`${server.url}/?headless`)
    await page.waitForFunction(() => Boolean(window.touchloop))
    expect(await page.evaluate(() => 'navigation' in window)).toBe(true)
    await page.evaluate(() => history.pushState({}, '', '/app/settings/profile'))
    await waitForDue('spa@pageview')
    await page.evaluate(() => history.pushState({}, '', '/app/billing'))
    await page.evaluate(() => history.back())
    await waitForDue('spa@pageview', 2)
  })

  it('falls back to history/popstate/hashchange where the Navigation API is missing', async () => {
    await page.addInitScript(() =>
      Object.defineProperty(window, 'navigation', { value: undefined, configurable: true }),
    )
    await page.goto(`${server.url}/?headless`)
    await page.waitForFunction(() => Boolean(window.touchloop))
    expect(await page.evaluate(() => (window as { navigation?: unknown }).navigation)).toBeUndefined()
    await page.evaluate(() => history.pushState({}, '', '/app/settings'))
    await waitForDue('spa@pageview')
    await page.evaluate(() => history.pushState({}, '', '/app/billing'))
    await page.goBack()
    await waitForDue('spa@pageview', 2)
    await page.evaluate(() => {
      location.hash = '#x'
    })
    await page.evaluate(() => history.replaceState({}, '', '/app/settings/2'))
    await waitForDue('spa@pageview', 3)
  })

  it('fires on a real click, on scroll depth and when the pointer leaves through the top', async () => {
    await page.setViewportSize({ width: 1200, height: 800 })
    await page.goto(`${server.url}/?headless`)
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.click('#other')
    await page.click('#help span')
    await waitForDue('click@click')
    await page.mouse.wheel(0, 2000)
    await waitForDue('scroll@scroll')
    await page.mouse.move(600, 300)
    await page.mouse.move(600, -20, { steps: 5 })
    await waitForDue('exit@exitIntent')
    expect((await due()).filter((d) => d.startsWith('click')).length).toBe(1)
  })

  it('counts dwell time on a visible page', async () => {
    await page.goto(`${server.url}/?headless`)
    await waitForDue('dwell@dwell')
  })

  it('headless: start() delivers every revision and counts the display, across a reload (issue 12 item 7)', async () => {
    await page.goto(`${server.url}/?headless`)
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.evaluate(() => window.touchloop.track('buy'))
    await waitForDue('headless-once@buy')
    const answered = await page.evaluate(async () => {
      const session = await window.touchloop.start('headless-once', { touchpoint: 'buy' })
      if (!session) return 'not started'
      const results = [await session.answer('score', 9), await session.answer('why', 'Fast'), await session.complete()]
      await window.touchloop.flush()
      return results
    })
    expect(answered).toEqual([true, true, true])
    const sent = await page.evaluate(() => window.sent().filter((record) => record.surveyId === 'headless-once'))
    // Revisions 0 (shown) to 3 (completed); a newer revision queued before a send supersedes older ones.
    expect(sent.at(-1)).toMatchObject({
      revision: 3,
      event: 'completed',
      touchpoint: 'buy',
      answers: { score: 9, why: 'Fast' },
    })
    // displayLimit 'once', kept in IndexedDB: not due again, even after a reload.
    await page.evaluate(() => window.touchloop.track('buy'))
    await page.reload()
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.evaluate(() => window.touchloop.track('buy'))
    await page.evaluate(() => window.touchloop.flush())
    expect(await due()).not.toContain('headless-once@buy')
    expect(await page.evaluate(async () => (await window.touchloop.start('headless-once')) === undefined)).toBe(true)
  })

  it('keeps the nth-occurrence count in IndexedDB across a reload', async () => {
    await page.goto(`${server.url}/?headless`)
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.evaluate(() => window.touchloop.track('export', { format: 'pdf' }))
    await page.evaluate(() => window.touchloop.track('export', { format: 'csv' }))
    await page.evaluate(() => window.touchloop.flush())
    expect((await due()).filter((d) => d.startsWith('second-export'))).toEqual([])
    await page.reload()
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.evaluate(() => window.touchloop.track('export', { format: 'csv' }))
    await waitForDue('second-export@export')
  })
})

describe('the state stage in Chromium', () => {
  it('counts visits on page loads where nothing matched, without fetching the state stage until one does', async () => {
    const stateChunks: string[] = []
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (/\/state-[\w-]+\.js$/.test(path)) stateChunks.push(path)
    })
    for (let visit = 1; visit <= 2; visit++) {
      await page.goto(`${server.url}/?visits`)
      await page.waitForFunction(() => Boolean(window.touchloop))
      await page.evaluate(() => window.touchloop.track('page_scrolled'))
      await page.evaluate(() => window.touchloop.flush())
      expect((await due()).filter((entry) => entry.startsWith('third-visit'))).toEqual([])
    }
    expect(stateChunks).toEqual([])
    await page.goto(`${server.url}/?visits`)
    await waitForDue('third-visit@visits')
    expect(stateChunks).toHaveLength(1)
  })
})

describe('the loop with the real widget', () => {
  it('resumes a half-answered survey after a reload, as the same response', async () => {
    await page.goto(server.url)
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.evaluate(() => window.touchloop.track('checkout_completed', { orderValue: 120 }))
    await page.getByRole('radio', { name: '9', exact: true }).click()
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByRole('textbox').waitFor()
    await page.waitForFunction(() => window.events.includes('question:answered'))
    await page.evaluate(() => window.touchloop.flush())

    await page.reload()
    await page.waitForFunction(() => Boolean(window.touchloop))
    const textbox = page.getByRole('textbox')
    await textbox.waitFor()
    await textbox.fill('Fast delivery')
    await page
      .getByRole('button', { name: /submit|send|done|finish|next/i })
      .first()
      .click()
    await page.waitForFunction(() => window.events.includes('survey:completed'))
    await page.evaluate(() => window.touchloop.flush())
    await page.waitForFunction(() => window.sent().some((r) => r.event === 'completed'))

    const sent = await page.evaluate(() => window.sent())
    const ids = new Set(sent.map((r) => r.id))
    expect(ids.size).toBe(1)
    const byRevision = new Map(sent.map((r) => [r.revision, r]))
    // Revision 2 (the comment) may be superseded in the queue by revision 3 before it is sent: the
    // backend keeps the highest revision, so the delivery queue only sends the newest unsent one.
    expect([...byRevision.keys()].sort()).toEqual(expect.arrayContaining([0, 1, 3]))
    expect(byRevision.get(0)?.event).toBe('shown')
    expect(byRevision.get(1)?.answers).toEqual({ score: 9 })
    expect(byRevision.get(3)).toMatchObject({ event: 'completed', answers: { score: 9, why: 'Fast delivery' } })

    // Completed: neither resumed nor shown again on the next load.
    await page.reload()
    await page.waitForFunction(() => Boolean(window.touchloop))
    await page.evaluate(() => window.touchloop.track('checkout_completed'))
    await page.evaluate(() => window.touchloop.flush())
    expect(await page.locator('touchloop-survey').count()).toBe(0)
  })

  it('two tabs asked at the same moment show the survey once between them (Web Locks + shared state)', async () => {
    const second = await context.newPage()
    await Promise.all([page.goto(server.url), second.goto(server.url)])
    await Promise.all([page, second].map((tab) => tab.waitForFunction(() => Boolean(window.touchloop))))
    const shown = await Promise.all(
      [page, second].map((tab) => tab.evaluate(() => window.touchloop.show('post-checkout-nps'))),
    )
    expect(shown.sort()).toEqual([false, true])
    const onScreen = await Promise.all([page, second].map((tab) => tab.locator('touchloop-survey').count()))
    expect(onScreen.reduce((a, b) => a + b, 0)).toBe(1)
  })
})
