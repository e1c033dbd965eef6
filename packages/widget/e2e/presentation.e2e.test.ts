// Modal semantics and touch in real Chromium: an unsolicited popover leaves the page usable (clickable,
// focus stays, Tab is not trapped); a sheet is modal (the page is inert, a backdrop tap or a drag on its
// handle closes it); NPS options are at least 44 px tall on a touch screen; faces are drawn as SVG.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test/e2e/support/browser'
import { type FixtureServer, focused, serveFixture, settled, showSurvey, widgetEvents } from './support'
import { QUESTIONS, single } from './surveys'

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

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

async function open(options: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }): Promise<Page> {
  const page = await browser.newPage(options)
  await page.goto(server.url)
  await page.waitForFunction(() => Boolean(window.widget))
  await page.evaluate(() => {
    const before = document.getElementById('before')!
    before.addEventListener('click', () =>
      before.setAttribute('data-clicks', String(Number(before.dataset.clicks ?? 0) + 1)),
    )
  })
  return page
}

/** Whether a real click at the page button's centre reaches it, and whether it can take focus. */
function pageButtonState(page: Page) {
  return page.evaluate(() => {
    const before = document.getElementById('before')!
    const rect = before.getBoundingClientRect()
    const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2)
    before.blur()
    before.focus()
    return { hit: hit === before, focusable: document.activeElement === before }
  })
}

describe('an unsolicited popover is non-modal', () => {
  it('leaves the page clickable and focused, and does not trap Tab', async () => {
    const page = await open()
    await page.focus('#before')
    await showSurvey(page, single(QUESTIONS.nps!))
    expect(await page.locator('touchloop-survey dialog').getAttribute('aria-modal')).toBeNull()
    expect(await focused(page)).toBe('button:Focused before the survey')
    await page.click('#before')
    expect(await page.locator('#before').getAttribute('data-clicks')).toBe('1')
    expect(await pageButtonState(page)).toEqual({ hit: true, focusable: true })
    // Tab from the page reaches the survey; Shift+Tab from its first control goes back to the page.
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('button:Close')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('radio:0')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toBe('button:Focused before the survey')
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }])
    await page.close()
  })
})

describe('a sheet is modal', () => {
  it('makes the page inert behind a backdrop; a tap on the backdrop closes it and frees the page', async () => {
    const page = await open(PHONE)
    await page.focus('#before')
    await showSurvey(page, single(QUESTIONS.nps!))
    expect(await page.locator('touchloop-survey dialog').getAttribute('aria-modal')).toBe('true')
    expect(await focused(page)).toBe('radio:0')
    expect(await pageButtonState(page)).toEqual({ hit: false, focusable: false })
    expect(await focused(page)).toBe('radio:0')
    await page.mouse.click(195, 40)
    await page.waitForFunction(() => !document.querySelector('touchloop-survey'))
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }, { type: 'dismiss', reason: 'close' }])
    expect(await pageButtonState(page)).toEqual({ hit: true, focusable: true })
    await page.close()
  })

  it('Escape closes it once and gives focus back', async () => {
    const page = await open({ viewport: { width: 1280, height: 800 } })
    await page.focus('#before')
    await showSurvey(page, { ...single(QUESTIONS.nps!), presentation: { mode: 'sheet' } })
    expect(await focused(page)).toBe('radio:0')
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => !document.querySelector('touchloop-survey'))
    expect(await focused(page)).toBe('button:Focused before the survey')
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }, { type: 'dismiss', reason: 'escape' }])
    await page.close()
  })

  it('closes when its handle is dragged down, and springs back after a short drag', async () => {
    const page = await open(PHONE)
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await showSurvey(page, single(QUESTIONS.nps!))
    const handle = await page.locator('touchloop-survey .grab').boundingBox()
    expect(handle!.height).toBeGreaterThanOrEqual(24)
    const x = handle!.x + handle!.width / 2
    const y = handle!.y + handle!.height / 2
    const top = () => page.locator('touchloop-survey dialog').evaluate((dialog) => dialog.getBoundingClientRect().top)
    const resting = await top()
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x, y + 30, { steps: 3 })
    expect(await top()).toBe(resting + 30)
    await page.mouse.up()
    expect(await top()).toBe(resting)
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }])
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x, y + 120, { steps: 4 })
    await page.mouse.up()
    await page.waitForFunction(() => !document.querySelector('touchloop-survey'))
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }, { type: 'dismiss', reason: 'close' }])
    await page.close()
  })
})

