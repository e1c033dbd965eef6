// The peer comparison as text: one set of formatted rows (medians with min–max, ratios touchloop/peer,
// goal verdicts) rendered as markdown for bench/results/peers.md and as data for the docs site
// (docs/data/bench.json → docs/performance.md), so both show the same figures.
import { ratio } from '../stats.mjs'

/** A nested figure of a subject's summary, by a dotted key ('pageLoad.gzip'). */
export const pick = (summary, key) => key.split('.').reduce((value, part) => value[part], summary)

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a')
const number = (text) => text.replace(/ .*/, '')
const withSpread = (summary, format) =>
  `${format(summary.median)} (${number(format(summary.min))}–${format(summary.max)})${summary.failed ? `, not measured in ${summary.failed} run(s)` : ''}`

/** The comparison rows: label, the figure in a subject's summary, formatter. */
const ROWS = [
  ['page load, survey configured, not shown (gzip)', 'pageLoad.gzip', kB],
  ['page load (brotli)', 'pageLoad.brotli', kB],
  ['page load, repeat view (gzip)', 'repeatView.gzip', kB],
  ['survey shown, everything since navigation (gzip)', 'shown.gzip', kB],
  ['survey shown (brotli)', 'shown.brotli', kB],
  ['through the answer’s 2xx (gzip)', 'delivered.gzip', kB],
  ['through the answer’s 2xx (brotli)', 'delivered.brotli', kB],
  ['ScriptDuration at page load', 'scriptMs', ms],
  ['ScriptDuration at page load, repeat view', 'repeatScriptMs', ms],
  ['longest task that ran script, page load', 'longestTaskMs', ms],
  ['init (SDK script downloaded → SDK ready)', 'initMs', ms],
  ['trigger → first option visible, cold', 'coldMs', ms],
  ['trigger → first option visible, warm', 'warmMs', ms],
]

export const NOTES = [
  'touchloop: the script-tag example; ready = its boot chunk replaced the stub. Cold = track() of the touchpoint event with nothing of the survey stage loaded; warm = show() of the same survey once it was answered and closed.',
  'PostHog: array.js; ready = its loaded callback. It loads surveys.js at page load whenever surveys are on, so its cold trigger (capture() of the survey’s event) already has the survey code and waits for PostHog’s 1 s survey poll; warm = displaySurvey().',
  'Sentry has no NPS survey: shown = its feedback form opened (createForm, appendToDom, open; first field visible), answer = the envelope carrying the feedback; ready = Sentry.init() returned; cold = the first form, warm = a second one.',
  'Bytes: every JS and CSS file the browser fetched, compressed here (gzip 9, brotli 11). Visible = the option has a layout box (polled every ≈ 4 ms), before the fade-in animation both surveys play.',
]

/** The comparison, formatted once. */
export function comparison(result) {
  const { subjects } = result
  const names = Object.keys(subjects)
  const peers = subjects.touchloop ? names.filter((name) => name !== 'touchloop') : []
  const rows = ROWS.map(([what, key, format]) => ({
    what,
    cells: Object.fromEntries(names.map((name) => [name, withSpread(pick(subjects[name], key), format)])),
    ratios: Object.fromEntries(
      peers.map((peer) => [peer, ratio(pick(subjects.touchloop, key).median, pick(subjects[peer], key).median)]),
    ),
  }))
  const goals = result.goals.map((goal) => ({
    what: goal.what,
    measured: goal.unit === 'B' ? kB(goal.value) : ms(goal.value),
    goal: `≤ ${goal.unit === 'B' ? kB(goal.limit) : `${goal.limit} ms`}`,
    verdict: goal.met ? 'met' : 'missed',
  }))
  return {
    measuredAt: result.measuredAt.slice(0, 10),
    runs: result.runs,
    chromium: result.chromium,
    versions: result.versions,
    subjects: names,
    peers,
    sdks: Object.fromEntries(names.map((name) => [name, subjects[name].sdk])),
    rows,
    goals,
    notes: NOTES,
  }
}

export function toMarkdown(result, stages = ['pageLoad', 'repeatView', 'shown', 'delivered']) {
  const table = comparison(result)
  const { subjects } = result
  const lines = [
    `# touchloop against its peers (${table.runs} interleaved runs, medians with min–max; Chromium ${table.chromium})`,
    '',
    `Peers from npm: ${Object.entries(table.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}. ${table.subjects.map((name) => `**${name}**: ${table.sdks[name]}`).join('; ')}.`,
    '',
    `| | ${table.subjects.join(' | ')} | ${table.peers.map((peer) => `touchloop / ${peer}`).join(' | ')} |`,
    `| --- | ${table.subjects.map(() => '---').join(' | ')} | ${table.peers.map(() => '---').join(' | ')} |`,
    ...table.rows.map(
      (row) =>
        `| ${row.what} | ${table.subjects.map((name) => row.cells[name]).join(' | ')} | ${table.peers.map((peer) => row.ratios[peer]).join(' | ')} |`,
    ),
    '',
    '## Goals (touchloop, medians)',
    '',
    '| goal | measured | limit | |',
    '| --- | --- | --- | --- |',
    ...table.goals.map((goal) => `| ${goal.what} | ${goal.measured} | ${goal.goal} | ${goal.verdict} |`),
    '',
    '## Files fetched (last run)',
    '',
    ...table.subjects.flatMap((name) =>
      stages.map((stage) => `- ${name}, ${stage}: ${subjects[name][stage].files.join(', ') || '(none)'}`),
    ),
    '',
    '## Scripts that ran in the longest task at page load (in how many runs)',
    '',
    ...table.subjects.map(
      (name) =>
        `- ${name}: ${
          Object.entries(subjects[name].longestTaskScripts ?? {})
            .sort(([, a], [, b]) => b - a)
            .map(([script, runs]) => `${script} (${runs})`)
            .join(', ') || '(its trace events name no script)'
        }`,
    ),
    '',
    ...table.notes.map((note) => `- ${note}`),
  ]
  return `${lines.join('\n')}\n`
}
