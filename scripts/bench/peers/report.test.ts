import { describe, expect, it } from 'vitest'
import { comparison, toMarkdown } from './report.mjs'

const figure = (median: number) => ({ median, min: median - 1, max: median + 1, runs: 3, failed: 0 })
const stage = (gzip: number, files: string[]) => ({
  files,
  gzip: figure(gzip),
  brotli: figure(gzip - 100),
  raw: figure(gzip * 3),
})
const subject = (sdk: string, gzip: number, ms: number) => ({
  sdk,
  pageLoad: stage(gzip, ['a.js']),
  repeatView: stage(gzip, ['a.js']),
  shown: stage(gzip * 2, ['a.js', 'b.js']),
  delivered: stage(gzip * 2, ['a.js', 'b.js']),
  scriptMs: figure(ms),
  repeatScriptMs: figure(ms),
  longestTaskMs: figure(ms),
  initMs: figure(ms),
  coldMs: figure(ms),
  warmMs: figure(ms),
  longestTaskScripts: { 'boot.js': 3, 'a.js': 1 },
})
const result = {
  measuredAt: '2026-12-01T01:00:00.000Z',
  runs: 3,
  chromium: '156.0',
  versions: { 'posthog-js': '1.0.0' },
  subjects: { touchloop: subject('touchloop', 4_000, 4), posthog: subject('posthog-js', 16_000, 40) },
  goals: [
    { what: 'page load (gzip)', key: 'pageLoad.gzip', limit: 5_000, unit: 'B', value: 4_000, met: true },
    { what: 'warm', key: 'warmMs', limit: 2, unit: 'ms', value: 4, met: false },
  ],
}

describe('the peer comparison', () => {
  it('formats medians with their spread, and ratios of touchloop to each peer', () => {
    const table = comparison(result)
    expect(table.subjects).toEqual(['touchloop', 'posthog'])
    expect(table.peers).toEqual(['posthog'])
    const pageLoad = table.rows.find((row) => row.what.startsWith('page load, survey configured'))
    expect(pageLoad?.cells).toEqual({ touchloop: '4.00 kB (4.00–4.00 kB)', posthog: '16.00 kB (16.00–16.00 kB)' })
    expect(pageLoad?.ratios).toEqual({ posthog: '0.25×' })
    const script = table.rows.find((row) => row.what === 'ScriptDuration at page load')
    expect(script?.cells.touchloop).toBe('4.0 ms (3.0–5.0 ms)')
  })

  it('says which goal is met and which is missed, in the markdown too', () => {
    expect(comparison(result).goals.map((goal) => goal.verdict)).toEqual(['met', 'missed'])
    const markdown = toMarkdown(result)
    expect(markdown).toContain('| page load (gzip) | 4.00 kB | ≤ 5.00 kB | met |')
    expect(markdown).toContain('| warm | 4.0 ms | ≤ 2 ms | missed |')
    expect(markdown).toContain('- posthog, shown: a.js, b.js')
    expect(markdown).toContain('- touchloop: boot.js (3), a.js (1)')
  })
})
