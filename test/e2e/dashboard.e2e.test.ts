// Closing the loop in real Chromium: a detractor answers the demo survey with a comment → one signed
// webhook POST reaches a receiver; the response is in the follow-up inbox; contacted, then resolved,
// survives a reload and a collector restart; the overview shows the trend and the distribution; the
// export holds the response. Every dashboard page: axe-core clean, no horizontal overflow at 1280 and
// 390 px in light and dark, no CSP violation. TOUCHLOOP_SHOTS=<dir> also saves screenshots there.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSurveys, type RunningCollector, startCollector } from '../../packages/collector/src/index'
import { verifySignature } from '../../packages/collector/src/webhooks'
import { axeViolations } from './support/axe'
import { launchChromium } from './support/browser'
import { ADMIN_TOKEN, DEMO_WRITE_KEY, ROOT, serveExamples, waitFor } from './support/loop'
import type { StaticServer } from './support/static-server'

const SECRET = 'e2e-webhook-secret-0123456789'
const COMMENT = 'Checkout kept failing on the last step'
const SHOTS = process.env.TOUCHLOOP_SHOTS

let browser: Browser
let site: StaticServer
let collector: RunningCollector
let dataDir: string
let receiver: { url: string; hits: Array<{ headers: IncomingHttpHeaders; body: string }>; server: Server }

async function start(port = 0): Promise<RunningCollector> {
  return startCollector({
    port,
    dataDir,
    adminToken: ADMIN_TOKEN,
    writeKeys: [{ key: DEMO_WRITE_KEY, origins: [site.url] }],
    // Every test signs in again: sign-in rate limiting (5 a minute) is tested in the collector's units.
    rateLimits: { perIp: { perSecond: 0, burst: 0 }, login: { perSecond: 0, burst: 0 } },
    surveys: loadSurveys(join(ROOT, 'examples/surveys')),
    webhooks: [{ url: receiver.url, secret: SECRET }],
    webhookSender: { intervalMs: 100 },
  })
}

beforeAll(async () => {
  const hits: Array<{ headers: IncomingHttpHeaders; body: string }> = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      hits.push({ headers: req.headers, body })
      res.writeHead(200).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/touchloop`, hits, server }
  dataDir = mkdtempSync(join(tmpdir(), 'touchloop-dashboard-'))
  site = await serveExamples()
  collector = await start()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await collector?.close()
  await site?.close()
  await new Promise((resolve) => receiver?.server.close(resolve))
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${collector.url}/`)
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Overview' }).waitFor()
  return page
}

async function answerAsDetractor(context: BrowserContext): Promise<void> {
  const page = await context.newPage()
  await page.goto(`${site.url}/script-tag/?collector=${encodeURIComponent(collector.url)}`)
  await page.getByRole('button', { name: 'Complete checkout' }).click()
  await page.getByRole('radio', { name: '2', exact: true }).click()
  await page.locator('touchloop-survey [part=next]').click()
  await page.getByRole('textbox', { name: /main reason/i }).fill(COMMENT)
  await page.locator('touchloop-survey [part=next]').click()
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
  await page.close()
}

const PAGES = [
  ['overview', '#/', 'Overview'],
  ['responses', '#/responses', 'Responses'],
  ['follow-up', '#/follow-up', 'Follow-up'],
  ['alerts', '#/alerts', 'Alerts'],
] as const

const COMMENTS = [
  'Delivery took nine days and nobody answered my emails about it',
  'Great prices',
  'The size guide is wrong: everything runs small',
  'Love the app, checkout is fast',
  'Had to enter my address three times because the form kept resetting on an error that never said what was wrong',
  '',
]

