import { describe, expect, it } from 'vitest'
import { declined } from './decline'
import { ASYNC_METHODS, installTouchloopStub, STUB_METHODS, STUB_SNIPPET } from './stub'

type Stubbed = {
  touchloop: ((...args: unknown[]) => unknown) &
    Record<(typeof STUB_METHODS)[number], (...args: unknown[]) => unknown> & { q: unknown[][] }
}

function runSnippet(): Stubbed {
  const win = {} as Stubbed
  new Function('window', STUB_SNIPPET)(win)
  return win
}

function viaFunction(): Stubbed {
  const win = {} as Stubbed
  installTouchloopStub(win)
  return win
}

describe('the inline stub', () => {
  // 424 bytes: 270 before it handed back promises (5 async methods) and on()'s unsubscribe. The
  // limit leaves room for one more method name, no more; docs/embed.md quotes the figure.
  it('stays under 450 bytes', () => {
    expect(new TextEncoder().encode(STUB_SNIPPET).length).toBeLessThan(450)
  })

  it('queues method calls and direct calls in order, in both the snippet and the function', () => {
    for (const win of [runSnippet(), viaFunction()]) {
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

  it('hands back a promise for the async methods, an unsubscribe for on(), nothing for the rest', () => {
    for (const win of [runSnippet(), viaFunction()]) {
      for (const method of STUB_METHODS) {
        const viaMethod = win.touchloop[method]()
        const direct = win.touchloop(method)
        for (const result of [viaMethod, direct]) {
          if ((ASYNC_METHODS as readonly string[]).includes(method)) expect(result, method).toBeInstanceOf(Promise)
          else if (method === 'on') expect(typeof result).toBe('function')
          else expect(result, method).toBeUndefined()
        }
      }
      expect(win.touchloop('no-such-method')).toBeUndefined()
    }
  })

  it('has a fallback result (for when the SDK cannot start) for exactly the async methods', () => {
    for (const method of STUB_METHODS) {
      expect(declined(method) instanceof Promise, method).toBe((ASYNC_METHODS as readonly string[]).includes(method))
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
