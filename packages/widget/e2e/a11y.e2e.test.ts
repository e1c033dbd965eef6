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

// Each presentation at 1280 and 390 px (touch), light, dark and RTL: axe stays at zero on the question, the
// faces, the ending and the tab launcher, and full-page screenshots land in test-results/widget/looks/.
describe('axe-core at 1280 and 390 px', () => {
  const SCREENS = [
    { name: '1280', options: { viewport: { width: 1280, height: 800 } } },
    { name: '390', options: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
  ]
  for (const screen of SCREENS) {
    for (const variant of VARIANTS) {
      it(`${screen.name} · ${variant.name}`, async () => {
        const look = await browser.newPage(screen.options)
        mkdirSync(`${SHOTS}/looks`, { recursive: true })
        const snap = async (name: string) => {
          expect(await runAxe(look)).toEqual([])
          await look.screenshot({ path: `${SHOTS}/looks/${name}-${screen.name}-${variant.name}.png` })
        }
        await look.emulateMedia({ colorScheme: variant.name === 'dark' ? 'dark' : 'light', reducedMotion: 'reduce' })
        await look.goto(server.url)
        await look.waitForFunction(() => Boolean(window.widget))
        await showSurvey(look, FULL, variant.options)
        await look.locator('touchloop-survey [role=radio]').nth(9).click()
        await snap('nps')
        await look.locator('touchloop-survey [part=next]').click()
        await look.locator('touchloop-survey fieldset').waitFor()
        await look.locator('touchloop-survey [part=next]').click()
        await look.locator('touchloop-survey [part=next]').click()
        await look.locator('touchloop-survey [part=cta]').waitFor()
        await snap('ending')
        await showSurvey(look, single(QUESTIONS.csat!), variant.options)
        await look.locator('touchloop-survey [role=radio]').nth(3).click()
        await snap('faces')
        await look.evaluate(([survey, options]) => window.widget.show(survey, options), [
          { ...single(QUESTIONS.nps!), presentation: { mode: 'tab' as const } },
          variant.options,
        ] as const)
        await look.locator('touchloop-survey [part=launcher]').waitFor()
        await snap('tab')
        await look.close()
      })
    }
  }
})