/** Six weeks of answers (a realistic page for the layout and axe checks): rows moved back in time, aggregates rebuilt. */
async function seedHistory(target: RunningCollector): Promise<void> {
  const records = Array.from({ length: 90 }, (_, index) => {
    const score = [10, 9, 9, 8, 7, 10, 3, 9, 6, 10, 2, 8][index % 12]!
    const comment = COMMENTS[index % COMMENTS.length]!
    const at = new Date(Date.now() - (index % 42) * 86_400_000).toISOString()
    const shownOnly = index % 9 === 4
    return {
      id: `01900000-0000-7000-8000-${index.toString(16).padStart(12, '0')}`,
      revision: shownOnly ? 0 : 3,
      event: shownOnly ? ('shown' as const) : ('completed' as const),
      surveyId: 'post-checkout-nps',
      surveyVersion: 1,
      touchpoint: index % 3 === 0 ? 'order_tracked' : 'checkout_completed',
      answers: shownOnly ? {} : { nps: score, ...(comment ? { comment } : {}) },
      timings: shownOnly ? undefined : { nps: 2000 + (index % 7) * 900, comment: 6000 + (index % 5) * 3000 },
      anonymousId: `anon-seed-${index}`,
      locale: index % 4 === 0 ? 'de-DE' : 'en-US',
      url: 'https://shop.example.com/checkout/complete',
      createdAt: at,
      updatedAt: at,
    }
  })
  await target.store.upsert(records)
  await target.store.db.query(
    `update responses r set received_at = (s.at)::timestamptz, day = ((s.at)::timestamptz at time zone 'UTC')::date
     from jsonb_to_recordset($1::jsonb) as s(id text, at text) where r.id = s.id`,
    [JSON.stringify(records.map((record) => ({ id: record.id, at: record.createdAt })))],
  )
  await target.store.db.query(
    'update follow_ups f set received_at = r.received_at, day = r.day from responses r where r.id = f.response_id',
  )
  await target.store.rebuildAggregates()
}

