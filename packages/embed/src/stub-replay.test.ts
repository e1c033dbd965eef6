// The stub and boot together: what a caller gets back from the stub before touchloop.js has loaded
// (promises, unsubscribe functions) settles with the real instance's results once boot replays the call.
import type { Touchloop } from '@touchloop/core'
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { type ApiMethod, bootTouchloop } from './boot'
import { type ASYNC_METHODS, installTouchloopStub, STUB_SNIPPET } from './stub'

type Method = (...args: unknown[]) => unknown
/** window.touchloop as the page sees it, stub or real API. */
type PageApi = Method &
  Record<'track' | 'identify' | 'setConsent' | 'reset' | 'destroy', Method> & {
    show: (...args: unknown[]) => Promise<unknown>
    flush: () => Promise<unknown>
    on: (...args: unknown[]) => () => void
    q?: unknown[]
  }
const global = () => (window as unknown as { touchloop: PageApi }).touchloop

const installers = {
  'the inline snippet': () => new Function('window', STUB_SNIPPET)(window),
  installTouchloopStub: () => installTouchloopStub(window),
}

/** A Touchloop whose results the tests choose; `handlers` holds live on() subscriptions. */
function fakeInstance(overrides: Partial<Record<keyof Touchloop, (...args: unknown[]) => unknown>> = {}) {
  const calls: unknown[][] = []
  const handlers = new Set<unknown>()
  const instance: Record<string, (...args: unknown[]) => unknown> = {
    track: () => undefined,
    identify: () => undefined,
    show: (id) => Promise.resolve(id === 'post-checkout-nps'),
    on: (_event, callback) => {
      handlers.add(callback)
      return () => handlers.delete(callback)
    },
    flush: () => Promise.resolve(),
    setConsent: () => undefined,
    reset: () => undefined,
    destroy: () => undefined,
    ...overrides,
  }
  for (const [name, method] of Object.entries(instance)) {
    instance[name] = (...args: unknown[]) => {
      calls.push([name, ...args])
      return method(...args)
    }
  }
  return { calls, handlers, create: (() => instance as unknown as Touchloop) as never }
}

function boot(create: never, data: Record<string, string> = { collector: 'https://c.example' }) {
  const script = document.createElement('script')
  script.src = 'https://cdn.example/tl/touchloop.js'
  Object.assign(script.dataset, data)
  return bootTouchloop({ win: window, script, create })
}

afterEach(() => {
  vi.restoreAllMocks()
  Reflect.deleteProperty(window, 'touchloop')
})

