import { describe, expect, it } from 'vitest'
import { installTouchloopStub, STUB_METHODS, STUB_SNIPPET } from './stub'

type Stubbed = {
  touchloop: ((...args: unknown[]) => void) &
    Record<(typeof STUB_METHODS)[number], (...args: unknown[]) => void> & { q: unknown[][] }
}

function runSnippet(): Stubbed {
  const win = {} as Stubbed
  new Function('window', STUB_SNIPPET)(win)
  return win
}

describe('the inline stub', () => {
  it('stays under 400 bytes', () => {
    expect(new TextEncoder().encode(STUB_SNIPPET).length).toBeLessThan(400)
  })

  it('queues method calls and direct calls in order, in both the snippet and the function', () => {
    const fromFunction = {} as Stubbed
    installTouchloopStub(fromFunction)
    for (const win of [runSnippet(), fromFunction]) {
      win.touchloop('init', { collector: 'https://c.example' })
      win.touchloop.track('checkout_completed', { orderValue: 120 })
      win.touchloop.identify('u1')
      expect(win.touchloop.q).toEqual([
        ['init', { collector: 'https://c.example' }],
        ['track', 'checkout_completed', { orderValue: 120 }],
        ['identify', 'u1'],
      ])
      for (const method of STUB_METHODS) expect(typeof win.touchloop[method]).toBe('function')
    }
  })

  it('leaves an existing touchloop alone (the snippet pasted twice, or after the script)', () => {
    const existing = { already: true }
    const win = { touchloop: existing } as unknown as Stubbed
    new Function('window', STUB_SNIPPET)(win)
    installTouchloopStub(win)
    expect(win.touchloop).toBe(existing)
  })
})
