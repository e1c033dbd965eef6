// Isolation in real Chromium: hostile host CSS does not break the widget, survey text is text (an
// XSS payload shows as characters), it runs under a strict CSP without a single violation, the host
// page does not shift, and the bottom sheet stays above a shrunken visual viewport.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test/e2e/support/browser'
import { type FixtureServer, runAxe, serveFixture, showSurvey, widgetEvents } from './support'
import { QUESTIONS, single } from './surveys'

const SHOTS = new URL('../../../test-results/widget/', import.meta.url).pathname
let server: FixtureServer
let browser: Browser

beforeAll(async () => {
  server = await serveFixture()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function open(path = '/', viewport = { width: 1024, height: 720 }): Promise<Page> {
  const page = await browser.newPage({ viewport })
  await page.goto(server.url + path)
  await page.waitForFunction(() => Boolean(window.widget))
  return page
}

function inWidget<T>(page: Page, fn: (root: ShadowRoot) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(document.querySelector('touchloop-survey').shadowRoot)`) as Promise<T>
}

describe('isolation', () => {
  it('survives hostile host CSS', async () => {
    const page = await open()
    await page.addStyleTag({
      content: '* { all: unset !important } button { display: none !important } html { font-size: 40px !important }',
    })
    await showSurvey(page, single(QUESTIONS.nps!))
    const layout = await inWidget(page, (root) => {
      const box = (selector: string) => {
        const element = root.querySelector(selector)!
        const rect = element.getBoundingClientRect()
        return { width: rect.width, height: rect.height, display: getComputedStyle(element).display }
      }
      return {
        card: box('[part=container]'),
        radios: [...root.querySelectorAll('[role=radio]')].map((radio) => radio.getBoundingClientRect()),
        next: box('[part=next]'),
        close: box('[part=close]'),
        titleFont: getComputedStyle(root.querySelector('[part=title]')!).fontSize,
        position: getComputedStyle(root.querySelector('[part=container]')!).position,
      }
    })
    expect(layout.position).toBe('fixed')
    expect(layout.titleFont).toBe('17px')
    expect(layout.card.width).toBeGreaterThan(300)
    expect(layout.card.width).toBeLessThan(420)
    expect(layout.next.display).not.toBe('none')
    expect(layout.close.width).toBeGreaterThanOrEqual(24)
    expect(layout.radios).toHaveLength(11)
    for (const radio of layout.radios) {
      expect(radio.width).toBeGreaterThanOrEqual(24)
      expect(radio.height).toBeGreaterThanOrEqual(24)
    }
    // Radios sit on one row, not stacked by the host's reset.
    expect(new Set(layout.radios.map((radio) => Math.round(radio.top))).size).toBe(1)
    await page.screenshot({ path: `${SHOTS}hostile-css.png` })
    await page.locator('touchloop-survey [role=radio]').nth(9).click()
    await page.locator('touchloop-survey [part=next]').click()
    await page.waitForFunction(() => window.widget.events.some((e) => e.type === 'complete'))
    expect(await runAxe(page)).toEqual([])
    await page.close()
  })

  it('renders an XSS payload as characters', async () => {
    const page = await open()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>'
    await showSurvey(page, {
      ...single({
        id: 'q',
        type: 'single',
        text: payload,
        description: payload,
        choices: [{ id: 'a', text: payload }],
      }),
      endings: [{ id: 'e', title: payload, cta: { text: payload, url: 'javascript:alert(3)' } }],
    })
    const shown = await inWidget(page, (root) => ({
      title: root.querySelector('[part=title]')!.textContent,
      choice: root.querySelector('[role=radio]')!.textContent,
      elements: root.querySelectorAll('img, script, b').length,
    }))
    expect(shown).toEqual({ title: payload, choice: payload, elements: 0 })
    await page.locator('touchloop-survey [role=radio]').first().click()
    await page.locator('touchloop-survey [part=next]').click()
    await page.locator('touchloop-survey [part=title]', { hasText: '<img' }).waitFor()
    // The ending's javascript: CTA is not rendered as a link at all.
    expect(await inWidget(page, (root) => root.querySelectorAll('a').length)).toBe(0)
    expect(dialogs).toEqual([])
    await page.close()
  })

  it('runs under a strict CSP (no unsafe-inline) with styles applied and no violations', async () => {
    const page = await open('/csp.html')
    await page.evaluate(() => {
      ;(window as unknown as { violations: string[] }).violations = []
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { violations: string[] }).violations.push(
          `${event.violatedDirective} ${event.blockedURI}`,
        ),
      )
    })
    await showSurvey(page, single(QUESTIONS.single!))
    const styled = await inWidget(page, (root) => ({
      radius: getComputedStyle(root.querySelector('[part=container]')!).borderRadius,
      choiceDisplay: getComputedStyle(root.querySelector('.choice')!).display,
      styleAttributes: root.querySelectorAll('[style]').length,
    }))
    expect(styled).toEqual({ radius: '12px', choiceDisplay: 'flex', styleAttributes: 0 })
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([])
    await page.close()
  })

  it('does not shift the host page', async () => {
    const page = await open()
    const before = await page.evaluate(() =>
      JSON.stringify([...document.querySelectorAll('main > *')].map((e) => e.getBoundingClientRect())),
    )
    await showSurvey(page, single(QUESTIONS.nps!))
    const after = await page.evaluate(() =>
      JSON.stringify([...document.querySelectorAll('main > *')].map((e) => e.getBoundingClientRect())),
    )
    expect(after).toBe(before)
    await page.close()
  })

  it('is a bottom sheet on a small screen, above the on-screen keyboard', async () => {
    const page = await open('/', { width: 360, height: 640 })
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await showSurvey(page, single(QUESTIONS.email!))
    const sheet = () =>
      inWidget(page, (root) => {
        const rect = root.querySelector('[part=container]')!.getBoundingClientRect()
        return { left: rect.left, width: rect.width, bottom: rect.bottom }
      })
    expect(await sheet()).toEqual({ left: 0, width: 360, bottom: 640 })
    await page.screenshot({ path: `${SHOTS}sheet-mobile.png` })
    // Chromium has no on-screen keyboard here; shrinking the visual viewport is what one does to the page.
    await page.evaluate(() => {
      const viewport = window.visualViewport!
      Object.defineProperty(viewport, 'height', { configurable: true, get: () => 340 })
      viewport.dispatchEvent(new Event('resize'))
    })
    await page.waitForFunction(
      () =>
        document
          .querySelector('touchloop-survey')!
          .shadowRoot!.querySelector('[part=container]')!
          .getBoundingClientRect().bottom === 340,
    )
    expect((await sheet()).bottom).toBe(340)
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }])
    await page.close()
  })

  // The text follow-up of an NPS survey arrives with its chunk after the first paint: the keyboard
  // watch must start with it, not only when the chunk was there from the start.
  it('keeps a text follow-up above the on-screen keyboard when its chunk arrives after the NPS step', async () => {
    const page = await open('/', { width: 360, height: 640 })
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await showSurvey(page, { ...single(QUESTIONS.nps!), questions: [QUESTIONS.nps!, QUESTIONS.email!] })
    await page.locator('touchloop-survey [role=radio]').nth(8).click()
    await page.locator('touchloop-survey [part=next]').click()
    await page.locator('touchloop-survey input[type=email]').waitFor()
    await page.evaluate(() => {
      const viewport = window.visualViewport!
      Object.defineProperty(viewport, 'height', { configurable: true, get: () => 340 })
      viewport.dispatchEvent(new Event('resize'))
    })
    await page.waitForFunction(
      () =>
        document
          .querySelector('touchloop-survey')!
          .shadowRoot!.querySelector('[part=container]')!
          .getBoundingClientRect().bottom === 340,
    )
    expect(
      await inWidget(page, (root) => root.querySelector('input[type=email]')!.getBoundingClientRect().bottom),
    ).toBeLessThanOrEqual(340)
    await page.close()
  })
})
