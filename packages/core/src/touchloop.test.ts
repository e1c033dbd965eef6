import { describe, expect, it, vi } from 'vitest'
import type { TouchloopOptions } from './api'
import type { Survey } from './model'
import { setupTouchloop, until } from './test-support/harness'
import { createTouchloop } from './touchloop'

const nps: Survey = {
  id: 'post-checkout-nps',
  version: 1,
  touchpoints: [{ type: 'event', event: 'checkout_completed' }],
  questions: [
    { id: 'score', type: 'nps', text: 'How likely are you to recommend us?' },
    { id: 'why', type: 'text', text: 'Why?' },
  ],
}

const setup = (extra: Partial<TouchloopOptions> = {}) => setupTouchloop({ surveys: [nps], ...extra })

describe('createTouchloop', () => {
  it('keeps only scalar traits, so what identify() stores can be read back', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { touchloop, widget } = setup({
      surveys: [{ ...nps, audience: { traits: [{ prop: 'plan', op: 'eq', value: 'pro' }] } }],
    })
    touchloop.identify('u1', { plan: 'pro', address: { city: 'Graz' } } as never)
    touchloop.track('checkout_completed')
    await until(() => widget.contexts.length === 1)
    expect(warn).toHaveBeenCalledWith(
      'touchloop: identify(): trait "address" dropped: expected a string, number, boolean or null',
    )
    warn.mockRestore()
  })

  it('reports a surveys option that is not an array', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    setup({ surveys: { id: 'x' } as never })
    expect(warn).toHaveBeenCalledWith(
      'touchloop: invalid survey config, surveys: expected an array of surveys, got object',
    )
    warn.mockRestore()
  })

  it('runs the loop: track → due → widget → revisions with all answers so far', async () => {
    const { widget, records, touchloop } = setup()
    const events: string[] = []
    for (const name of ['survey:due', 'survey:shown', 'question:answered', 'survey:completed'] as const) {
      touchloop.on(name, () => events.push(name))
    }
    touchloop.track('checkout_completed', { orderValue: 120 })
    await until(() => widget.contexts.length === 1)
    const context = widget.contexts[0]!
    expect(context.survey.id).toBe('post-checkout-nps')
    expect(context.answers).toEqual({})
    // Core's flow and text functions travel with the context, so the widget needs no copy of its own.
    expect(context.kit?.nextStep(nps, 'score', { score: 9 })).toEqual({ kind: 'question', questionId: 'why' })
    context.onShown()
    await context.onAnswer({ questionId: 'score', value: 9 })
    await context.onAnswer({ questionId: 'why', value: 'fast' })
    context.onComplete()
    await touchloop.flush()
    await until(() => records.length === 4)
    expect(records.map((r) => [r.revision, r.event])).toEqual([
      [0, 'shown'],
      [1, 'answered'],
      [2, 'answered'],
      [3, 'completed'],
    ])
    expect(new Set(records.map((r) => r.id)).size).toBe(1)
    expect(records[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(records[1]!.answers).toEqual({ score: 9 })
    expect(records[3]!.answers).toEqual({ score: 9, why: 'fast' })
    expect(records[3]!.touchpoint).toBe('checkout_completed')
    expect(events).toEqual(['survey:due', 'survey:shown', 'question:answered', 'question:answered', 'survey:completed'])
  })

  it('reports an invalid survey with its path and still runs the valid ones', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // Nothing is checked at page load: the whole guard runs when the first touchpoint matches (with
    // the state stage), reports every bad survey once with its path, and the bad ones never show.
    const badTouchpoint = { ...nps, id: 'bad-touchpoint', touchpoints: [{ type: 'scroll', percent: 150 }] }
    const bad = {
      id: 'bad',
      touchpoints: [{ type: 'event', event: 'bad_event' }],
      questions: [{ id: 'q', type: 'rating', text: 'Rate', scale: 12 }],
    }
    const { widget, touchloop } = setup({ surveys: [nps, bad, badTouchpoint] as Survey[] })
    const issues: { path: string; message: string }[] = []
    touchloop.on('config:error', (issue) => issues.push(issue))
    await touchloop.flush()
    expect(issues).toEqual([]) // page load: not checked yet
    touchloop.track('checkout_completed')
    await until(() => widget.contexts.length === 1)
    expect(issues).toEqual([
      { path: 'surveys[1].questions[0].scale', message: 'expected an integer 3–10, got 12', surveyId: 'bad' },
      {
        path: 'surveys[2].touchpoints[0].percent',
        message: 'expected a number 1–100, got 150',
        surveyId: 'bad-touchpoint',
      },
    ])
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('surveys[1].questions[0].scale: expected an integer 3–10, got 12'),
    )
    widget.contexts[0]!.onDismiss('close')
    touchloop.track('bad_event') // skipped, and reported once
    touchloop.track('bad_event')
    await touchloop.flush()
    expect(issues).toHaveLength(2)
    expect(widget.contexts).toHaveLength(1)
    warn.mockRestore()
  })

  it('buffers events tracked before validation finished', async () => {
    const { widget, touchloop } = setup()
    touchloop.track('checkout_completed')
    expect(widget.contexts).toHaveLength(0)
    await until(() => widget.contexts.length === 1)
  })

  it('createTouchloop() with unusable options reports and returns an inert instance', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const touchloop = createTouchloop(null as unknown as TouchloopOptions)
    expect(error).toHaveBeenCalledWith(
      'touchloop: createTouchloop() failed, touchloop is disabled on this page: expected an options object, got null',
      expect.any(TypeError),
    )
    expect(() => touchloop.track('x')).not.toThrow()
    expect(await touchloop.show('x')).toBe(false)
    error.mockRestore()
  })

  it('never throws into the host page, even with hostile input', async () => {
    const { touchloop } = setup({
      beforeShow: () => {
        throw new Error('host bug')
      },
    })
    const errors: string[] = []
    touchloop.on('error', (e) => errors.push(e.message))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() =>
      touchloop.track(undefined as unknown as string, null as unknown as Record<string, unknown>),
    ).not.toThrow()
    expect(() => touchloop.identify(null as unknown as string)).not.toThrow()
    touchloop.on('survey:due', () => {
      throw new Error('listener bug')
    })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    touchloop.track('checkout_completed')
    expect(await touchloop.show('nope')).toBe(false)
    await until(() => errors.some((m) => m.includes('beforeShow')))
    expect(errors).toContain(
      'touchloop: track(name, props): expected the event name as a non-empty string, got undefined',
    )
    expect(errors).toContain('touchloop: identify(id, traits): expected the user id as a non-empty string, got null')
    expect(() => touchloop.destroy()).not.toThrow()
    expect(() => touchloop.track('x')).not.toThrow()
    vi.restoreAllMocks()
  })
})

