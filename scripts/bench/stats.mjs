// Pure helpers of the page benches: medians and spreads of repeated runs, and the longest main-thread
// task that ran script, read from a Chromium trace (devtools.timeline). No browser here: unit-tested.

/** The median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** [min, max] of a list of numbers. */
export function spread(values) {
  if (values.length === 0) return [Number.NaN, Number.NaN]
  return [Math.min(...values), Math.max(...values)]
}

/**
 * Median and spread of one figure over the runs. A run that could not measure it (NaN: e.g. the survey
 * never became visible) is left out and counted in `failed`.
 */
export function summarize(values) {
  const measured = values.filter(Number.isFinite)
  const [min, max] = spread(measured)
  return { median: median(measured), min, max, runs: measured.length, failed: values.length - measured.length }
}

// Trace events that mean "JavaScript ran inside this task": script evaluation, module evaluation,
// callbacks (timers, frames, idle, events through V8), microtasks and compilation.
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.evaluateModule',
  'v8.compile',
  'v8.compileModule',
  'v8.run',
  'V8.Execute',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
])
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask'])

/**
 * The longest task on a renderer's main thread that ran script, from the trace's events (the
 * `traceEvents` of a Chromium trace): `ms`, and `scripts`, the file names of the scripts that ran in it
 * (from the events' URLs). A task is a complete ('X') RunTask event; it ran script when a script event
 * of the same thread starts inside it. Nested RunTasks count as part of the outer one. ms 0 when no task
 * ran script. The trace covers the whole browser: with `origin`, only renderer threads that ran a script
 * of that origin count (Chromium's own pages, e.g. headless WebUI, run script too). A script evaluated
 * without a URL (the harness's injected code) does not count as script.
 */
export function longestScriptTask(traceEvents, { origin } = {}) {
  const mainThreads = new Set(
    traceEvents
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  )
  const byThread = new Map()
  for (const event of traceEvents) {
    const thread = `${event.pid}:${event.tid}`
    if (!mainThreads.has(thread) || typeof event.ts !== 'number') continue
    const isTask = TASK_EVENTS.has(event.name) && event.ph === 'X' && typeof event.dur === 'number'
    // A classic script evaluated without a URL is not the page's (its inline scripts carry the page's
    // URL): it is the harness's own code (Playwright injects its utility script, ~10–16 ms, when the bench
    // waits for a function). Counted, it made every subject's longest task that long at least.
    const isScript = SCRIPT_EVENTS.has(event.name) && !(event.name === 'EvaluateScript' && !scriptUrl(event))
    if (!isTask && !isScript) continue
    if (!byThread.has(thread)) byThread.set(thread, { tasks: [], scripts: [] })
    const lists = byThread.get(thread)
    if (isTask) lists.tasks.push(event)
    else lists.scripts.push(event)
  }
  let longest = { ms: 0, scripts: [] }
  for (const { tasks, scripts } of byThread.values()) {
    if (origin && !scripts.some((event) => scriptUrl(event)?.startsWith(origin))) continue
    scripts.sort((a, b) => a.ts - b.ts)
    for (const task of tasks) {
      if (task.dur / 1000 <= longest.ms) continue
      const inside = eventsIn(scripts, task.ts, task.ts + task.dur)
      if (inside.length > 0) longest = { ms: task.dur / 1000, scripts: scriptNames(inside) }
    }
  }
  return longest
}

/** The events of a list sorted by `ts` that start in [from, to] (binary search for the first). */
function eventsIn(sorted, from, to) {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid].ts < from) low = mid + 1
    else high = mid
  }
  const inside = []
  for (let i = low; i < sorted.length && sorted[i].ts <= to; i++) inside.push(sorted[i])
  return inside
}

const scriptUrl = (event) => {
  const url = event.args?.data?.url ?? event.args?.fileName
  return typeof url === 'string' && url !== '' ? url : undefined
}

/** The distinct file names (last path segment; "(page)" for the page's inline scripts) the events ran. */
function scriptNames(events) {
  const names = new Set()
  for (const event of events) {
    const url = scriptUrl(event)
    if (url)
      names.add(
        url
          .replace(/[?#].*$/, '')
          .split('/')
          .pop() || '(page)',
      )
  }
  return [...names]
}

/** touchloop's figure divided by a peer's, as "0.42×" ('' when either is missing or the peer's is 0). */
export function ratio(ours, theirs) {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return ''
  return `${(ours / theirs).toFixed(2)}×`
}
