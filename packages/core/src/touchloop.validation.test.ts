// Where surveys are checked: not at page load (the trigger matcher alone sees them, defensively); the
// structural guard (a lazy chunk, no zod) runs with the state stage's load, at the first touchpoint
// match or show()/start(); the zod validator only with `debug: true`, at page load. A bad survey is
// reported with its path, once, and skipped.
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import type { TouchloopEvents } from './api'
import type { Survey } from './model'
import { setupTouchloop, until } from './test-support/harness'

// Counts the imports of the zod validator chunk and of the guard chunk (once per test file: the
// page-load test comes first, the debug test last).
const validator = vi.hoisted(() => ({ imports: 0 }))
vi.mock('./schema/validate', async (importOriginal) => {
  validator.imports++
  return importOriginal()
})
const guardChunk = vi.hoisted(() => ({ imports: 0 }))
vi.mock('./schema/guard', async (importOriginal) => {
  guardChunk.imports++
  return importOriginal()
})

const nps: Survey = {
  id: 'nps',
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
}

let warn: MockInstance<typeof console.warn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => warn.mockRestore())

function start(surveys: unknown[], debug = false) {
  const issues: TouchloopEvents['config:error'][] = []
  const setup = setupTouchloop({ surveys: surveys as Survey[], debug })
  setup.touchloop.on('config:error', (issue) => issues.push(issue))
  return { ...setup, issues }
}