describe.each(Object.entries(installers))('calls made through %s before boot', (_name, install) => {
  it('show() and flush() return promises that settle with the real results after replay', async () => {
    install()
    const shown = global().show('post-checkout-nps')
    const unknown = global()('show', 'nope')
    const flushed = global().flush()
    const track = global().track('checkout_completed')
    expect(shown).toBeInstanceOf(Promise)
    expect(flushed).toBeInstanceOf(Promise)
    expect(track).toBeUndefined()
    let settled = false
    void flushed.then(() => {
      settled = true
    })
    await Promise.resolve()
    expect(settled).toBe(false) // nothing settles before the SDK has run the call

    const fake = fakeInstance()
    boot(fake.create)
    await expect(shown).resolves.toBe(true)
    await expect(unknown).resolves.toBe(false)
    await expect(flushed).resolves.toBeUndefined()
    expect(fake.calls.map(([method]) => method)).toEqual(['show', 'show', 'flush', 'track'])
  })

  it('keeps replay order and settles each promise when its own call has run', async () => {
    install()
    const order: string[] = []
    global().identify('u1')
    void global()
      .flush()
      .then(() => order.push('first flush'))
    global().track('checkout_completed')
    void global()
      .flush()
      .then(() => order.push('second flush'))
    let releaseFirst = () => {}
    let flushes = 0
    const fake = fakeInstance({
      flush: () =>
        ++flushes === 1
          ? new Promise<void>((resolve) => {
              releaseFirst = resolve
            })
          : Promise.resolve(),
    })
    boot(fake.create)
    expect(fake.calls.map(([method]) => method)).toEqual(['identify', 'flush', 'track', 'flush'])
    await vi.waitFor(() => expect(order).toEqual(['second flush']))
    releaseFirst()
    await vi.waitFor(() => expect(order).toEqual(['second flush', 'first flush']))
  })

  it("on() returns an unsubscribe that works before boot (no subscription) and after it (the real one's)", () => {
    install()
    const early = () => {}
    const late = () => {}
    const unsubscribeEarly = global().on('survey:shown', early)
    const unsubscribeLate = global()('on', 'survey:completed', late) as () => void
    expect(typeof unsubscribeEarly).toBe('function')
    unsubscribeEarly()

    const fake = fakeInstance()
    boot(fake.create)
    expect([...fake.handlers]).toEqual([late])
    expect(fake.calls.filter(([method]) => method === 'on')).toHaveLength(1)
    unsubscribeLate()
    expect(fake.handlers.size).toBe(0)
    expect(() => unsubscribeEarly()).not.toThrow()
  })

  it('a stub method kept from before boot still reaches the instance after boot, with its result', async () => {
    install()
    const { show, track, on } = global()
    const fake = fakeInstance()
    const api = boot(fake.create)
    expect(global()).toBe(api)
    track('later')
    await expect(show('post-checkout-nps')).resolves.toBe(true)
    const unsubscribe = on('error', () => {})
    expect(fake.handlers.size).toBe(1)
    unsubscribe()
    expect(fake.handlers.size).toBe(0)
    expect(fake.calls.map(([method]) => method)).toEqual(['track', 'show', 'on'])
  })

  it('never rejects into the page: a failing show/flush settles like a declined one and is reported', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    install()
    const shown = global().show('post-checkout-nps')
    const flushed = global().flush()
    // Ignored by the caller on purpose: Vitest fails the run on an unhandled rejection.
    global().flush()
    boot(
      fakeInstance({
        show: () => {
          throw new Error('boom')
        },
        flush: () => Promise.reject(new Error('disk full')),
      }).create,
    )
    await expect(shown).resolves.toBe(false)
    await expect(flushed).resolves.toBeUndefined()
    await expect(global().flush()).resolves.toBeUndefined()
    expect(error.mock.calls.map((call) => String(call[0]))).toEqual(
      expect.arrayContaining([expect.stringMatching(/show\(\) failed/), expect.stringMatching(/flush\(\) failed/)]),
    )
  })

  it('settles as declined when the SDK cannot start, before and after that', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    install()
    const shown = global().show('post-checkout-nps')
    const flushed = global().flush()
    const letters = global()('deadLetters')
    const retried = global()('retryDeadLetters')
    expect(boot(fakeInstance().create, {})).toBeUndefined() // no collector
    await expect(shown).resolves.toBe(false)
    await expect(flushed).resolves.toBeUndefined()
    await expect(letters).resolves.toEqual([])
    await expect(retried).resolves.toBe(0)
    await expect(global().show('post-checkout-nps')).resolves.toBe(false)
    expect(global().q).toHaveLength(0)
  })

  it('is a no-op when included twice: one queue, nothing lost', async () => {
    install()
    global().track('a')
    const first = global()
    new Function('window', STUB_SNIPPET)(window)
    installTouchloopStub(window)
    expect(global()).toBe(first)
    const flushed = global().flush()
    const fake = fakeInstance()
    boot(fake.create)
    await expect(flushed).resolves.toBeUndefined()
    expect(fake.calls.map(([method]) => method)).toEqual(['track', 'flush'])
  })
})

describe('ASYNC_METHODS', () => {
  it('names exactly the methods of window.touchloop that return a promise (checked by tsc)', () => {
    type Async = { [M in ApiMethod]: ReturnType<Touchloop[M]> extends Promise<unknown> ? M : never }[ApiMethod]
    // A new async method on the API must be added to ASYNC_METHODS and to the snippet.
    expectTypeOf<(typeof ASYNC_METHODS)[number]>().toEqualTypeOf<Async>()
  })
})

describe('the stub included after touchloop.js has booted', () => {
  it('leaves the real API in place, so calls go straight to the instance', async () => {
    const fake = fakeInstance()
    const api = boot(fake.create)
    for (const install of Object.values(installers)) install()
    expect(global()).toBe(api)
    await expect(global().show('post-checkout-nps')).resolves.toBe(true)
    expect(fake.calls).toEqual([['show', 'post-checkout-nps']])
  })
})
