// createTouchloop(): priority queue, show()/force/preview, consent, resume after reload, targeting hooks.
import { describe, expect, it, vi } from 'vitest'
import type { TouchloopOptions } from './api'
import type { Survey } from './model'
import { scriptedWidget, settle, setupTouchloop, until } from './test-support/harness'
import { createTestEnv, type TestEnv } from './test-support/test-env'

const survey = (id: string, extra: Partial<Survey> = {}): Survey => ({
  id,
  version: 1,
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [
    { id: 'score', type: 'nps', text: 'Recommend?' },
    { id: 'why', type: 'text', text: 'Why?' },
  ],
  ...extra,
})

let keyCounter = 0
const setup = (extra: Partial<TouchloopOptions> = {}, env?: TestEnv) =>
  setupTouchloop({ surveys: [survey('a')], ...extra }, env)

describe('several surveys due at once', () => {
  it('shows the highest priority first, never two at once, and the others wait their turn', async () => {
    const { widget, touchloop } = setup({
      surveys: [survey('low', { priority: 1 }), survey('high', { priority: 5 }), survey('mid', { priority: 3 })],
    })
    const due: string[] = []
    touchloop.on('survey:due', ({ survey }) => due.push(survey.id))
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
    await settle()
    expect(due).toEqual(['low', 'high', 'mid'])
    expect(widget.contexts.map((c) => c.survey.id)).toEqual(['high'])
    widget.contexts[0]!.onShown()
    widget.contexts[0]!.onDismiss('close')
    await until(() => widget.contexts.length === 2)
    expect(widget.contexts[1]!.survey.id).toBe('mid')
    widget.contexts[1]!.onShown()
    widget.contexts[1]!.onComplete()
    await until(() => widget.contexts.length === 3)
    expect(widget.contexts[2]!.survey.id).toBe('low')
  })

  it('drops a waiting survey that the quiet period now blocks', async () => {
    const { widget, touchloop } = setup({
      surveys: [survey('first', { priority: 2 }), survey('second')],
      quietPeriodDays: 7,
    })
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
    widget.contexts[0]!.onShown()
    widget.contexts[0]!.onComplete()
    await settle()
    expect(widget.contexts).toHaveLength(1)
  })
})

describe('show()', () => {
  it('respects fatigue unless forced', async () => {
    const { widget, touchloop } = setup()
    expect(await touchloop.show('a')).toBe(true)
    widget.contexts[0]!.onShown()
    widget.contexts[0]!.onDismiss('escape')
    await settle()
    expect(await touchloop.show('a')).toBe(false) // displayLimit 'once'
    expect(await touchloop.show('a', { force: true })).toBe(true)
    expect(widget.contexts).toHaveLength(2)
    expect(widget.contexts[1]!.preview).toBe(false)
  })

  it('preview mode shows the survey, delivers nothing and counts nothing', async () => {
    const { widget, touchloop, records } = setup()
    expect(await touchloop.show('a', { preview: true })).toBe(true)
    const context = widget.contexts[0]!
    expect(context.preview).toBe(true)
    context.onShown()
    await context.onAnswer({ questionId: 'score', value: 3 })
    context.onComplete()
    await touchloop.flush()
    expect(records).toEqual([])
    expect(await touchloop.show('a')).toBe(true) // not counted against displayLimit
  })

  it('opens ?touchloop_preview=<id> in preview mode at load, bypassing targeting', async () => {
    const env = createTestEnv(undefined, 'https://shop.test/?touchloop_preview=a')
    const { widget } = setup({ surveys: [survey('a', { status: 'draft', audience: { identified: true } })] }, env)
    await until(() => widget.contexts.length === 1)
    expect(widget.contexts[0]!.preview).toBe(true)
  })

  it('says which surveys exist when the id is unknown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { touchloop } = setup()
    expect(await touchloop.show('nope')).toBe(false)
    expect(warn).toHaveBeenCalledWith('touchloop: show("nope"): no such survey (known: a)')
    warn.mockRestore()
  })
})

describe('a widget chunk that fails to load', () => {
  it('is reported, does not use up the display, and is retried on the next touchpoint', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const widget = scriptedWidget()
    let fail = true
    const loader = vi.fn(async () => {
      if (fail) throw new Error('Failed to fetch dynamically imported module')
      return widget.loader()
    })
    const { touchloop } = setup({ widget: loader })
    const errors: string[] = []
    touchloop.on('error', ({ message }) => errors.push(message))
    touchloop.track('go')
    await until(() => errors.length === 1)
    expect(errors[0]).toBe('touchloop: showing survey "a" failed: Failed to fetch dynamically imported module')
    fail = false
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
    warn.mockRestore()
  })
})

