// Issue 12 item 8: `debug: true` explains every decision, on the console (console.debug).
import { describe, expect, it, vi } from 'vitest'
import type { Survey } from './model'
import { setupTouchloop, until } from './test-support/harness'

const survey: Survey = {
  id: 'post-checkout-nps',
  touchpoints: [
    { type: 'event', event: 'checkout_completed', where: [{ prop: 'orderValue', op: 'gt', value: 50 }] },
    { type: 'event', event: 'third', nth: 3 },
    { type: 'event', event: 'on-admin', url: [{ op: 'startsWith', value: '/admin' }] },
  ],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
}

describe('debug: true', () => {
  it('says why a survey was or was not shown', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const { touchloop, widget } = setupTouchloop({ surveys: [survey], debug: true })
    const lines = () => debug.mock.calls.map((call) => call.slice(1).join(' '))
    touchloop.track('unknown_event')
    touchloop.track('checkout_completed', { orderValue: 10 })
    touchloop.track('third')
    touchloop.track('on-admin')
    touchloop.track('checkout_completed', { orderValue: 120 })
    await until(() => widget.contexts.length === 1)
    widget.contexts[0]!.onShown()
    widget.contexts[0]!.onComplete()
    touchloop.track('checkout_completed', { orderValue: 120 })
    await touchloop.flush()
    expect(lines()).toEqual([
      'ready with 1 survey(s): post-checkout-nps',
      'track("unknown_event"): no survey has an event touchpoint for it',
      `post-checkout-nps: track("checkout_completed") ignored, its properties do not match the touchpoint's where`,
      'post-checkout-nps: track("third") is occurrence 1, the touchpoint waits for 3',
      'post-checkout-nps: touchpoint "on-admin" ignored, the page URL does not match its url rules',
      'post-checkout-nps due (checkout_completed)',
      expect.stringMatching(/^post-checkout-nps shown \(checkout_completed\), response [0-9a-f-]{36}$/),
      'post-checkout-nps not shown (checkout_completed): fatigue: already shown once',
    ])
    debug.mockRestore()
    touchloop.destroy()
  })

  it('is silent without debug', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const { touchloop } = setupTouchloop({ surveys: [survey] })
    touchloop.track('unknown_event')
    await touchloop.flush()
    expect(debug).not.toHaveBeenCalled()
    debug.mockRestore()
    touchloop.destroy()
  })
})
