// The way from a touchpoint match to a survey on screen: on the first match the survey's code (presenter,
// guard, delivery, widget) is fetched while the state stage loads to decide, not after it; a page where
// nothing matched fetches none of it, and once the state stage is loaded a match is decided first.
import { describe, expect, it } from 'vitest'
import type { Survey } from './model'
import { settle, setupTouchloop, until } from './test-support/harness'

const survey = (extra: Partial<Survey> = {}): Survey => ({
  id: 'nps',
  version: 1,
  touchpoints: [{ type: 'event', event: 'checkout_completed' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
  ...extra,
})

describe('survey code on a touchpoint match', () => {
  it('is not fetched while nothing matches', async () => {
    const { touchloop, widget } = setupTouchloop({ surveys: [survey()] })
    touchloop.track('page_scrolled')
    await touchloop.flush()
    await settle()
    expect(widget.loader).not.toHaveBeenCalled()
    touchloop.destroy()
  })

  it('is fetched on the first match while the state stage decides, and not again for later matches it blocks', async () => {
    // Only pro users: the decision says no, yet the first match fetched the widget meanwhile.
    const proOnly = survey({ audience: { traits: [{ prop: 'plan', op: 'eq', value: 'pro' }] } })
    const { touchloop, widget } = setupTouchloop({ surveys: [proOnly] })
    touchloop.track('checkout_completed')
    await until(() => widget.loader.mock.calls.length === 1, 'the widget fetched')
    await touchloop.flush()
    await settle()
    expect(widget.contexts).toEqual([])
    // The state stage is loaded now: the next match is decided first and fetches nothing.
    touchloop.track('checkout_completed')
    await touchloop.flush()
    await settle()
    expect(widget.loader).toHaveBeenCalledTimes(1)
    expect(widget.contexts).toEqual([])
    touchloop.destroy()
  })

  it('shows the survey of a first match with the code it prefetched', async () => {
    const { touchloop, widget } = setupTouchloop({ surveys: [survey()] })
    touchloop.track('checkout_completed')
    await until(() => widget.contexts.length === 1, 'the survey shown')
    expect(widget.contexts[0]?.survey.id).toBe('nps')
    touchloop.destroy()
  })
})
