// Page weight of the script-tag embed in real Chromium, per stage, counted like the browser: the JS and
// CSS files it fetched (their bytes compressed here with gzip and brotli, as a CDN would serve them), at
// page load (first and repeat view), once the NPS survey is shown and once the answer reached the
// backend; plus CDP ScriptDuration at page load and trigger → first NPS option visible. Interleaved
// runs in fresh browser contexts; medians and spread. `node scripts/bench/weight.bench.mjs` after
// `pnpm run build`; results as markdown + JSON under bench/results/ (ignored by git). The comparison
// with PostHog and Sentry is peers.bench.mjs (same page, same measuring code: page.mjs).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { launchChromium, recordFiles, scriptDuration, snapshot, triggerToVisible } from './page.mjs'
import { touchloopSubject as touchloop } from './peers/touchloop.mjs'
import { median, spread } from './stats.mjs'

const ROOT = resolve(import.meta.dirname, '../..')
const RUNS = Number(process.env.RUNS ?? 7)

/** A page of the example site with ScriptDuration and its SDK files recorded. */
async function openPage(context) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  const files = recordFiles(page, { accept: touchloop.accept, name: touchloop.fileName })
  return { page, files, scriptMs: () => scriptDuration(cdp) }
}

async function loaded(page, site) {
  await page.goto(site.pageUrl)
  await page.waitForLoadState('networkidle')
  await touchloop.ready(page)
  await page.waitForTimeout(300)
}

async function oneRun(browser, site) {
  const context = await browser.newContext()
  const first = await openPage(context)
  await loaded(first.page, site)
  const firstView = { ...snapshot(await first.files()), scriptMs: await first.scriptMs() }

  // Trigger → first NPS option visible (cold: nothing of the survey stage loaded yet).
  const visibleMs = await triggerToVisible(first.page, touchloop.cold)
  await first.page.waitForLoadState('networkidle')
  const shown = snapshot(await first.files())
  const answered = first.page.waitForResponse((response) => response.headers()['x-bench-answer'] === '1', {
    timeout: 10_000,
  })
  await touchloop.answer(first.page)
  await answered
  const delivered = snapshot(await first.files())

  const again = await openPage(context)
  await loaded(again.page, site)
  const repeatView = { ...snapshot(await again.files()), scriptMs: await again.scriptMs() }
  await context.close()
  return { firstView, repeatView, shown, delivered, visibleMs }
}

export async function benchWeight({ runs = RUNS } = {}) {
  const site = await touchloop.start()
  const browser = await launchChromium()
  const results = []
  try {
    for (let i = 0; i < runs; i++) results.push(await oneRun(browser, site))
  } finally {
    await browser.close()
    await site.close()
  }
  const stage = (key) => {
    const last = results.at(-1)[key]
    return {
      files: last.files,
      gzip: median(results.map((r) => r[key].gzip)),
      brotli: median(results.map((r) => r[key].brotli)),
      raw: median(results.map((r) => r[key].raw)),
    }
  }
  return {
    runs,
    stages: {
      'page load, first view': { ...stage('firstView'), scriptMs: median(results.map((r) => r.firstView.scriptMs)) },
      'page load, repeat view': { ...stage('repeatView'), scriptMs: median(results.map((r) => r.repeatView.scriptMs)) },
      'NPS survey shown': stage('shown'),
      'answer delivered': stage('delivered'),
    },
    scriptMsSpread: spread(results.map((r) => r.firstView.scriptMs)),
    triggerToVisibleColdMs: median(results.map((r) => r.visibleMs)),
    triggerToVisibleSpread: spread(results.map((r) => r.visibleMs)),
  }
}

function toMarkdown(result) {
  const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`
  const lines = [
    `# touchloop page weight (${result.runs} runs, medians; Chromium, script-tag example)`,
    '',
    '| stage | files | gzip | brotli | raw | script time |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Object.entries(result.stages).map(
      ([name, s]) =>
        `| ${name} | ${s.files.length} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${kb(s.raw)} | ${s.scriptMs === undefined ? '' : `${s.scriptMs.toFixed(1)} ms`} |`,
    ),
    '',
    `ScriptDuration at page load (first view), spread: ${result.scriptMsSpread.map((v) => v.toFixed(1)).join('–')} ms`,
    `Trigger → first NPS option visible (cold): ${result.triggerToVisibleColdMs.toFixed(1)} ms (spread ${result.triggerToVisibleSpread.map((v) => v.toFixed(1)).join('–')} ms)`,
    '',
    ...Object.entries(result.stages).map(([name, s]) => `- ${name}: ${s.files.join(', ')}`),
  ]
  return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchWeight()
  const markdown = toMarkdown(result)
  const dir = join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'weight.json'), `${JSON.stringify(result, null, 2)}\n`)
  writeFileSync(join(dir, 'weight.md'), markdown)
  console.log(markdown)
}