describe('a feedback tab on a phone', () => {
  it('opens as a modal sheet and, folded back, leaves the page usable again', async () => {
    const page = await open(PHONE)
    await page.evaluate((survey) => window.widget.show(survey), {
      ...single(QUESTIONS.nps!),
      presentation: { mode: 'tab' as const },
    })
    await page.locator('touchloop-survey [part=launcher]').click()
    await page.locator('touchloop-survey [role=radio]').first().waitFor()
    expect(await page.locator('touchloop-survey dialog').getAttribute('aria-modal')).toBe('true')
    expect(await focused(page)).toBe('radio:0')
    expect(await pageButtonState(page)).toEqual({ hit: false, focusable: false })
    await page.locator('touchloop-survey [part=close]').click()
    await page.locator('touchloop-survey [part=launcher]').waitFor()
    expect(await pageButtonState(page)).toEqual({ hit: true, focusable: true })
    expect(await widgetEvents(page)).toEqual([{ type: 'shown' }, { type: 'dismiss', reason: 'close' }])
    await page.close()
  })
})

describe('touch and drawing', () => {
  it('NPS options are at least 44 px tall on a touch screen and the scale spans the sheet', async () => {
    const page = await open(PHONE)
    await showSurvey(page, single(QUESTIONS.nps!))
    const boxes = await page.locator('touchloop-survey [role=radio]').evaluateAll((radios) =>
      radios.map((radio) => {
        const rect = radio.getBoundingClientRect()
        return { width: rect.width, height: rect.height, left: rect.left, right: rect.right }
      }),
    )
    expect(boxes).toHaveLength(11)
    for (const box of boxes) {
      expect(box.height).toBeGreaterThanOrEqual(44)
      expect(box.width).toBeGreaterThanOrEqual(24)
    }
    // The sheet is 390 px wide with a 1 px border and 16 px padding: the scale fills its width.
    expect(Math.min(...boxes.map((box) => box.left))).toBe(17)
    expect(Math.max(...boxes.map((box) => box.right))).toBe(390 - 17)
    await page.close()
  })

  it('draws faces as SVG that take up space, with no emoji text to fall back to boxes', async () => {
    const page = await open()
    await showSurvey(page, single(QUESTIONS.csat!))
    const faces = await page.locator('touchloop-survey [role=radio]').evaluateAll((radios) =>
      radios.map((radio) => {
        const svg = radio.querySelector('svg')
        const rect = svg?.getBoundingClientRect()
        return { width: rect?.width ?? 0, height: rect?.height ?? 0, text: radio.textContent }
      }),
    )
    expect(faces.map((face) => face.text)).toEqual(['1', '2', '3', '4', '5'])
    for (const face of faces) {
      expect(face.width).toBeGreaterThanOrEqual(24)
      expect(face.height).toBeGreaterThanOrEqual(24)
    }
    await page.close()
  })

  it('the feedback tab is an icon and a label, 44 px tall', async () => {
    const page = await open()
    await page.evaluate((survey) => window.widget.show(survey), {
      ...single(QUESTIONS.nps!),
      presentation: { mode: 'tab' as const },
    })
    const launcher = page.locator('touchloop-survey [part=launcher]')
    await launcher.waitFor()
    await settled(page)
    const icon = await launcher.locator('svg').boundingBox()
    expect(icon!.width).toBeGreaterThanOrEqual(16)
    expect((await launcher.boundingBox())!.height).toBeGreaterThanOrEqual(44)
    expect(await launcher.textContent()).toBe('Feedback')
    await page.close()
  })
})
