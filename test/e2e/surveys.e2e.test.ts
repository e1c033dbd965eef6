// Surveys published on the collector reach the demo page (remoteConfig → GET /v1/surveys) in real
// Chromium: a survey PUT for a new event shows when that event is tracked and its answer is stored
// under version 1; edited and republished, the page gets version 2 on its next load (ETag
// revalidation) and answers under it; a load with nothing changed is answered 304.
import type { Page, Response as PageResponse } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, listResponses, useDemoLoop, waitFor } from './support/loop'
import { cachedEtag } from './support/remote-config'

const SURVEY_ID = 'newsletter-nps'
const loop = useDemoLoop()

function newsletterSurvey(question: string) {
  return {
    id: SURVEY_ID,
    name: 'Newsletter NPS',
    touchpoints: [{ type: 'event', event: 'newsletter_signup' }],
    // Shown on every signup in this test: no display limit, no quiet period after the first answer.
    fatigue: { displayLimit: 100, recontactDays: 0, ignoreGlobalQuietPeriod: true },
    questions: [{ id: 'score', type: 'nps', text: question, required: true }],
    endings: [{ id: 'thanks', title: 'Thanks for signing up!' }],
  }
}

async function publish(question: string): Promise<{ version: number }> {
  const res = await fetch(`${loop.collector.url}/v1/surveys/${SURVEY_ID}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-touchloop-actor': 'e2e' },
    body: JSON.stringify(newsletterSurvey(question)),
  })
  expect(res.status).toBeLessThan(300)
  return (await res.json()) as { version: number }
}

const surveysResponse = (page: Page) =>
  page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/surveys')

async function answerSignup(page: Page, question: string, score: number): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { touchloop: { track(event: string): void } }).touchloop.track('newsletter_signup'),
  )
  await page.getByText(question).waitFor()
  await page.getByRole('radio', { name: String(score), exact: true }).click()
  await page.locator('touchloop-survey [part=next]').click()
  await page.getByText('Thanks for signing up!').waitFor()
}

const completedUnder = (version: number) => async () => {
  const found = (await listResponses(loop.collector, SURVEY_ID)).filter(
    (response) => response.event === 'completed' && response.surveyVersion === version,
  )
  return found.length > 0 ? found : undefined
}

describe('surveys published on the collector → the demo page (remoteConfig)', () => {
  it('shows a survey published for a new event, then its next version after a reload; answers keep their version', async () => {
    const pageUrl = `${loop.site.url}/script-tag/?collector=${encodeURIComponent(loop.collector.url)}`
    const configUrl = `${loop.collector.url}/v1/surveys`
    expect(await publish('Version one: would you recommend our newsletter?')).toMatchObject({ version: 1 })
    const context = await loop.browser.newContext()
    try {
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))

      const first = surveysResponse(page)
      await page.goto(pageUrl)
      const firstResponse = await first
      expect(firstResponse.status()).toBe(200)
      const etag1 = await firstResponse.headerValue('etag')
      expect(etag1).toBeTruthy()
      await waitFor('the published surveys applied', async () =>
        (await cachedEtag(page, configUrl)) === etag1 ? true : undefined,
      )
      await answerSignup(page, 'Version one: would you recommend our newsletter?', 8)
      const v1 = await waitFor('the answer under version 1', completedUnder(1))
      expect(v1[0]).toMatchObject({ touchpoint: 'newsletter_signup', answers: { score: 8 } })

      // Edited and republished: the next load revalidates its cached copy with If-None-Match, gets
      // the new version (200) and applies it.
      expect(await publish('Version two: how likely are you to recommend the newsletter?')).toMatchObject({
        version: 2,
      })
      const second = surveysResponse(page)
      await page.reload()
      const secondResponse: PageResponse = await second
      expect(await secondResponse.request().headerValue('if-none-match')).toBe(etag1)
      expect(secondResponse.status()).toBe(200)
      const etag2 = await secondResponse.headerValue('etag')
      expect(etag2).not.toBe(etag1)
      await waitFor('version 2 applied', async () => ((await cachedEtag(page, configUrl)) === etag2 ? true : undefined))
      await answerSignup(page, 'Version two: how likely are you to recommend the newsletter?', 10)
      const v2 = await waitFor('the answer under version 2', completedUnder(2))
      expect(v2[0]?.answers).toEqual({ score: 10 })
      // The first answer keeps the version it was given under.
      expect((await completedUnder(1)())?.map((response) => response.answers)).toEqual([{ score: 8 }])

      // Nothing changed: the next load is answered 304 and keeps version 2.
      const third = surveysResponse(page)
      await page.reload()
      const thirdResponse = await third
      expect(await thirdResponse.request().headerValue('if-none-match')).toBe(etag2)
      expect(thirdResponse.status()).toBe(304)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
