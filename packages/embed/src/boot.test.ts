import type { Touchloop, TouchloopOptions } from '@touchloop/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { API_METHODS, bootTouchloop, type GlobalApi } from './boot'
import { installTouchloopStub, STUB_METHODS } from './stub'

type Win = Window & { touchloop?: unknown }

function fakeCreate() {
  const calls: unknown[][] = []
  let options: TouchloopOptions | undefined
  const instance = {} as Record<string, unknown>
  for (const method of ['track', 'identify', 'show', 'on', 'flush', 'setConsent', 'reset', 'destroy']) {
    instance[method] = (...args: unknown[]) => {
      calls.push([method, ...args])
      if (method === 'track' && args[0] === 'explode') throw new Error('boom')
      return method === 'show' ? Promise.resolve(true) : undefined
    }
  }
  const create = (given: TouchloopOptions) => {
    options = given
    return instance as unknown as Touchloop
  }
  return { calls, create: create as never, options: () => options }
}

function scriptTag(src: string, data: Record<string, string> = {}): HTMLScriptElement {
  const script = document.createElement('script')
  script.src = src
  Object.assign(script.dataset, data)
  return script
}

afterEach(() => {
  vi.restoreAllMocks()
  Reflect.deleteProperty(window, 'touchloop')
})

describe('bootTouchloop', () => {
  it('exposes exactly the methods the stub queues (besides init)', () => {
    expect([...STUB_METHODS]).toEqual(['init', ...API_METHODS])
  })

  it('replays the queued calls in order on the instance and replaces the stub', () => {
    installTouchloopStub(window)
    const win = window as unknown as Win & { touchloop: GlobalApi }
    win.touchloop('init', { collector: 'https://c.example', locale: 'de' })
    win.touchloop.identify('u1', { plan: 'pro' })
    win.touchloop('track', 'checkout_completed', { orderValue: 120 })
    const fake = fakeCreate()

    const api = bootTouchloop({
      win: win as Window,
      script: scriptTag('https://cdn.example/tl/touchloop.js'),
      create: fake.create,
    })

    expect(fake.calls).toEqual([
      ['identify', 'u1', { plan: 'pro' }],
      ['track', 'checkout_completed', { orderValue: 120 }],
    ])
    expect(win.touchloop).toBe(api)
    expect(fake.options()?.locale).toBe('de')
    expect(fake.options()?.transports?.[0]?.name).toContain('https://c.example/v1/responses')
    win.touchloop.track('later')
    expect(fake.calls.at(-1)).toEqual(['track', 'later'])
  })

  it('takes the collector from data-collector and loads the widget file the loader names', async () => {
    const fake = fakeCreate()
    const importWidget = vi.fn(async () => ({ renderSurvey: () => ({ close() {} }) }))
    bootTouchloop({
      win: window,
      script: scriptTag('https://cdn.example/tl/touchloop.js', { collector: 'https://c.example' }),
      widgetUrl: 'https://cdn.example/tl/0.1.0/widget-AbCd1234.js',
      create: fake.create,
      importWidget,
    })
    await fake.options()?.widget?.()
    expect(importWidget).toHaveBeenCalledWith('https://cdn.example/tl/0.1.0/widget-AbCd1234.js')
  })

  it('prefers a widgetUrl from the config, resolved against touchloop.js', async () => {
    installTouchloopStub(window)
    ;(window as unknown as { touchloop: GlobalApi }).touchloop('init', { widgetUrl: 'own/widget.js' })
    const fake = fakeCreate()
    const importWidget = vi.fn(async () => ({ renderSurvey: () => ({ close() {} }) }))
    bootTouchloop({
      win: window,
      script: scriptTag('https://cdn.example/tl/touchloop.js', { collector: 'https://c.example' }),
      widgetUrl: 'https://cdn.example/tl/0.1.0/widget-AbCd1234.js',
      create: fake.create,
      importWidget,
    })
    await fake.options()?.widget?.()
    expect(importWidget).toHaveBeenCalledWith('https://cdn.example/tl/own/widget.js')
  })

  it('never throws into the page: a missing collector and a failing method are reported', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(
      bootTouchloop({
        win: window,
        script: scriptTag('https://cdn.example/touchloop.js'),
        create: fakeCreate().create,
      }),
    ).toBeUndefined()
    expect(String(error.mock.calls[0]?.[0])).toMatch(/no collector/)

    const api = bootTouchloop({
      win: window,
      script: scriptTag('https://cdn.example/touchloop.js', { collector: 'https://c.example' }),
      create: fakeCreate().create,
    })!
    expect(() => api.track('explode')).not.toThrow()
    expect(() => api('nonsense')).not.toThrow()
    expect(error.mock.calls.map((call) => String(call[0]))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/track\(\) failed/),
        expect.stringMatching(/unknown method "nonsense"/),
      ]),
    )
  })

  it('returns promises of the instance (show, flush) to callers after boot', async () => {
    const api = bootTouchloop({
      win: window,
      script: scriptTag('https://cdn.example/touchloop.js', { collector: 'https://c.example' }),
      create: fakeCreate().create,
    })!
    await expect(api.show('post-checkout-nps')).resolves.toBe(true)
  })
})
