// axe-core in real Chromium: zero violations for every question type in light, dark and RTL (Arabic),
// plus the ending screen and the save-error state. Screenshots land in test-results/widget/ for review.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test/e2e/support/browser'
import { type FixtureServer, runAxe, serveFixture, showSurvey } from './support'
import { FULL, QUESTIONS, single } from './surveys'

const SHOTS = resolve(import.meta.dirname, '../../../test-results/widget')
let server: FixtureServer
let browser: Browser
let page: Page

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  server = await serveFixture()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1024, height: 720 } })
  await page.goto(server.url)
  await page.waitForFunction(() => Boolean(window.widget))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const VARIANTS = [
  { name: 'light', options: { theme: { scheme: 'light' as const } } },
  { name: 'dark', options: { theme: { scheme: 'dark' as const } } },
  { name: 'rtl', options: { locale: 'ar', theme: { scheme: 'auto' as const } } },
]

async function shoot(name: string) {
  const box = await page.locator('touchloop-survey [part=container]').boundingBox()
  if (!box) throw new Error(`no widget on screen for screenshot ${name}`)
  await page.screenshot({
    path: `${SHOTS}/${name}.png`,
    clip: { x: Math.max(0, box.x - 24), y: Math.max(0, box.y - 24), width: box.width + 48, height: box.height + 48 },
  })
}

describe('axe-core finds no violations', () => {
  for (const variant of VARIANTS) {
    for (const [type, question] of Object.entries(QUESTIONS)) {
      it(`${type} · ${variant.name}`, async () => {
        await showSurvey(page, single(question), variant.options)
        // A selected state is checked too: contrast of the filled option.
        const radios = page.locator('touchloop-survey [role=radio]')
        if ((await radios.count()) > 2) await radios.nth(2).click()
        expect(await runAxe(page)).toEqual([])
        if (type === 'nps' || type === 'multi' || type === 'stars' || type === 'text')
          await shoot(`${type}-${variant.name}`)
      })
    }
  }

  it('inline region, ending with CTA, and the save-error state in dark mode', async () => {
    await showSurvey(page, single(QUESTIONS.nps!), { inline: true })
    expect(await runAxe(page)).toEqual([])
    await showSurvey(page, FULL, { theme: { scheme: 'dark' }, failAnswers: 1 })
    await page.locator('touchloop-survey [role=radio]').nth(10).click()
    await page.locator('touchloop-survey [part=next]').click()
    await page.locator('touchloop-survey [role=alert]').waitFor()
    expect(await runAxe(page)).toEqual([])
    await shoot('save-error-dark')
    await page.locator('touchloop-survey [part=next]').click()
    await page.locator('touchloop-survey fieldset').waitFor()
    await page.locator('touchloop-survey [part=next]').click()
    await page.locator('touchloop-survey [part=next]').click()
    await page.locator('touchloop-survey [part=cta]').waitFor()
    expect(await runAxe(page)).toEqual([])
    await shoot('ending-dark')
  })

  it('prefers-color-scheme: dark switches an auto theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await showSurvey(page, single(QUESTIONS.nps!))
    const background = await page.evaluate(() => {
      const card = document.querySelector('touchloop-survey')!.shadowRoot!.querySelector('[part=container]')!
      return getComputedStyle(card).backgroundColor
    })
    expect(background).toBe('rgb(28, 31, 36)')
    expect(await runAxe(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
  })
})
