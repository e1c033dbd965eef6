// The studio in real Chromium: a product manager creates an NPS survey with a CSAT follow-up for
// detractors on a new event with the form (no JSON), previews it with the real widget (nothing stored),
// publishes it → on the demo page, tracking that event shows it and the answers reach the collector
// under version 1; edited and republished, the page gets version 2 on its next load (ETag
// revalidation) and answers keep their versions. Also: errors beside fields by path before publishing,
// the URL tester, pause/resume in the list; axe-clean, no overflow at 1280/390 px light/dark, no CSP
// violation. TOUCHLOOP_SHOTS=<dir> saves screenshots there.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './support/axe'
import { ADMIN_TOKEN, listResponses, useDemoLoop, waitFor } from './support/loop'
import { cachedEtag } from './support/remote-config'

const SURVEY_ID = 'studio-newsletter'
const EVENT = 'studio_newsletter_signup'
const V1 = 'Would you recommend our newsletter? (v1)'
const V2 = 'How likely are you to recommend our newsletter? (v2)'
const FOLLOW_UP = 'How satisfied are you with the newsletter?'
const SHOTS = process.env.TOUCHLOOP_SHOTS

const loop = useDemoLoop()

let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined

/**
 * A signed-in dashboard page in a new context. Signs in once (sign-in is rate limited to 5 a minute); later
 * contexts reuse the session cookie.
 */
async function openDashboard(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await loop.browser.newContext({ ...options, storageState: session })
  const page = await context.newPage()
  await page.goto(`${loop.collector.url}/`)
  if (!session) {
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    session = await context.storageState()
  }
  await page.getByRole('heading', { name: 'Overview' }).waitFor()
  return page
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })

/** Answers the survey on the demo page after tracking the event; a detractor also gets the follow-up. */
async function answerOnDemo(page: Page, question: string, score: number, followUp?: number): Promise<void> {
  await page.evaluate(
    (event) => (window as unknown as { touchloop: { track(event: string): void } }).touchloop.track(event),
    EVENT,
  )
  await page.getByRole('heading', { name: question }).waitFor()
  await page.getByRole('radio', { name: String(score), exact: true }).click()
  await page.locator('touchloop-survey [part=next]').click()
  if (followUp !== undefined) {
    await page.getByRole('heading', { name: FOLLOW_UP }).waitFor()
    await page.getByRole('radio', { name: String(followUp), exact: true }).click()
    await page.locator('touchloop-survey [part=next]').click()
  }
  await page.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor()
}

const completedUnder = (version: number) => async () => {
  const found = (await listResponses(loop.collector, SURVEY_ID)).filter(
    (response) => response.event === 'completed' && response.surveyVersion === version,
  )
  return found.length > 0 ? found : undefined
}

const surveysResponse = (page: Page) =>
  page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/surveys')