// Issue 12 item 5: one hostile survey object used to turn off every survey (the validator crashed).
describe('a hostile survey beside a valid one', () => {
  const cyclic: Record<string, unknown> = { question: 'score', op: 'answered' }
  cyclic.not = cyclic
  let deep: unknown = { question: 'score', op: 'answered' }
  for (let i = 0; i < 5000; i++) deep = { not: deep }
  const hostile = (id: string, showIf: unknown) => ({
    ...nps,
    id,
    questions: [nps.questions[0], { id: 'why', type: 'text', text: 'Why?', showIf }],
  })

  it.each([
    ['a cyclic condition', hostile('cyclic', cyclic)],
    ['not nested 5,000 deep', hostile('deep', deep)],
    ['a BigInt', { ...nps, id: 'big', version: 1n }],
    [
      'a Proxy that throws',
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('trap')
          },
        },
      ),
    ],
  ])('%s: reported as config:error, and the valid survey still runs', async (_, input) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const issues: string[] = []
    const { touchloop, widget } = setupTouchloop({ surveys: [input, nps] })
    touchloop.on('config:error', (issue) => issues.push(issue.path))
    touchloop.track('checkout_completed')
    await until(() => widget.contexts.length === 1)
    expect(widget.contexts[0]!.survey.id).toBe('post-checkout-nps')
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(/^surveys\[0\]/)
    warn.mockRestore()
    touchloop.destroy()
  })
})
