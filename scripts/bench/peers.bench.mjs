// touchloop against its peers in one run, in real Chromium: posthog-js surveys and @sentry/browser +
// feedbackIntegration(), installed from npm outside the repo (peers/install.mjs). Per run and subject,
// in a fresh browser context, interleaved (touchloop, posthog, sentry, touchloop, …):
// - bytes of the JS and CSS the browser fetched (gzip 9 and brotli 11, as a CDN would serve them) at
//   page load (survey configured, not shown), once the survey is shown, once the answer's 2xx arrived;
// - CDP ScriptDuration and the longest task that ran script (devtools.timeline trace) at page load;
// - init time (the SDK script downloaded → SDK ready, per subject's definition);
// - trigger → first option visible, cold (first trigger) and warm (code loaded, second trigger).
// `node scripts/bench/peers.bench.mjs` after `pnpm run build` (RUNS=11 by default); results as markdown
// + JSON under bench/results/ (ignored by git). SCREENSHOTS=1 keeps a PNG of each survey shown.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  initTime,
  launchChromium,
  recordFiles,
  scriptDuration,
  snapshot,
  triggerToVisible,
  withLongestTask,
} from './page.mjs'
import { ensurePeers } from './peers/install.mjs'
import { posthogSubject } from './peers/posthog.mjs'
import { pick, toMarkdown } from './peers/report.mjs'
import { sentrySubject } from './peers/sentry.mjs'
import { touchloopSubject } from './peers/touchloop.mjs'
import { summarize } from './stats.mjs'

const ROOT = resolve(import.meta.dirname, '../..')
const RESULTS = join(ROOT, 'bench/results')
const ALL_SUBJECTS = [touchloopSubject, posthogSubject, sentrySubject]
// PEERS=touchloop,sentry runs a subset (while working on one subject's page).
export const SUBJECTS = process.env.PEERS
  ? ALL_SUBJECTS.filter((subject) => process.env.PEERS.split(',').includes(subject.name))
  : ALL_SUBJECTS

/** The goals of issue 11, checked against touchloop's medians. */
export const GOALS = [
  { what: 'page load (gzip)', key: 'pageLoad.gzip', limit: 5_000, unit: 'B' },
  { what: 'through the answer’s 2xx (gzip)', key: 'delivered.gzip', limit: 16_000, unit: 'B' },
  { what: 'ScriptDuration at page load', key: 'scriptMs', limit: 5, unit: 'ms' },
  { what: 'longest task that ran script at page load', key: 'longestTaskMs', limit: 10, unit: 'ms' },
  { what: 'trigger → first option visible, warm', key: 'warmMs', limit: 20, unit: 'ms' },
]

const settle = (page) => page.waitForLoadState('networkidle').catch(() => {})

async function oneRun(browser, subject, site, screenshots) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    if (subject.initScript) await page.addInitScript(subject.initScript)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    const files = recordFiles(page, { accept: subject.accept, name: subject.fileName })

    const { longestTaskMs, longestTaskScripts } = await withLongestTask(browser, page, site.url, async () => {
      await page.goto(site.pageUrl)
      await subject.ready(page)
      await settle(page)
      await page.waitForTimeout(300)
    })
    const pageLoad = snapshot(await files())
    const scriptMs = await scriptDuration(cdp)
    const initMs = await initTime(page, subject.scriptPath)

    const coldMs = await triggerToVisible(page, subject.cold)
    await settle(page)
    const shown = snapshot(await files())
    if (screenshots) {
      await page.waitForTimeout(500) // past the surveys' fade-in
      await page.screenshot({ path: join(screenshots, `${subject.name}-shown.png`), animations: 'disabled' })
    }

    const answered = page.waitForResponse(
      (response) => response.headers()['x-bench-answer'] === '1' && response.status() < 300,
      { timeout: 20_000 },
    )
    await subject.answer(page)
    await answered
    const delivered = snapshot(await files())

    await subject.close(page)
    const warmMs = await triggerToVisible(page, subject.warm)
    await subject.close(page)
    await settle(page)

    // Repeat view: the same page again in the same context (storage kept; files fetched again, as the
    // server sends no caching headers: what differs is what the SDK decides to load).
    const again = await context.newPage()
    const againCdp = await context.newCDPSession(again)
    await againCdp.send('Performance.enable')
    const againFiles = recordFiles(again, { accept: subject.accept, name: subject.fileName })
    await again.goto(site.pageUrl)
    await subject.ready(again)
    await settle(again)
    await again.waitForTimeout(300)
    const repeatView = snapshot(await againFiles())
    const repeatScriptMs = await scriptDuration(againCdp)
    const run = {
      pageLoad,
      repeatView,
      shown,
      delivered,
      scriptMs,
      repeatScriptMs,
      longestTaskMs,
      longestTaskScripts,
      initMs,
      coldMs,
      warmMs,
    }
    const missing = FIGURES.filter((figure) => !Number.isFinite(run[figure]))
    if (missing.length > 0)
      console.error(`bench peers: ${subject.name}: not measured in this run: ${missing.join(', ')}`)
    return run
  } finally {
    await context.close()
  }
}