describe('the studio', () => {
  it('creates, previews and publishes a survey with a follow-up; the demo page shows it; a republish reaches the next load', async () => {
    const cspErrors: string[] = []
    const studio = await openDashboard({ viewport: { width: 1280, height: 900 } })
    studio.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text())
    })
    await studio.getByRole('link', { name: 'Surveys', exact: true }).click()
    await studio.getByRole('heading', { level: 1, name: 'Surveys' }).waitFor()
    await studio.getByRole('link', { name: 'New survey' }).click()
    await studio.getByRole('heading', { level: 1, name: 'New survey' }).waitFor()

    // Publishing an incomplete survey shows each error beside its field, with its path.
    await studio.getByRole('button', { name: 'Publish' }).click()
    const summary = studio.getByRole('alert').filter({ hasText: 'before publishing' })
    await summary.waitFor()
    await expect.poll(() => summary.textContent()).toContain('touchpoints[0].event')
    const eventField = region(studio, 'Where and when it appears').getByLabel('Event name')
    expect(await eventField.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await eventField.getAttribute('aria-describedby')) ?? ''
    expect(await studio.locator(`[id="${describedBy}"]`).textContent()).toContain('touchpoints[0].event')
    // The summary takes focus; each path in it is a button that moves focus to its field.
    await expect.poll(() => studio.evaluate(() => document.activeElement?.className)).toBe('issue-summary')
    await summary.getByRole('button', { name: 'touchpoints[0].event' }).press('Enter')
    await expect.poll(() => eventField.evaluate((field) => field === document.activeElement)).toBe(true)

    // The form: name (the id follows), the NPS question, a CSAT follow-up for detractors, the event.
    await region(studio, 'Basics').getByLabel('Name', { exact: true }).fill('Studio newsletter')
    expect(await region(studio, 'Basics').getByLabel('Survey id').inputValue()).toBe(SURVEY_ID)
    const questions = region(studio, 'Questions')
    await questions.getByLabel('Question', { exact: true }).first().fill(V1)
    await questions.getByRole('button', { name: 'Add a question' }).click()
    const second = questions.locator('.question-card').nth(1)
    await second.getByLabel('Type').selectOption('csat')
    await second.getByLabel('Question', { exact: true }).fill(FOLLOW_UP)
    await second
      .getByLabel('When to ask')
      .selectOption({ label: `Only when “${V1.slice(0, 40)}” was answered by a detractor (0–6)` })
    const where = region(studio, 'Where and when it appears')
    await eventField.fill(EVENT)
    // The URL tester runs the SDK's matcher on the rules.
    await where.getByRole('button', { name: 'Add a URL rule' }).click()
    await where.getByLabel('Text', { exact: true }).fill('/script-tag/')
    await where.getByLabel('Does this URL match?').fill('https://shop.example/pricing')
    await where.getByText('Does not match: rule 1 does not hold.').waitFor()
    await where.getByLabel('Does this URL match?').fill('https://shop.example/script-tag/?x=1')
    await where.getByText('Matches: the survey can show on this page.').waitFor()
    // Shown on every signup in this test (the demo page answers it twice).
    const audience = region(studio, 'Who sees it, how often, how')
    await audience.getByLabel('Show it', { exact: true }).selectOption('count')
    await audience.getByLabel('Times at most').fill('100')
    await audience.getByLabel('Days before showing it again').fill('0')
    await audience.getByLabel('Show it even during the quiet period after another survey').check()
    expect(await summary.count()).toBe(0)

    // The preview: the real widget, follow-up included; nothing reaches the collector.
    const preview = region(studio, 'Preview')
    await preview.getByRole('heading', { name: V1 }).waitFor()
    await preview.getByRole('radio', { name: '3', exact: true }).click()
    await preview.locator('touchloop-survey [part=next]').click()
    await preview.getByRole('heading', { name: FOLLOW_UP }).waitFor()
    await preview.getByLabel('Dark').check()
    await preview.getByLabel('Right to left').check()
    await preview.locator('touchloop-survey[dir=rtl]').waitFor()
    await preview.getByRole('heading', { name: V1 }).waitFor()
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true })
      await preview.screenshot({ path: join(SHOTS, 'studio-preview-dark-rtl.png') })
    }
    expect(await listResponses(loop.collector)).toEqual([])

    await studio.getByRole('button', { name: 'Publish' }).click()
    await studio.getByText('Published version 1.').waitFor()
    expect(await listResponses(loop.collector)).toEqual([])

    // On the demo page: the new event shows the survey; a detractor gets the follow-up.
    const demoContext = await loop.browser.newContext()
    try {
      const demo = await demoContext.newPage()
      const pageErrors: string[] = []
      demo.on('pageerror', (error) => pageErrors.push(error.message))
      const first = surveysResponse(demo)
      await demo.goto(`${loop.site.url}/script-tag/?collector=${encodeURIComponent(loop.collector.url)}`)
      const etag1 = await (await first).headerValue('etag')
      const configUrl = `${loop.collector.url}/v1/surveys`
      await waitFor('the published survey applied', async () =>
        (await cachedEtag(demo, configUrl)) === etag1 ? true : undefined,
      )
      await answerOnDemo(demo, V1, 3, 2)
      const v1 = await waitFor('the answers under version 1', completedUnder(1))
      expect(v1[0]).toMatchObject({ touchpoint: EVENT, answers: { q1: 3, q2: 2 } })

      // Edited and republished in the studio: the next load revalidates (If-None-Match) and gets version 2.
      await studio.goto(`${loop.collector.url}/#/surveys/edit?id=${SURVEY_ID}`)
      await studio.getByRole('heading', { level: 1, name: 'Edit Studio newsletter' }).waitFor()
      await region(studio, 'Questions').getByLabel('Question', { exact: true }).first().fill(V2)
      await studio.getByRole('button', { name: 'Publish' }).click()
      await studio.getByText('Published version 2.').waitFor()

      const second = surveysResponse(demo)
      await demo.reload()
      const secondResponse = await second
      expect(await secondResponse.request().headerValue('if-none-match')).toBe(etag1)
      expect(secondResponse.status()).toBe(200)
      const etag2 = await secondResponse.headerValue('etag')
      await waitFor('version 2 applied', async () => ((await cachedEtag(demo, configUrl)) === etag2 ? true : undefined))
      await answerOnDemo(demo, V2, 10)
      const v2 = await waitFor('the answer under version 2', completedUnder(2))
      expect(v2[0]?.answers).toEqual({ q1: 10 })
      expect((await completedUnder(1)())?.map((response) => response.answers)).toEqual([{ q1: 3, q2: 2 }])
      expect(pageErrors).toEqual([])
    } finally {
      await demoContext.close()
    }

    // The list: status, touchpoints, responses, NPS, last edit; pause and resume.
    await studio.goto(`${loop.collector.url}/#/surveys`)
    const row = studio.locator('.survey-row', { hasText: 'Studio newsletter' })
    await row.getByText('Published').waitFor()
    await row.getByText(EVENT).waitFor()
    await row.getByText('version 2').waitFor()
    await row.getByRole('button', { name: 'Pause Studio newsletter' }).click()
    await row.getByText('Paused').waitFor()
    await row.getByRole('button', { name: 'Resume Studio newsletter' }).click()
    await row.getByText('Published').waitFor()
    expect(cspErrors).toEqual([])
    await studio.context().close()
  })

  it('the list and the editor: axe-clean, no horizontal overflow at 1280 and 390 px, light and dark', async () => {
    if (SHOTS) mkdirSync(SHOTS, { recursive: true })
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 390]) {
        // axe is injected as an inline script: this context bypasses the CSP (the first test checks it).
        const page = await openDashboard({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true })
        for (const [name, hash, heading] of [
          ['surveys', '#/surveys', 'Surveys'],
          ['studio-new', '#/surveys/new', 'New survey'],
          ['studio-edit', `#/surveys/edit?id=${SURVEY_ID}`, 'Edit Studio newsletter'],
        ] as const) {
          await page.goto(`${loop.collector.url}/${hash}`)
          await page.getByRole('heading', { level: 1, name: heading }).waitFor()
          await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
          if (name === 'studio-new') await page.getByRole('button', { name: 'Publish' }).click()
          if (name === 'studio-edit') await region(page, 'Preview').locator('touchloop-survey').waitFor()
          // What sticks out past the right edge (named in the failure), else nothing.
          const overflow = await page.evaluate(() => {
            const limit = document.documentElement.clientWidth
            if (document.documentElement.scrollWidth <= limit) return []
            return [...document.querySelectorAll('body *')]
              .filter((element) => element.getBoundingClientRect().right > limit + 0.5)
              .slice(0, 12)
              .map(
                (element) =>
                  `${element.tagName.toLowerCase()}.${element.className} ${element.id} ${Math.round(element.getBoundingClientRect().right)}`,
              )
          })
          expect(overflow, `${name} at ${width} px (${colorScheme}) overflows`).toEqual([])
          expect(await axeViolations(page), `${name} at ${width} px (${colorScheme})`).toEqual([])
          if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}-${width}-${colorScheme}.png`), fullPage: true })
        }
        await page.context().close()
      }
    }
  })

  it('saves a draft: served but not shown, listed as a draft', async () => {
    const page = await openDashboard()
    await page.goto(`${loop.collector.url}/#/surveys/new`)
    await region(page, 'Basics').getByLabel('Name', { exact: true }).fill('Draft only')
    const where = region(page, 'Where and when it appears')
    await where.getByLabel('Event name').fill('draft_event')
    // A second touchpoint of another kind: scrolling three quarters down.
    await where.getByRole('button', { name: 'Add a touchpoint' }).click()
    const scroll = where.locator('.question-card').nth(1)
    await scroll.getByLabel('Show the survey after').selectOption('scroll')
    await scroll.getByLabel('Scrolled down (% of the page)').fill('75')
    const audience = region(page, 'Who sees it, how often, how')
    await audience.getByLabel('Phones').check()
    await audience.getByLabel('Only people whose language is (optional)').fill('en, de')
    await page.getByRole('button', { name: 'Save as draft' }).click()
    await page.getByText('Saved version 1 as a draft').waitFor()
    const served = (await (await fetch(`${loop.collector.url}/v1/surveys`)).json()) as {
      surveys: { id: string; status?: string; touchpoints: unknown[]; audience?: unknown }[]
    }
    const draft = served.surveys.find((survey) => survey.id === 'draft-only')
    expect(draft?.status).toBe('draft')
    expect(draft?.audience).toEqual({ devices: ['mobile'], locales: ['en', 'de'] })
    expect(draft?.touchpoints).toEqual([
      { type: 'event', event: 'draft_event' },
      { type: 'scroll', percent: 75 },
    ])
    await page.goto(`${loop.collector.url}/#/surveys`)
    await page.locator('.survey-row', { hasText: 'Draft only' }).getByText('Draft', { exact: true }).waitFor()
    await page.context().close()
  })

  it('works from the keyboard alone: add a question, move it up, publish', async () => {
    const page = await openDashboard()
    await page.goto(`${loop.collector.url}/#/surveys/edit?id=${SURVEY_ID}`)
    await page.getByRole('heading', { level: 1, name: 'Edit Studio newsletter' }).waitFor()
    const add = page.getByRole('button', { name: 'Add a question' })
    await add.focus()
    await page.keyboard.press('Enter')
    const third = region(page, 'Questions').locator('.question-card').nth(2)
    await third.getByLabel('Question', { exact: true }).waitFor()
    await third.getByRole('button', { name: 'Move question 3 up' }).focus()
    await page.keyboard.press('Enter')
    // Focus follows the moved question.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move question 2 up')
    const moved = region(page, 'Questions').locator('.question-card').nth(1)
    expect(await moved.getByLabel('Question', { exact: true }).inputValue()).toBe('How satisfied are you?')
    await page.getByRole('button', { name: 'Publish' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('Published version 3.').waitFor()
    await page.context().close()
  })

  it('edits translations side by side and previews each language', async () => {
    // bypassCSP: axe is injected as an inline script.
    const page = await openDashboard({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
    await page.goto(`${loop.collector.url}/#/surveys/edit?id=${SURVEY_ID}`)
    await page.getByRole('heading', { level: 1, name: 'Edit Studio newsletter' }).waitFor()
    const languages = region(page, 'Languages')
    await languages.getByLabel('Add a translation').fill('de')
    await languages.getByRole('button', { name: 'Add' }).click()
    const questions = region(page, 'Questions')
    expect(await questions.getByLabel('Question (en)').first().inputValue()).toBe(V2)
    await questions.getByLabel('Question (de)').first().fill('Würden Sie unseren Newsletter empfehlen?')
    const json = await page.locator('#survey-json').inputValue()
    expect(JSON.parse(json).questions[0].text).toEqual({ en: V2, de: 'Würden Sie unseren Newsletter empfehlen?' })
    const preview = region(page, 'Preview')
    await preview.getByLabel('Language').selectOption('de')
    await preview.getByRole('heading', { name: 'Würden Sie unseren Newsletter empfehlen?' }).waitFor()
    // A right-to-left translation is edited right to left.
    await languages.getByLabel('Add a translation').fill('ar')
    await languages.getByRole('button', { name: 'Add' }).click()
    expect(await questions.getByLabel('Question (ar)').first().getAttribute('dir')).toBe('rtl')
    expect(await axeViolations(page)).toEqual([])
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'studio-translations-1280-light.png') })
    // An emptied translation is removed: the text is a plain string again.
    await questions.getByLabel('Question (de)').first().fill('')
    expect(JSON.parse(await page.locator('#survey-json').inputValue()).questions[0].text).toBe(V2)
    await page.context().close()
  })
})
