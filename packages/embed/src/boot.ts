// Turns the stub's queue into a live instance: config, createTouchloop + http transport, replay of
// the queued calls in order, then the real API on window.touchloop. Kept apart from index.ts (the
// IIFE entry) so it can be tested without a script tag.
import { createTouchloop, type Touchloop, TouchloopConfigError, type WidgetModule } from '@touchloop/core'
import { createLazyHttpTransport } from '@touchloop/transports/http-lazy'
import { configFromAttributes, type EmbedConfig, endpointOf, isPlainObject } from './config'
import { declined, declineQueuedCalls } from './decline'
import type { QueuedCall } from './stub'

/**
 * The methods window.touchloop exposes after boot (the Touchloop instance's, by name). The stub keeps
 * its own list (STUB_METHODS, plus 'init'): importing it from stub.ts would make the bundler split a
 * shared chunk that every page load then fetches. boot.test.ts keeps the two lists equal.
 */
export const API_METHODS = [
  'track',
  'identify',
  'show',
  'start',
  'on',
  'flush',
  'deadLetters',
  'retryDeadLetters',
  'discardDeadLetters',
  'setConsent',
  'reset',
  'destroy',
] as const
export type ApiMethod = (typeof API_METHODS)[number]

export type GlobalApi = ((method: string, ...args: unknown[]) => unknown) &
  Pick<Touchloop, ApiMethod> & {
    init(config: EmbedConfig): void
    /** The instance, for debugging. */
    instance?: Touchloop
  }

export interface BootOptions {
  win: Window
  /** The touchloop.js <script> element (document.currentScript), for data-* and its own URL. */
  script: HTMLScriptElement | null
  /** The widget module's URL (the loader passes its content-hashed file); `widgetUrl` in the config wins. */
  widgetUrl?: string
  /** Loads the widget module from a URL (the real one is a native `import()`). */
  importWidget?: (url: string) => Promise<WidgetModule>
  /** Overrides for tests (e.g. a fetch for the transport). */
  create?: typeof createTouchloop
}

const report = (message: string, error?: unknown) => {
  // The SDK never throws into the host page: config mistakes end up in the console.
  console.error(message, ...(error === undefined ? [] : [error]))
}

// A native dynamic import of a runtime URL. Bundlers must leave it alone (hence the comment).
const nativeImport = (url: string) => import(/* @vite-ignore */ url) as Promise<WidgetModule>

export function bootTouchloop(options: BootOptions): GlobalApi | undefined {
  const { script } = options
  const win = options.win as Window & { touchloop?: unknown }
  const existing = win.touchloop as { q?: unknown } | undefined
  if (existing && typeof existing === 'function' && 'instance' in existing) return existing as unknown as GlobalApi
  const queue: QueuedCall[] = Array.isArray(existing?.q) ? (existing.q as QueuedCall[]) : []

  let config: EmbedConfig = configFromAttributes(script)
  for (const [method, arg] of queue) {
    if (method === 'init' && isPlainObject(arg)) config = { ...config, ...(arg as EmbedConfig) }
  }

  const scriptUrl = script?.src || win.location.href
  let instance: Touchloop
  try {
    const { collector: _c, endpoint: _e, simple, widgetUrl, writeKey, ...touchloopOptions } = config
    const url = endpointOf(config, win.location.href)
    const widgetModuleUrl = new URL(widgetUrl ?? options.widgetUrl ?? 'widget.js', scriptUrl).href
    const importWidget = options.importWidget ?? nativeImport
    instance = (options.create ?? createTouchloop)({
      ...touchloopOptions,
      transports: [createLazyHttpTransport({ url, simple, writeKey })],
      widget: () => importWidget(widgetModuleUrl),
    })
  } catch (error) {
    report(error instanceof TouchloopConfigError ? error.message : 'touchloop: could not start.', error)
    // The stub stays, but nothing waits on it forever: show() → false, flush() → undefined.
    declineQueuedCalls(queue)
    return undefined
  }

  let booted = false
  const call = (method: string, args: unknown[]): unknown => {
    if (method === 'init') {
      report('touchloop: init() only counts before touchloop.js has loaded (in the snippet); this call was ignored.')
      return undefined
    }
    if (!(API_METHODS as readonly string[]).includes(method)) {
      report(`touchloop: unknown method "${method}". Available: ${API_METHODS.join(', ')}.`)
      return undefined
    }
    const failed = (error: unknown) => {
      report(`touchloop: ${method}() failed.`, error)
      return declined(method)
    }
    try {
      const result = (instance[method as ApiMethod] as (...a: unknown[]) => unknown)(...args)
      // Core's promises never reject; should one ever, the host page gets no unhandled rejection.
      return result instanceof Promise ? result.catch(failed) : result
    } catch (error) {
      return failed(error)
    }
  }

  // One queued call: run it and hand its result to the caller that queued it.
  const replay = (queued: QueuedCall) => {
    const [method, ...args] = queued
    if (method === 'init' && !booted) return
    if (queued.x) return // on() unsubscribed before boot
    const result = call(method, args)
    if (method === 'on' && typeof result === 'function') queued.u = result as () => void
    queued.r?.(result)
  }

  const api = ((method: string, ...args: unknown[]) => call(method, args)) as GlobalApi
  for (const method of API_METHODS) {
    ;(api as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => call(method, args)
  }
  api.init = () => call('init', [])
  api.instance = instance
  win.touchloop = api

  // In order; a call queued while replaying (by a stub method the page kept) goes to the end.
  for (let next = queue.shift(); next; next = queue.shift()) replay(next)
  // From now on such a kept stub method reaches the instance directly.
  booted = true
  queue.push = (...calls: QueuedCall[]) => {
    for (const queued of calls) replay(queued)
    return 0
  }
  return api
}