export const STAGES = ['pageLoad', 'repeatView', 'shown', 'delivered']
const FIGURES = ['scriptMs', 'repeatScriptMs', 'longestTaskMs', 'initMs', 'coldMs', 'warmMs']

/** Medians and spreads of one subject's runs (bytes: the file list of the last run). */
function summarizeRuns(subject, runs) {
  const result = { sdk: subject.sdk }
  for (const stage of STAGES) {
    result[stage] = {
      files: runs.at(-1)[stage].files,
      gzip: summarize(runs.map((run) => run[stage].gzip)),
      brotli: summarize(runs.map((run) => run[stage].brotli)),
      raw: summarize(runs.map((run) => run[stage].raw)),
    }
  }
  for (const figure of FIGURES) result[figure] = summarize(runs.map((run) => run[figure]))
  // Which scripts ran in the longest task at page load: script file → in how many runs.
  const counts = {}
  for (const run of runs) for (const script of run.longestTaskScripts) counts[script] = (counts[script] ?? 0) + 1
  result.longestTaskScripts = counts
  return result
}

export async function benchPeers({ runs = Number(process.env.RUNS ?? 11), screenshots } = {}) {
  const versions = ensurePeers()
  const sites = new Map()
  const browser = await launchChromium()
  const chromium = browser.version()
  const perSubject = new Map(SUBJECTS.map((subject) => [subject.name, []]))
  try {
    for (const subject of SUBJECTS) sites.set(subject.name, await subject.start())
    // Round 0 warms Chromium up (first compilations, disk cache of the binary) and is not counted.
    for (let i = 0; i <= runs; i++) {
      for (const subject of SUBJECTS) {
        const run = await oneRun(browser, subject, sites.get(subject.name), i === 1 ? screenshots : undefined).catch(
          (error) => {
            throw new Error(`bench peers: ${subject.name}, round ${i}: ${error.message}`, { cause: error })
          },
        )
        if (i > 0) perSubject.get(subject.name).push(run)
      }
      process.stderr.write(i === 0 ? 'bench peers: warm-up round done\n' : `bench peers: run ${i}/${runs}\n`)
    }
  } finally {
    await browser.close()
    for (const site of sites.values()) await site.close()
  }
  const subjects = Object.fromEntries(
    SUBJECTS.map((subject) => [subject.name, summarizeRuns(subject, perSubject.get(subject.name))]),
  )
  return { measuredAt: new Date().toISOString(), runs, chromium, versions, subjects, goals: goalVerdicts(subjects) }
}

function goalVerdicts(subjects) {
  if (!subjects.touchloop) return []
  return GOALS.map((goal) => {
    const value = pick(subjects.touchloop, goal.key).median
    return { ...goal, value, met: value <= goal.limit }
  })
}

/** Writes bench/results/peers.{json,md}; the markdown. */
export function writePeerResults(result) {
  mkdirSync(RESULTS, { recursive: true })
  const markdown = toMarkdown(result)
  writeFileSync(join(RESULTS, 'peers.json'), `${JSON.stringify(result, null, 2)}\n`)
  writeFileSync(join(RESULTS, 'peers.md'), markdown)
  return markdown
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const screenshots = process.env.SCREENSHOTS ? join(RESULTS, 'screenshots') : undefined
  if (screenshots) mkdirSync(screenshots, { recursive: true })
  console.log(writePeerResults(await benchPeers({ screenshots })))
}