describe('the dashboard closes the loop', () => {
  let responseId: string

  it('sends one signed webhook for a detractor with a comment and lists the response in the follow-up inbox', async () => {
    const visitor = await browser.newContext()
    await answerAsDetractor(visitor)
    await visitor.close()

    const hit = await waitFor('the webhook POST', async () => receiver.hits[0])
    expect(hit.headers['content-type']).toBe('application/json')
    expect(verifySignature(hit.headers['x-touchloop-signature'] as string, hit.body, SECRET)).toBe(true)
    const event = JSON.parse(hit.body)
    expect(event).toMatchObject({
      type: 'response.detractor',
      survey: { name: 'Post-checkout NPS' },
      response: { nps: 2, category: 'detractor' },
    })
    expect(event.text).toContain('New detractor (NPS 2) on Post-checkout NPS')
    responseId = event.response.id

    const context = await browser.newContext()
    const cspErrors: string[] = []
    const page = await signIn(context)
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text())
    })
    await page.goto(`${collector.url}/#/follow-up`)
    const item = page.locator('.inbox li', { hasText: COMMENT })
    await item.waitFor()
    // Completed with its comment, and still one delivery: rules fire once per response.
    const log = await (await page.request.get(`${collector.url}/v1/alerts`)).json()
    expect(log.deliveries.filter((d: { responseId: string }) => d.responseId === responseId)).toHaveLength(1)
    expect(receiver.hits).toHaveLength(1)

    await item.getByRole('button', { name: 'Mark contacted' }).click()
    await page.getByRole('link', { name: /Contacted 1/ }).waitFor()
    await page.reload()
    await page.getByRole('link', { name: /Contacted/ }).click()
    await page.locator('.inbox li', { hasText: COMMENT }).getByText('Contacted').waitFor()
    expect(cspErrors).toEqual([])
    await context.close()
  })

  it('keeps the follow-up through a collector restart and resolves it on the response page', async () => {
    const port = collector.port
    await collector.close()
    collector = await start(port)
    const context = await browser.newContext()
    const page = await signIn(context)
    await page.goto(`${collector.url}/#/responses/${responseId}`)
    await page.getByText(COMMENT).waitFor()
    await expect(page.locator('.lede .chip.status-contacted').textContent()).resolves.toBe('Contacted')
    await page.getByText('How likely are you to recommend us to a friend or colleague?').waitFor()
    await page.getByRole('radio', { name: 'Resolved' }).check()
    await page.getByLabel('Assignee').fill('Dana')
    await page.getByLabel('Note').fill('Called back, refunded the order')
    await page.getByRole('button', { name: 'Save follow-up' }).click()
    await page.getByRole('status').getByText('Saved.').waitFor()
    await page.reload()
    await page.locator('.history li', { hasText: 'Status: Contacted → Resolved' }).waitFor()
    await expect(page.locator('.lede .chip.status-resolved').textContent()).resolves.toBe('Resolved')
    await context.close()
  })

  it('shows the trend and the distribution on the overview, and exports the response', async () => {
    const context = await browser.newContext()
    const page = await signIn(context)
    const trend = page.getByRole('img', { name: /^NPS \(How likely.*\) over time\..*: -100 \(1\)/ })
    await trend.waitFor()
    await page.getByRole('img', { name: /answers per score: 0: 0, 1: 0, 2: 1, 3: 0/ }).waitFor()
    await expect(page.locator('.kpi-value').first().textContent()).resolves.toBe('-100')

    // A custom range of UTC days: today holds the answer, yesterday does not.
    const today = new Date().toISOString().slice(0, 10)
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel('Period').selectOption('custom')
    await page.getByLabel('From (UTC day)').fill(yesterday)
    await page.getByLabel('To (UTC day)').fill(yesterday)
    await page.getByText('No responses in this period.').waitFor()
    await page.getByLabel('To (UTC day)').fill(today)
    await page.getByRole('img', { name: /answers per score: 0: 0, 1: 0, 2: 1, 3: 0/ }).waitFor()

    const csv = await (
      await page.request.get(`${collector.url}/v1/export?format=csv&surveyId=post-checkout-nps`)
    ).text()
    expect(csv).toContain(responseId)
    expect(csv).toContain(COMMENT)
    const json = await (await page.request.get(`${collector.url}/v1/export?format=json&category=detractor`)).json()
    expect(json.map((r: { id: string }) => r.id)).toContain(responseId)
    await context.close()
  })

  it('every page: axe-core clean, no horizontal overflow at 1280 and 390 px, light and dark', async () => {
    await seedHistory(collector)
    if (SHOTS) mkdirSync(SHOTS, { recursive: true })
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 390]) {
        // axe is injected as an inline script: this context bypasses the CSP (the others check it).
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true })
        const login = await context.newPage()
        await login.goto(`${collector.url}/`)
        await login.getByLabel('Admin token').waitFor()
        expect(
          await login.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        ).toBe(0)
        expect(await axeViolations(login), `sign-in at ${width} px (${colorScheme})`).toEqual([])
        if (SHOTS) await login.screenshot({ path: join(SHOTS, `sign-in-${width}-${colorScheme}.png`) })
        await login.close()
        const page = await signIn(context)
        for (const [name, hash, heading] of [
          ...PAGES,
          ['response', `#/responses/${responseId}`, 'Post-checkout NPS'] as const,
        ]) {
          await page.goto(`${collector.url}/${hash}`)
          await page.getByRole('heading', { level: 1, name: heading }).waitFor()
          await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          )
          expect(overflow, `${name} at ${width} px (${colorScheme}) overflows`).toBe(0)
          expect(await axeViolations(page), `${name} at ${width} px (${colorScheme})`).toEqual([])
          if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}-${width}-${colorScheme}.png`), fullPage: true })
        }
        await context.close()
      }
    }
  })

  it('works from the keyboard alone: sign in, move between pages, change a follow-up', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${collector.url}/`)
    await page.keyboard.press('Tab')
    await page.keyboard.type(ADMIN_TOKEN)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Overview' }).waitFor()
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
    // Brand, Overview, Responses, Follow-up.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab')
    expect(await focusedText()).toBe('Follow-up')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Follow-up' }).waitFor()
    // The new page takes focus at its start; the first inbox action is a few tabs away.
    const markContacted = page.getByRole('button', { name: 'Mark contacted' }).first()
    for (let i = 0; i < 30 && !(await markContacted.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab')
    }
    const before = await page.getByRole('link', { name: /Contacted/ }).textContent()
    await page.keyboard.press('Enter')
    await page.waitForFunction((text) => document.querySelector('.tabs a:nth-child(2)')?.textContent !== text, before)
    await context.close()
  })

  it('serves the app with a strict CSP and hashed, immutable assets', async () => {
    const signedOut = await fetch(`${collector.url}/`)
    expect(signedOut.status).toBe(401)
    const app = await fetch(`${collector.url}/`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const csp = app.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe')
    const html = await app.text()
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    const script = /src="(\/dashboard\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    const asset = await fetch(`${collector.url}${script}`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(readFileSync(join(ROOT, 'packages/collector/dist/dashboard/index.html'), 'utf8')).toContain(script!)
  })
})
