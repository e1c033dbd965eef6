// The framework examples (examples/react, examples/vue) built with their own Vite config, served, and
// driven in Chromium against a real collector: a survey on a route change, one on an action, an inline
// survey and a feedback tab. Each flow checks that the answers reached the collector.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningCollector } from '../../packages/collector/src/index'
import { launchChromium } from './support/browser'
import { assertEmbedBuilt, listResponses, ROOT, startTestCollector, waitFor } from './support/loop'
import { type StaticServer, serveStatic } from './support/static-server'

const EXAMPLES = ['react', 'vue'] as const
let browser: Browser
let collector: RunningCollector
let site: StaticServer
const outDirs: string[] = []

beforeAll(async () => {
  // The examples import the packages' dist/ like any app would: `pnpm build` must have run.
  assertEmbedBuilt()
  const mounts: Record<string, string> = {}
  for (const name of EXAMPLES) {
    const outDir = mkdtempSync(join(tmpdir(), `touchloop-example-${name}-`))
    outDirs.push(outDir)
    const root = join(ROOT, 'examples', name)
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir } })
    mounts[`/${name}/`] = outDir
  }
  site = await serveStatic(mounts)
  collector = await startTestCollector([site.url])
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
  await collector?.close()
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true })
})

/** Opens the example's home page in a fresh context (fresh IndexedDB: no fatigue from other flows). */
async function openExample(name: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${site.url}/${name}/?collector=${encodeURIComponent(collector.url)}`)
  await page.getByRole('heading', { name: 'Acme shop' }).waitFor()
  return { page, errors, close: () => context.close() }
}

const survey = (page: Page) => page.locator('touchloop-survey')

async function completed(surveyId: string, since: number) {
  return waitFor(`a completed "${surveyId}" response in the collector`, async () => {
    const found = (await listResponses(collector, surveyId)).filter((r) => Date.parse(r.receivedAt) >= since)
    return found.find((r) => r.event === 'completed')
  })
}

describe.each(EXAMPLES)('examples/%s in Chromium', (name) => {
  it('a route change to /account shows the CES survey (pageview touchpoint with a URL rule)', async () => {
    const since = Date.now() - 1000
    const { page, errors, close } = await openExample(name)
    try {
      await page.getByRole('link', { name: 'Account' }).click()
      await page.getByRole('heading', { name: 'Account', exact: true }).waitFor()
      await survey(page).getByRole('radio', { name: '6', exact: true }).click()
      await survey(page).locator('[part=next]').click()
      await survey(page).getByRole('heading', { name: 'Thank you!' }).waitFor()
      const stored = await completed('account-ces', since)
      expect(stored).toMatchObject({ touchpoint: 'account_page', answers: { effort: 6 } })
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('an action (checkout) shows the NPS survey', async () => {
    const since = Date.now() - 1000
    const { page, errors, close } = await openExample(name)
    try {
      await page.getByRole('link', { name: 'Basket' }).click()
      await page.getByRole('button', { name: 'Complete checkout' }).click()
      await survey(page).getByRole('radio', { name: '9', exact: true }).click()
      await survey(page).locator('[part=next]').click()
      await survey(page).getByRole('textbox').fill(`Quick delivery (${name})`)
      await survey(page).locator('[part=next]').click()
      await survey(page).getByRole('heading', { name: 'Thank you!' }).waitFor()
      const stored = await completed('post-checkout-nps', since)
      expect(stored.answers).toEqual({ nps: 9, comment: `Quick delivery (${name})` })
      await page.getByRole('status').getByText('Answer to "post-checkout-nps" saved.').waitFor()
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('renders the inline survey inside the help page, and leaving the page frees the slot for the next survey', async () => {
    const since = Date.now() - 1000
    const { page, errors, close } = await openExample(name)
    try {
      await page.getByRole('link', { name: 'Help' }).click()
      const slot = page.locator('[data-touchloop-survey="help-article-rating"]')
      await slot.getByRole('radio', { name: '4', exact: true }).waitFor()
      // Leave before answering: the inline survey is taken back, so the checkout survey is not stuck behind it.
      await page.getByRole('link', { name: 'Basket' }).click()
      await page.getByRole('button', { name: 'Complete checkout' }).click()
      await survey(page).getByRole('radio', { name: '8', exact: true }).waitFor()
      await survey(page).getByRole('button', { name: /close/i }).first().click()
      // Back on the help page the inline survey asks again (displayLimit untilAnswered) and is answered.
      await page.getByRole('link', { name: 'Help' }).click()
      await slot.getByRole('radio', { name: '4', exact: true }).click()
      await slot.locator('[part=next]').click()
      await slot.getByRole('heading', { name: 'Thanks for rating this article!' }).waitFor()
      const stored = await completed('help-article-rating', since)
      expect(stored).toMatchObject({ touchpoint: 'manual', answers: { helpful: 4 } })
      const removed = (await listResponses(collector, 'help-article-rating')).filter(
        (r) => Date.parse(r.receivedAt) >= since && r.event === 'dismissed',
      )
      expect(removed).toHaveLength(1)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('shows the feedback tab on the contact page; it opens the survey on demand', async () => {
    const since = Date.now() - 1000
    const { page, errors, close } = await openExample(name)
    try {
      await page.getByRole('link', { name: 'Contact' }).click()
      await survey(page).getByRole('button', { name: 'Feedback' }).click()
      await survey(page).getByRole('radio', { name: 'Delivery' }).click()
      await survey(page).locator('[part=next]').click()
      await survey(page).getByRole('textbox').fill(`The parcel came early (${name})`)
      await survey(page).locator('[part=next]').click()
      await survey(page).getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor()
      const stored = await completed('contact-feedback-tab', since)
      expect(stored).toMatchObject({
        touchpoint: 'contact_page',
        answers: { topic: 'delivery', details: `The parcel came early (${name})` },
      })
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