describe('where surveys are checked', () => {
  it('imports no guard chunk at page load; the first match loads it, reports the bad survey and skips it', async () => {
    const bad = { ...nps, id: 'bad', touchpoints: [{ type: 'event', event: 'go' }], questions: [] }
    const other = { ...nps, id: 'other', touchpoints: [{ type: 'event', event: 'other' }] }
    const { touchloop, widget, issues } = start([bad, other])
    touchloop.track('unrelated')
    await touchloop.flush()
    expect(guardChunk.imports).toBe(0)
    expect(issues).toEqual([])
    touchloop.track('go') // matches the malformed survey first: the guard runs, reports it, it does not show
    touchloop.track('other') // queued behind that load, in call order: the valid survey shows
    await until(() => widget.contexts.length === 1)
    await touchloop.flush()
    // Loaded now. The first match imports it twice at once (the state stage's check and the survey stage's
    // prefetch); a browser evaluates one module, vitest may run a mock factory per concurrent import.
    expect(guardChunk.imports).toBeGreaterThan(0)
    expect(widget.contexts.map((context) => context.survey.id)).toEqual(['other'])
    expect(issues).toEqual([
      { path: 'surveys[0].questions', message: 'expected at least one question, got an array of 0', surveyId: 'bad' },
    ])
    expect(warn).toHaveBeenCalledWith(
      'touchloop: invalid survey config, surveys[0].questions: expected at least one question, got an array of 0',
    )
    touchloop.track('go') // reported once
    await touchloop.flush()
    expect(issues).toHaveLength(1)
    expect(validator.imports).toBe(0)
    touchloop.destroy()
  })

  it('never throws at page load on hostile surveys, touchpoints, url rules and filters; checks them on the first match', async () => {
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('hostile get')
        },
        ownKeys: () => {
          throw new Error('hostile keys')
        },
      },
    )
    const tp = (touchpoint: unknown) => ({
      ...nps,
      id: `t${Math.random().toString(36).slice(2, 8)}`,
      touchpoints: [touchpoint],
    })
    const hostile: unknown[] = [
      null,
      7,
      'nps',
      throwing,
      { ...nps, id: 42 },
      {
        ...nps,
        get id(): string {
          throw new Error('hostile id')
        },
      },
      { ...nps, id: 'no-touchpoints', touchpoints: 'go' },
      { ...nps, id: 'null-touchpoints', touchpoints: null },
      { ...nps, id: 'proxy-touchpoints', touchpoints: throwing },
      new Proxy(
        { id: 'proxy-survey' },
        {
          get: (target, key) => {
            if (key === 'id') return target.id
            throw new Error('hostile survey')
          },
        },
      ),
      {
        ...nps,
        id: 'getter-touchpoints',
        get touchpoints(): unknown {
          throw new Error('hostile touchpoints')
        },
      },
      tp(null),
      tp(throwing),
      tp({ type: 'warp' }),
      tp({ type: 'event' }),
      tp({ type: 'event', event: 'go', where: 'x' }),
      tp({ type: 'event', event: 'go', where: [null, { prop: 'plan', op: 'bogus' }, throwing] }),
      tp({ type: 'event', event: 'go', url: 'x' }),
      tp({ type: 'event', event: 'go', url: [{ op: 'regex', value: '(' }] }),
      tp({ type: 'event', event: 'go', url: [{ op: 'regex', value: '(a+)+$' }, null, throwing] }),
      tp({ type: 'event', event: 'go', nth: -1, cap: 'x', delaySeconds: Number.NaN, cancelOn: 5 }),
      tp({ type: 'pageview', url: [{ op: 'contains', value: 5 }] }),
      tp({ type: 'visits', count: 'x' }),
      tp({ type: 'scroll', percent: Number.POSITIVE_INFINITY }),
    ]
    // Well-formed for the guard, but not a CSS selector: the matcher must not throw on it either.
    const badSelector = { ...nps, id: 'bad-selector', touchpoints: [{ type: 'click', selector: '<<<' }] }
    const { touchloop, widget, issues, env } = start([...hostile, badSelector, nps])
    touchloop.track('go', { plan: 'pro' })
    touchloop.track('go', throwing as Record<string, unknown>)
    env.navigate('https://example.com/other?x=1')
    await until(() => widget.contexts.length === 1)
    document.body.click() // the click touchpoint's matcher meets the bad selector
    await touchloop.flush()
    expect(widget.contexts.map((context) => context.survey.id)).toEqual(['nps'])
    // Each bad input reported once, with its path (the guard ran on the first match).
    const reported = new Set(issues.map((issue) => issue.path.match(/^surveys\[\d+\]/)?.[0]))
    expect([...reported].sort()).toEqual(hostile.map((_, index) => `surveys[${index}]`).sort())
    touchloop.destroy()
  })

  it('keeps the order of calls across the guard and state loads: identify() before track() decides it', async () => {
    const members = { ...nps, id: 'members', audience: { identified: true } }
    const { touchloop, widget } = start([members])
    touchloop.identify('u1')
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
    expect(widget.contexts[0]?.survey.id).toBe('members')
    touchloop.destroy()
  })

  it('runs the guard, never the zod chunk, and skips only the bad survey', async () => {
    const misspelt = { ...nps, id: 'typo', sampel: 0.5 }
    const hostile = { ...nps, id: 'hostile', version: 10n }
    const { touchloop, widget, issues } = start([misspelt, hostile, nps])
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
    await touchloop.flush()
    expect(widget.contexts[0]?.survey.id).toBe('nps')
    expect(issues).toEqual([
      { path: 'surveys[0]', message: 'unknown key "sampel" (check the spelling)', surveyId: 'typo' },
      { path: 'surveys[1].version', message: 'expected JSON data, got a bigint', surveyId: 'hostile' },
    ])
    expect(warn).toHaveBeenCalledWith(
      'touchloop: invalid survey config, surveys[0]: unknown key "sampel" (check the spelling)',
    )
    expect(validator.imports).toBe(0)
    touchloop.destroy()
  })

  it('checks the rest of a survey before show() or start() presents it: reported once, settled false', async () => {
    const broken = { ...nps, id: 'broken', questions: [{ id: 'q', type: 'single', text: 'Pick', choices: [] }] }
    const { touchloop, widget, issues } = start([broken, nps])
    expect(await touchloop.show('broken')).toBe(false)
    expect(await touchloop.start('broken')).toBeUndefined()
    expect(issues).toEqual([
      {
        path: 'surveys[0].questions[0].choices',
        message: 'expected at least one choice, got an array of 0',
        surveyId: 'broken',
      },
    ])
    expect(await touchloop.show('nps')).toBe(true)
    expect(widget.contexts.map((context) => context.survey.id)).toEqual(['nps'])
    expect(validator.imports).toBe(0)
    touchloop.destroy()
  })

  it('with debug: true loads the zod validator and reports its issues', async () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {})
    const bad = { ...nps, id: 'bad', questions: [{ id: 'q', type: 'single', text: 'Pick', choices: [], other: 'x' }] }
    const { touchloop, issues } = start([bad, nps], true)
    await touchloop.flush()
    expect(validator.imports).toBe(1) // at page load: every issue at once
    expect(issues.map((issue) => issue.path)).toEqual([
      'surveys[0].questions[0].choices',
      'surveys[0].questions[0].other',
    ])
    touchloop.destroy()
  })
})
