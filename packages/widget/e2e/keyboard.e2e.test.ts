// Keyboard only, in real Chromium: a full multi-step survey answered without a mouse (the non-modal popover
// is reached with Tab from the page), a modal sheet's focus kept in by the trap, and focus given back on
// close and on Escape (which records a dismissal).
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test/e2e/support/browser'
import { type FixtureServer, focused, serveFixture, settled, showSurvey, widgetEvents } from './support'
import { FULL, QUESTIONS, single } from './surveys'

let server: FixtureServer
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await serveFixture()
  browser = await launchChromium()
})

beforeEach(async () => {
  await page?.close()
  page = await browser.newPage()
  await page.goto(server.url)
  await page.waitForFunction(() => Boolean(window.widget))
  await page.focus('#before')
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function waitForFocus(expected: string) {
  await page.waitForFunction(
    (want) => {
      let active: Element | null = document.activeElement
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
      const label = active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? ''
      return `${active?.getAttribute('role') ?? active?.localName}:${label}` === want
    },
    expected,
    { timeout: 5000 },
  )
}

describe('keyboard only', () => {
  it('answers a full survey without a mouse and gives focus back at the end', async () => {
    await showSurvey(page, FULL)
    expect(await focused(page)).toBe('button:Focused before the survey')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Close')
    await page.keyboard.press('Tab')
    await waitForFocus('radio:0')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    expect(await focused(page)).toBe('radio:3')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Next')
    await page.keyboard.press('Enter')

    await waitForFocus('textarea:')
    await page.keyboard.type('Faster exports, please')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Back')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')

    await waitForFocus('input:')
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Next')
    await page.keyboard.press('Enter')

    await waitForFocus('input:')
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Submit')
    await page.keyboard.press('Enter')

    await waitForFocus('h2:Thank you for your feedback')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Close')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => !document.querySelector('touchloop-survey'))
    expect(await focused(page)).toBe('button:Focused before the survey')

    const events = await widgetEvents(page)
    const answers = events.filter((e) => e.type === 'answer').map((e) => e.answer as Record<string, unknown>)
    expect(answers.map((a) => [a.questionId, a.value])).toEqual([
      ['nps', 3],
      ['text', 'Faster exports, please'],
      ['multi', ['reports', 'api']],
      ['consent', true],
    ])
    expect(answers.every((a) => typeof a.msToAnswer === 'number' && a.msToAnswer >= 0)).toBe(true)
    expect(events.at(-1)).toEqual({ type: 'complete', endingId: 'default' })
    expect(events.some((e) => e.type === 'dismiss')).toBe(false)
  })

  it('keeps Tab and Shift+Tab inside a sheet, and Escape dismisses and returns focus', async () => {
    await showSurvey(page, { ...single(QUESTIONS.email!), presentation: { mode: 'sheet' } })
    await waitForFocus('input:')
    const seen = new Set<string>()
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab')
      seen.add(await focused(page))
    }
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Shift+Tab')
      seen.add(await focused(page))
    }
    expect([...seen].sort()).toEqual(['button:Close', 'button:Submit', 'input:'])
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => !document.querySelector('touchloop-survey'))
    expect(await focused(page)).toBe('button:Focused before the survey')
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }, { type: 'dismiss', reason: 'escape' }])
  })

  it('opens a feedback tab from the keyboard and folds it back with Escape', async () => {
    await page.evaluate((survey) => window.widget.show(survey), {
      ...single(QUESTIONS.nps!),
      presentation: { mode: 'tab' as const },
    })
    await page.locator('touchloop-survey [part=launcher]').waitFor()
    expect(await widgetEvents(page)).toEqual([])
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Feedback')
    await page.keyboard.press('Enter')
    await waitForFocus('radio:0')
    await settled(page)
    await page.keyboard.press('Escape')
    await waitForFocus('button:Feedback')
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }, { type: 'dismiss', reason: 'escape' }])
  })
})
