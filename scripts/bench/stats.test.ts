import { describe, expect, it } from 'vitest'
import { longestScriptTask, median, ratio, spread, summarize, type TraceEvent } from './stats.mjs'

describe('median and spread', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even one', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(Number.isNaN(median([]))).toBe(true)
  })

  it('gives min and max, and does not reorder its input', () => {
    const values = [3, 9, 1]
    expect(spread(values)).toEqual([1, 9])
    expect(values).toEqual([3, 9, 1])
    expect(summarize(values)).toEqual({ median: 3, min: 1, max: 9, runs: 3, failed: 0 })
  })

  it('leaves out runs that could not measure a figure, and counts them', () => {
    expect(summarize([4, Number.NaN, 2, 6])).toEqual({ median: 4, min: 2, max: 6, runs: 3, failed: 1 })
  })

  it('writes ratios of touchloop to a peer, and nothing when the peer has no figure', () => {
    expect(ratio(5, 20)).toBe('0.25×')
    expect(ratio(5, 0)).toBe('')
    expect(ratio(Number.NaN, 3)).toBe('')
  })
})

describe('longestScriptTask', () => {
  const threadName = (pid: number, tid: number, name: string): TraceEvent => ({
    name: 'thread_name',
    ph: 'M',
    pid,
    tid,
    args: { name },
  })
  const task = (ts: number, dur: number, tid = 1): TraceEvent => ({ name: 'RunTask', ph: 'X', pid: 7, tid, ts, dur })
  const script = (name: string, ts: number, tid = 1, url = ''): TraceEvent => ({
    name,
    ph: 'X',
    pid: 7,
    tid,
    ts,
    dur: 10,
    args: { data: { url } },
  })

  it('takes the longest renderer main-thread task that ran script, in ms, with the scripts it ran', () => {
    const events = [
      threadName(7, 1, 'CrRendererMain'),
      task(0, 40_000), // 40 ms, no script inside: layout only
      task(50_000, 12_000),
      script('EvaluateScript', 51_000),
      task(70_000, 30_000),
      script('v8.compile', 71_000, 1, 'http://127.0.0.1:5/touchloop/0.1.0/boot-abc.js?v=1'),
      script('v8.evaluateModule', 99_000, 1, 'http://127.0.0.1:5/touchloop/0.1.0/boot-abc.js'),
      script('FunctionCall', 99_500, 1, 'http://127.0.0.1:5/touchloop/touchloop.js'),
      task(200_000, 8_000),
      script('FunctionCall', 200_500),
    ]
    expect(longestScriptTask(events)).toEqual({ ms: 30, scripts: ['boot-abc.js', 'touchloop.js'] })
  })

  it('does not count a script evaluated without a URL (the harness injecting its own code)', () => {
    const events = [
      threadName(7, 1, 'CrRendererMain'),
      task(0, 16_000), // Playwright's utility script: EvaluateScript with no URL
      script('EvaluateScript', 1_000),
      task(20_000, 4_000),
      script('EvaluateScript', 20_500, 1, 'http://127.0.0.1:5/page/'), // an inline script of the page
      task(30_000, 3_000),
      script('v8.evaluateModule', 30_500), // module evaluation carries no URL and still counts
    ]
    expect(longestScriptTask(events)).toEqual({ ms: 4, scripts: ['(page)'] })
  })

  it('ignores other threads and other processes, and script outside any task', () => {
    const events = [
      threadName(7, 1, 'CrRendererMain'),
      threadName(7, 2, 'ThreadPoolForegroundWorker'),
      task(0, 90_000, 2),
      script('EvaluateScript', 1_000, 2),
      task(100_000, 5_000),
      script('TimerFire', 104_000),
      script('FunctionCall', 300_000),
      { name: 'RunTask', ph: 'X', pid: 8, tid: 1, ts: 0, dur: 500_000 },
      { name: 'FunctionCall', ph: 'X', pid: 8, tid: 1, ts: 10, dur: 1 },
    ]
    expect(longestScriptTask(events).ms).toBe(5)
  })

  it('keeps to the renderers that ran a script of the page’s origin', () => {
    const events = [
      threadName(7, 1, 'CrRendererMain'),
      threadName(9, 1, 'CrRendererMain'),
      task(0, 10_000),
      script('EvaluateScript', 1_000, 1, 'http://127.0.0.1:5/touchloop/touchloop.js'),
      { name: 'RunTask', ph: 'X', pid: 9, tid: 1, ts: 0, dur: 80_000 },
      {
        name: 'EvaluateScript',
        ph: 'X',
        pid: 9,
        tid: 1,
        ts: 5,
        dur: 1,
        args: { data: { url: 'chrome://resources/lit.js' } },
      },
    ]
    expect(longestScriptTask(events).ms).toBe(80)
    expect(longestScriptTask(events, { origin: 'http://127.0.0.1:5' })).toEqual({ ms: 10, scripts: ['touchloop.js'] })
  })

  it('is 0 when no task ran script', () => {
    expect(longestScriptTask([threadName(7, 1, 'CrRendererMain'), task(0, 60_000)])).toEqual({ ms: 0, scripts: [] })
  })
})
