import { describe, expect, it } from 'vitest'
import { declined } from './decline'
import { ASYNC_METHODS, givenUpResult, installTouchloopStub, STUB_METHODS, STUB_SNIPPET } from './stub'

type Stubbed = {
  touchloop: ((...args: unknown[]) => unknown) &
    Record<(typeof STUB_METHODS)[number], (...args: unknown[]) => unknown> & { q: unknown[][] }
}

/** A window stand-in whose load event a test fires. */
function fakeWindow(): Stubbed & { addEventListener(type: string, listener: () => void): void; load(): void } {
  const listeners: Array<() => void> = []
  const win = {
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'load') listeners.push(listener)
    },
    load: () => {
      for (const listener of listeners) listener()
    },
  }
  return win as unknown as ReturnType<typeof fakeWindow>
}

function runSnippet() {
  const win = fakeWindow()
  new Function('window', STUB_SNIPPET)(win)
  return win
}

function viaFunction() {
  const win = fakeWindow()
  installTouchloopStub(win)
  return win
}

describe('the inline stub', () => {
  // 662 bytes: 270 before it handed back promises and on()'s unsubscribe, 424 before it settled its
  // promises when touchloop.js never runs (+226) and knew start() (+12). The limit leaves room for
  // one more method name, no more; docs/embed.md quotes the figure.
  it('stays under 690 bytes', () => {
    expect(new TextEncoder().encode(STUB_SNIPPET).length).toBeLessThan(690)
  })

  // Issue 12 item 8: touchloop.js blocked (an extension, a CSP, a 404) left every promise pending.
  it('settles its promises at window load when touchloop.js never ran, and later calls at once', async () => {
    for (const win of [runSnippet(), viaFunction()]) {
      const results = ASYNC_METHODS.map((method) => win.touchloop[method]())
      win.touchloop.track('kept')
      win.load()
      expect(await Promise.all(results)).toEqual(ASYNC_METHODS.map((method) => givenUpResult(method)))
      await expect(win.touchloop.show('later')).resolves.toBe(false)
      await expect(win.touchloop('deadLetters')).resolves.toEqual([])
      // Synchronous calls stay queued, in case touchloop.js is added later.
      expect(win.touchloop.q).toEqual([['track', 'kept']])
    }
  })

  it('keeps waiting at window load when touchloop.js ran (boot.js still loading)', () => {
    for (const win of [runSnippet(), viaFunction()]) {
      const shown = win.touchloop.show('x')
      ;(win.touchloop as unknown as { l: number }).l = 1
      win.load()
      expect(win.touchloop.q).toHaveLength(1)
      expect(shown).toBeInstanceOf(Promise)
    }
  })

  it('gives up with the same results as boot does (decline.ts)', async () => {
    for (const method of ASYNC_METHODS) expect(givenUpResult(method)).toEqual(await declined(method))
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
