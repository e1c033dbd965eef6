// The whole loop in real Chromium: the script-tag example page, the embed build, the widget, the
// durable queue, the http transport and a real collector (PGlite). Asserts what the collector stored.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningCollector } from '../../packages/collector/src/index'
import { launchChromium } from './support/browser'
import { budgetedEmbedFiles } from './support/embed-files'
import {
  listResponses,
  type NetworkSwitch,
  ROOT,
  serveExamples,
  startNetworkSwitch,
  startTestCollector,
  waitFor,
} from './support/loop'
import { readStatic, type StaticServer } from './support/static-server'

const SURVEY_ID = 'post-checkout-nps'
let browser: Browser
let site: StaticServer
let collector: RunningCollector
let network: NetworkSwitch

beforeAll(async () => {
  site = await serveExamples()
  collector = await startTestCollector([site.url])
  network = await startNetworkSwitch(collector.url)
  // A page fulfilled by context.route() (to reload it while offline) counts as a public address for
  // Chromium's Local Network Access checks, which would then block its requests to the 127.0.0.1
  // collector. Real sites and collectors are both public; the check is a test-setup artifact.
  browser = await launchChromium({ args: ['--disable-features=LocalNetworkAccessChecks'] })
})
afterAll(async () => {
  await browser?.close()
  await network?.close()
  await site?.close()
  await collector?.close()
})

const pageUrl = () => `${site.url}/script-tag/?collector=${encodeURIComponent(network.url)}`

/** Serves the static site through the browser context itself, so pages load while it is "offline". */
async function serveThroughContext(context: BrowserContext): Promise<void> {
  await context.route(`${site.url}/**`, async (route) => {
    const found = site.resolve(decodeURIComponent(new URL(route.request().url()).pathname))
    if (!found) return route.fulfill({ status: 404, body: 'not found' })
    return route.fulfill({ status: 200, contentType: found.contentType, body: readStatic(found) })
  })
}

async function answerNps(page: Page, score: number, comment: string): Promise<void> {
  await page.getByRole('button', { name: 'Complete checkout' }).click()
  await page.getByRole('radio', { name: String(score), exact: true }).click()
  await page.locator('touchloop-survey [part=next]').click()
  await page.getByRole('textbox', { name: /main reason/i }).fill(comment)
  await page.locator('touchloop-survey [part=next]').click()
  // The heading: a bare getByText also matches the live region once it announces the ending (150 ms later).
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
}

function responsesWithComment(comment: string) {
  return async () => (await listResponses(collector, SURVEY_ID)).filter((r) => r.answers.comment === comment)
}

