// PostHog as a bench subject: posthog-js's npm dist (array.js, and what it loads lazily: surveys.js…)
// served locally as PostHog's CDN would, api_host = this server, with stubbed remote config, /flags and
// /api/surveys returning one event-triggered NPS survey (a 0–10 rating and an open question), and an
// events endpoint that acknowledges everything. PostHog renders its real survey UI (Preact, shadow DOM).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { readBody, startStaticServer } from '../page.mjs'
import { PEERS_DIR } from './install.mjs'

const TOKEN = 'phc_bench'
const SURVEY_ID = '0190bench-0000-7000-8000-000000000001'

const SURVEY = {
  id: SURVEY_ID,
  name: 'Post-checkout NPS',
  description: '',
  type: 'popover',
  questions: [
    {
      id: 'q-nps',
      type: 'rating',
      display: 'number',
      scale: 10,
      question: 'How likely are you to recommend us to a friend or colleague?',
      lowerBoundLabel: 'Not at all likely',
      upperBoundLabel: 'Extremely likely',
      optional: false,
    },
    { id: 'q-reason', type: 'open', question: 'What is the main reason for your score?', optional: true },
  ],
  conditions: { events: { repeatedActivation: true, values: [{ name: 'checkout_completed' }] } },
  appearance: { displayThankYouMessage: false, position: 'right' },
  start_date: '2024-01-01T00:00:00Z',
  end_date: null,
  linked_flag_key: null,
  targeting_flag_key: null,
  internal_targeting_flag_key: null,
  current_iteration: null,
  current_iteration_start_date: null,
  schedule: 'always',
}

// What PostHog's remote config says for a project with surveys on and everything else off.
const REMOTE_CONFIG = {
  token: TOKEN,
  supportedCompression: ['gzip', 'gzip-js'],
  hasFeatureFlags: false,
  surveys: true,
  sessionRecording: false,
  heatmaps: false,
  autocapture_opt_out: false,
  captureDeadClicks: false,
  capturePerformance: false,
  autocaptureExceptions: false,
  defaultIdentifiedOnly: true,
  elementsChainAsString: true,
  siteApps: [],
}

// The page: array.js async, init when it has run (no snippet: array.js creates window.posthog itself).
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>PostHog surveys bench</title>
    <script>
      function startPosthog() {
        window.posthog.init('${TOKEN}', {
          api_host: location.origin,
          // Headless Chromium's user agent is on PostHog's bot list: without this every event is dropped.
          opt_out_useragent_filter: true,
          loaded: function () { window.__benchReadyAt = performance.now() },
        })
      }
    </script>
    <script async src="/static/array.js" onload="startPosthog()"></script>
  </head>
  <body>
    <main><h1>Acme shop</h1><p>Your basket: 1 × Espresso machine.</p></main>
  </body>
</html>
`

/** The text of an events request, whatever PostHog compressed or encoded it with. */
function eventsText(body) {
  // gzip-js bodies are sent as text/plain, recognisable by gzip's magic bytes.
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      return gunzipSync(body).toString('utf8')
    } catch {}
  }
  const text = body.toString('utf8')
  const data = new URLSearchParams(text).get('data')
  if (data) {
    try {
      return Buffer.from(data, 'base64').toString('utf8')
    } catch {}
  }
  return text
}

const json = (res, value, headers = {}) => {
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value))
  return true
}

const ratingProbe = `return document.querySelector('[class^="PostHogSurvey"]')?.shadowRoot?.querySelector('.ratings-number')`

export const posthogSubject = {
  name: 'posthog',
  sdk: 'posthog-js surveys (array.js + surveys.js)',
  async start() {
    const dist = join(PEERS_DIR, 'node_modules/posthog-js/dist')
    const { version } = JSON.parse(readFileSync(join(dist, '../package.json'), 'utf8'))
    const server = await startStaticServer({
      // array.js asks for its lazy bundles at the versioned path first, as PostHog's CDN serves them.
      mounts: { '/static/': dist, [`/static/${version}/`]: dist },
      async handle(req, res, url) {
        const path = url.pathname
        if (path === '/' || path === '/index.html') {
          res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)
          return true
        }
        if (path === `/array/${TOKEN}/config.js`) {
          const script = `window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {};
window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(TOKEN)}] = { config: ${JSON.stringify(REMOTE_CONFIG)}, siteApps: [] };`
          res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
          return true
        }
        if (path === `/array/${TOKEN}/config`) return json(res, REMOTE_CONFIG)
        if (path.startsWith('/flags') || path.startsWith('/decide')) {
          await readBody(req)
          return json(res, { flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false })
        }
        if (path.startsWith('/api/surveys')) return json(res, { surveys: [SURVEY] })
        if (req.method === 'POST') {
          // Events (/e/, /i/v0/e/, /batch/ …): the batch that carries "survey sent" is the delivered answer.
          const text = eventsText(await readBody(req))
          return json(res, { status: 1 }, /"survey sent"/.test(text) ? { 'x-bench-answer': '1' } : {})
        }
        return false
      },
    })
    return { ...server, pageUrl: `${server.url}/` }
  },
  accept: () => true,
  fileName: (path) => path.replace(/^\//, ''),
  scriptPath: /^\/static\/array\.js$/,
  // Ready = PostHog's `loaded` callback (init done); "survey configured" also waits for its surveys.
  async ready(page) {
    await page.waitForFunction(() => typeof window.__benchReadyAt === 'number')
    await page.evaluate(() => new Promise((done) => window.posthog.onSurveysLoaded(() => done())))
  },
  // The event that triggers the survey; PostHog checks event-triggered surveys on a 1 s interval, so
  // this includes 0–1 s of waiting for that poll.
  cold: { trigger: `window.posthog.capture('checkout_completed')`, probe: ratingProbe },
  // Rendering from code already loaded: displaySurvey, PostHog's documented way to show a survey now.
  warm: {
    trigger: `window.posthog.displaySurvey(${JSON.stringify(SURVEY_ID)}, { displayType: 'popover', ignoreConditions: true, ignoreDelay: true })`,
    probe: ratingProbe,
  },
  async answer(page) {
    const survey = page.locator('[class^="PostHogSurvey"]')
    await survey.locator('.ratings-number', { hasText: /^9$/ }).click()
    await survey.locator('.form-submit').click()
    await survey.locator('textarea').fill('bench')
    await survey.locator('.form-submit').click()
  },
  /** After an answer the survey closes by itself (no thank-you message); an open one is cancelled. */
  async close(page) {
    const cancel = page.locator('[class^="PostHogSurvey"] .form-cancel')
    if (await cancel.isVisible()) await cancel.click()
    await page.waitForFunction(
      () => !document.querySelector('[class^="PostHogSurvey"]')?.shadowRoot?.querySelector('.ratings-number'),
    )
  },
}