describe('targeting hooks', () => {
  it('beforeShow can veto asynchronously at the last moment', async () => {
    const seen: string[] = []
    const { widget, touchloop } = setup({
      surveys: [survey('a'), survey('b', { touchpoints: [{ type: 'event', event: 'b' }] })],
      beforeShow: async (s) => {
        seen.push(s.id)
        return s.id !== 'a'
      },
    })
    touchloop.track('go')
    await until(() => seen.length === 1)
    await settle()
    expect(widget.contexts).toHaveLength(0)
    touchloop.track('b')
    await until(() => widget.contexts.length === 1)
    expect(widget.contexts[0]!.survey.id).toBe('b')
  })

  it('identify() traits feed the audience rules; sampling is stable per user', async () => {
    const { widget, touchloop } = setup({
      surveys: [survey('pro', { audience: { identified: true, traits: [{ prop: 'plan', op: 'eq', value: 'pro' }] } })],
    })
    touchloop.track('go')
    await settle()
    expect(widget.contexts).toHaveLength(0)
    touchloop.identify('u1', { plan: 'pro' })
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
  })

  it('audience locales target the user’s locale, not the survey’s fallback translation', async () => {
    const translated = survey('en-only', {
      audience: { locales: ['en'] },
      questions: [{ id: 'q', type: 'nps', text: { en: 'Recommend?', de: 'Empfehlen?' } }],
    })
    const french = setup({ surveys: [translated], locale: 'fr-FR' })
    french.touchloop.track('go')
    await french.touchloop.flush()
    await settle()
    expect(french.widget.contexts).toHaveLength(0)
    const english = setup({ surveys: [translated], locale: 'en-GB' })
    english.touchloop.track('go')
    await until(() => english.widget.contexts.length === 1)
    expect(english.widget.contexts[0]!.locale).toBe('en')
  })

  it('headless without a widget: emits survey:due for the app to render', async () => {
    const due: string[] = []
    const { touchloop } = setup({ widget: undefined })
    touchloop.on('survey:due', ({ survey, touchpoint }) => due.push(`${survey.id}@${touchpoint}`))
    touchloop.track('go')
    await until(() => due.length === 1)
    expect(due).toEqual(['a@go'])
  })

  it('status and schedule: paused or outside its dates is not shown', async () => {
    const env = createTestEnv(Date.UTC(2026, 10, 23))
    const { widget, touchloop } = setup(
      {
        surveys: [
          survey('paused', { status: 'paused' }),
          survey('future', { startsAt: '2026-12-01T00:00:00Z' }),
          survey('live', { startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' }),
        ],
      },
      env,
    )
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
    await settle()
    expect(widget.contexts.map((c) => c.survey.id)).toEqual(['live'])
  })
})

describe('persistence across page loads', () => {
  it('resumes a half-answered response after a reload: same id, answers and next question', async () => {
    const storageKey = `resume-${++keyCounter}`
    const env = createTestEnv()
    const first = setup({ persistence: 'indexeddb', storageKey }, env)
    first.touchloop.track('go')
    await until(() => first.widget.contexts.length === 1)
    const context = first.widget.contexts[0]!
    context.onShown()
    await context.onAnswer({ questionId: 'score', value: 9 })
    await first.touchloop.flush()
    first.touchloop.destroy() // the page goes away mid-survey

    const second = setup({ persistence: 'indexeddb', storageKey }, env)
    await until(() => second.widget.contexts.length === 1)
    const resumed = second.widget.contexts[0]!
    expect(resumed.answers).toEqual({ score: 9 })
    expect(resumed.currentQuestionId).toBe('why')
    expect(resumed.responseId).toBe(context.responseId)
    resumed.onShown()
    await resumed.onAnswer({ questionId: 'why', value: 'fast' })
    resumed.onComplete()
    await second.touchloop.flush()
    const records = [...first.records, ...second.records]
    expect(records.map((r) => `${r.id === context.responseId}:${r.revision}:${r.event}`)).toEqual(
      expect.arrayContaining(['true:0:shown', 'true:1:answered', 'true:2:answered', 'true:3:completed']),
    )
    expect(records.at(-1)?.answers).toEqual({ score: 9, why: 'fast' })

    // And once completed, nothing is resumed (nor shown again: displayLimit 'once').
    second.touchloop.destroy()
    const third = setup({ persistence: 'indexeddb', storageKey }, env)
    third.touchloop.track('go')
    await third.touchloop.flush()
    await settle()
    expect(third.widget.contexts).toHaveLength(0)
  })

  it('with consent pending writes nothing to storage, then persists after setConsent(true)', async () => {
    const storageKey = `consent-${++keyCounter}`
    const { touchloop } = setup({ persistence: 'indexeddb', consent: 'pending', storageKey })
    touchloop.identify('u1')
    await touchloop.flush()
    const names = async () => (await indexedDB.databases()).map((db) => db.name ?? '')
    expect((await names()).filter((name) => name.includes(storageKey))).toEqual([])
    touchloop.setConsent(true)
    await touchloop.flush()
    expect((await names()).filter((name) => name.includes(storageKey)).sort()).toEqual([
      `touchloop-delivery-${storageKey}`,
      `touchloop-state-${storageKey}`,
    ])
  })

  it('after setConsent(true) answers go to the durable queue (IndexedDB)', async () => {
    const storageKey = `consent-queue-${++keyCounter}`
    const { touchloop, widget } = setup({ persistence: 'indexeddb', consent: 'pending', storageKey })
    await touchloop.flush()
    const before = (await indexedDB.databases()).map((db) => db.name ?? '')
    touchloop.setConsent(true)
    touchloop.track('go')
    await until(() => widget.contexts.length === 1)
    widget.contexts[0]!.onShown()
    await widget.contexts[0]!.onAnswer({ questionId: 'score', value: 7 })
    await touchloop.flush()
    const created = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => !before.includes(name))
    expect(created.sort()).toEqual([`touchloop-delivery-${storageKey}`, `touchloop-state-${storageKey}`])
  })

  it('fatigue holds across page loads and the nth count survives reloads', async () => {
    const storageKey = `fatigue-${++keyCounter}`
    const env = createTestEnv()
    const third = survey('third', { touchpoints: [{ type: 'event', event: 'export', nth: 3 }] })
    for (let load = 1; load <= 3; load++) {
      const page = setup({ persistence: 'indexeddb', storageKey, surveys: [third] }, env)
      page.touchloop.track('export')
      await page.touchloop.flush()
      await settle()
      expect(page.widget.contexts).toHaveLength(load === 3 ? 1 : 0)
      page.touchloop.destroy()
    }
  })
})