describe('script-tag page → collector', () => {
  it('stores exactly one response with the answers given', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      const loadedBy = (target: Page) => {
        const loaded: string[] = []
        target.on('request', (request) => {
          const path = new URL(request.url()).pathname
          if (path.startsWith('/touchloop/')) loaded.push(`dist/${path.slice('/touchloop/'.length)}`)
        })
        return loaded
      }
      const loaded = loadedBy(page)
      await page.goto(pageUrl())
      await page.waitForLoadState('networkidle')
      // What the page loads before any survey is due must be what the size budgets measure.
      const budgeted = budgetedEmbedFiles
      expect(loaded.sort(), 'update the size-limit entries of packages/embed/package.json').toEqual(
        budgeted('page load, first view').sort(),
      )
      await answerNps(page, 9, 'Fast delivery')
      // Showing the survey loads exactly what the "NPS survey shown" budget measures (with the delivery
      // stage: a survey is shown only once its answers can be queued).
      expect(loaded.sort(), 'update the size-limit entries of packages/embed/package.json').toEqual(
        budgeted('NPS survey shown').sort(),
      )

      const stored = await waitFor('the completed response in the collector', async () => {
        const found = await responsesWithComment('Fast delivery')()
        return found[0]?.event === 'completed' ? found : undefined
      })
      expect(stored).toHaveLength(1)
      expect(loaded.sort(), 'update the size-limit entries of packages/embed/package.json').toEqual(
        budgeted('answer delivered').sort(),
      )
      expect(stored[0]).toMatchObject({
        surveyId: SURVEY_ID,
        touchpoint: 'checkout_completed',
        answers: { nps: 9, comment: 'Fast delivery' },
      })

      // A repeat view with an unchanged remote config loads no guard chunk (the surveys are checked whole
      // when the first touchpoint matches, with the state stage), and never the zod chunk.
      const again = await context.newPage()
      again.on('pageerror', (error) => pageErrors.push(error.message))
      const loadedAgain = loadedBy(again)
      await again.goto(pageUrl())
      await again.waitForLoadState('networkidle')
      expect(loadedAgain.sort(), 'update the size-limit entries of packages/embed/package.json').toEqual(
        budgeted('page load, repeat view').sort(),
      )
      expect(budgeted('page load, repeat view').join()).not.toMatch(/chunks\/(validate|guard)-/)
      expect(budgeted('NPS survey shown').join()).not.toMatch(/chunks\/validate-/)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('fetches the survey stage together with the state stage on the first match (one round trip, not a waterfall)', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      const requested: string[] = []
      page.on('request', (request) => requested.push(new URL(request.url()).pathname))
      await page.goto(pageUrl())
      await page.waitForLoadState('networkidle')
      // The state chunk is held until the survey's files have been asked for (10 s at most): with a
      // waterfall (the presenter imported once the state stage decided, the widget once the presenter
      // ran) none of them is requested while the decision cannot run.
      const surveyFiles = ['/chunks/presenter-', '/chunks/guard-', '/chunks/delivery-', '/chunks/http-', '/widget-']
      const allRequested = () => surveyFiles.every((file) => requested.some((path) => path.includes(file)))
      let requestedWhileHeld = false
      await page.route('**/chunks/state-*.js', async (route) => {
        await waitFor(
          'the survey files requested while the state chunk is held',
          async () => allRequested() || undefined,
          {
            timeoutMs: 10_000,
            intervalMs: 20,
          },
        ).catch(() => {})
        requestedWhileHeld = allRequested()
        await route.continue()
      })
      await page.getByRole('button', { name: 'Complete checkout' }).click()
      await page.getByRole('radio', { name: '9', exact: true }).waitFor()
      expect(requestedWhileHeld).toBe(true)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('settles a flush() called through the stub before touchloop.js has loaded, once the SDK has booted', async () => {
    type PageTouchloop = { flush(): Promise<void>; q?: unknown[]; instance?: unknown }
    const context = await browser.newContext()
    try {
      // Hold touchloop.js back until the page has called flush() through the inline stub.
      let release = () => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      await context.route(
        (url) => url.pathname === '/touchloop/touchloop.js',
        async (route) => {
          await held
          await route.continue()
        },
      )
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto(pageUrl(), { waitUntil: 'domcontentloaded' })
      const early = await page.evaluate(() => {
        const win = window as unknown as { touchloop: PageTouchloop; early: Promise<string> }
        win.early = win.touchloop.flush().then(() => 'flushed')
        return { stub: Array.isArray(win.touchloop.q), booted: 'instance' in win.touchloop }
      })
      expect(early).toEqual({ stub: true, booted: false })
      release()
      expect(await page.evaluate(() => (window as unknown as { early: Promise<string> }).early)).toBe('flushed')
      expect(
        await page.evaluate(() => 'instance' in (window as unknown as { touchloop: PageTouchloop }).touchloop),
      ).toBe(true)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  // Issue 12 item 8: an extension blocking touchloop.js left every stub promise pending forever.
  it('settles the stub promises when touchloop.js is blocked and never runs', async () => {
    type StubApi = Record<'show' | 'flush' | 'deadLetters' | 'start', (...args: unknown[]) => Promise<unknown>>
    const context = await browser.newContext()
    try {
      await context.route(
        (url) => url.pathname === '/touchloop/touchloop.js',
        (route) => route.abort('blockedbyclient'),
      )
      const page = await context.newPage()
      await page.goto(pageUrl(), { waitUntil: 'domcontentloaded' })
      const shown = (id: string) => {
        const api = (window as unknown as { touchloop: StubApi }).touchloop
        const named = (value: unknown) => (value === undefined ? 'undefined' : value)
        return Promise.all([api.show(id), api.start(id), api.flush(), api.deadLetters()]).then((all) => all.map(named))
      }
      expect(await page.evaluate(shown, SURVEY_ID)).toEqual([false, 'undefined', 'undefined', []])
      await page.waitForLoadState('load')
      // Calls after the stub gave up settle at once.
      expect(await page.evaluate(shown, SURVEY_ID)).toEqual([false, 'undefined', 'undefined', []])
    } finally {
      await context.close()
    }
  })

  // Issue 12 item 8: a collector that does not allow the page's origin failed in silence, forever.
  it('says on the console, without debug, when answers keep failing while online (CORS)', async () => {
    const strict = await startTestCollector(['https://some-other-site.example'])
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      const warnings: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text())
      })
      await page.goto(`${site.url}/script-tag/?collector=${encodeURIComponent(strict.url)}`)
      await answerNps(page, 8, 'CORS check')
      const warning = await waitFor('the repeated-failure warning', async () =>
        warnings.find((text) => text.startsWith('touchloop: sending answers to')),
      )
      expect(warning).toMatch(/failed 3 times in a row while online \(last: network error: .*\).*CORS/)
      expect(warnings.filter((text) => text.startsWith('touchloop: sending answers to'))).toHaveLength(1)
    } finally {
      await context.close()
      await strict.close()
    }
  })

  it('keeps an answer given offline across a reload and delivers it exactly once', async () => {
    const context = await browser.newContext()
    try {
      await serveThroughContext(context)
      const page = await context.newPage()
      await page.goto(pageUrl())
      await context.setOffline(true)
      network.setDown(true)
      await answerNps(page, 9, 'Answered offline')

      await page.reload()
      await page.getByRole('button', { name: 'Complete checkout' }).waitFor()
      expect(await responsesWithComment('Answered offline')()).toEqual([])

      network.setDown(false)
      await context.setOffline(false)
      const stored = await waitFor('the offline answer in the collector', async () => {
        const found = await responsesWithComment('Answered offline')()
        return found[0]?.event === 'completed' ? found : undefined
      })
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatchObject({ revision: 3, answers: { nps: 9, comment: 'Answered offline' } })
      // Every queued revision has been acknowledged: nothing is left to send again later.
      await page.evaluate(() => (window as unknown as { touchloop: { flush(): Promise<void> } }).touchloop.flush())
      expect(await responsesWithComment('Answered offline')()).toHaveLength(1)
    } finally {
      await context.close()
    }
  })

  it('rejects an invalid survey with a message naming the field path, and runs the valid one', async () => {
    const valid = JSON.parse(readFileSync(join(ROOT, 'examples/surveys/post-checkout-nps.json'), 'utf8'))
    const invalid = {
      ...valid,
      id: 'broken-survey',
      questions: [{ id: 'nps', type: 'nps', text: 'Hi', required: 'yes' }],
    }
    const context = await browser.newContext()
    try {
      await context.route(
        (url) => url.pathname === '/test/invalid-survey.html',
        (route) =>
          route.fulfill({
            contentType: 'text/html',
            body: readFileSync(join(ROOT, 'examples/script-tag/index.html'), 'utf8').replace(
              /surveys: \[[\s\S]*?\]\s*\n\s*\}\)/,
              `surveys: ${JSON.stringify([invalid, valid])} })`,
            ),
          }),
      )
      const page = await context.newPage()
      const warnings: string[] = []
      page.on('console', (message) => warnings.push(message.text()))
      await page.goto(`${site.url}/test/invalid-survey.html?collector=${encodeURIComponent(network.url)}`)
      await page.getByRole('button', { name: 'Complete checkout' }).click()
      await page.getByRole('radio', { name: '10', exact: true }).waitFor()
      const message = warnings.find((text) => text.includes('invalid survey config'))
      expect(message).toBeDefined()
      expect(message).toContain('surveys[0].questions[0].required: expected')
      expect(message).toContain('"yes"')
    } finally {
      await context.close()
    }
  })

  it('works the same from the npm packages in a Vite SPA, after client-side navigation', async () => {
    if (!existsSync(join(ROOT, 'examples/spa/dist/index.html'))) {
      throw new Error('examples/spa is not built: run "npx -y pnpm@10 run build" first (the root "test" script does).')
    }
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(`${site.url}/spa/?collector=${encodeURIComponent(network.url)}`)
      await page.getByRole('link', { name: 'Go to the basket' }).click()
      await page.getByRole('heading', { name: 'Basket' }).waitFor()
      expect(new URL(page.url()).pathname).toBe('/spa/basket')
      await answerNps(page, 6, 'From the SPA')
      const stored = await waitFor('the SPA answer in the collector', async () => {
        const found = await responsesWithComment('From the SPA')()
        return found[0]?.event === 'completed' ? found : undefined
      })
      expect(stored).toHaveLength(1)
      expect(stored[0]?.answers).toEqual({ nps: 6, comment: 'From the SPA' })
      expect(stored[0]?.url).toContain('/spa/basket')
    } finally {
      await context.close()
    }
  })

  // Issue 12 item 7: headless mode on its own, with the page's own UI (examples/headless).
  it('works headless: the page renders the survey, the answer reaches the collector once', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto(`${site.url}/headless/?collector=${encodeURIComponent(network.url)}`)
      await page.getByRole('button', { name: 'Complete checkout' }).click()
      await page.getByRole('button', { name: '10', exact: true }).click()
      await page.getByRole('textbox', { name: /main reason/i }).fill('Headless answer')
      await page.getByRole('button', { name: 'Send' }).click()
      await page.getByText('Thank you!').waitFor()
      const stored = await waitFor('the headless answer in the collector', async () => {
        const found = await responsesWithComment('Headless answer')()
        return found[0]?.event === 'completed' ? found : undefined
      })
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatchObject({
        touchpoint: 'checkout_completed',
        answers: { nps: 10, comment: 'Headless answer' },
      })
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
