// The object useTouchloop() returns: the same methods as a Touchloop instance, callable at any time.
// The instance is only created in the browser, in an effect of <TouchloopProvider>, and children's
// effects run before their parent's: calls made before it exists (or during a server render) are kept
// in order and replayed once it is attached, the way the script tag's stub does.
import type { Touchloop, TouchloopEventName, TouchloopEvents } from '@touchloop/core'

type Method = Exclude<keyof Touchloop, 'on' | 'destroy'>

export interface TouchloopHandle extends Omit<Touchloop, 'destroy'> {
  /** The live instance, once the provider has created it in the browser (undefined on the server). */
  readonly instance: Touchloop | undefined
}

export interface AttachableHandle extends TouchloopHandle {
  attach(instance: Touchloop): void
  detach(): void
}

/** Calls kept before an instance exists; past this many the oldest are dropped (a page that never mounts). */
const MAX_PENDING = 100

interface Listener {
  event: TouchloopEventName
  callback: (payload: never) => void
  off?: () => void
}

export function createTouchloopHandle(): AttachableHandle {
  let instance: Touchloop | undefined
  let pending: { method: Method; args: unknown[]; resolve: (value: unknown) => void; fallback: unknown }[] = []
  const listeners = new Set<Listener>()

  /** `fallback`: what a dropped call resolves with; methods without one return nothing (unless `async`). */
  function call(method: Method, fallback: unknown, async = fallback !== undefined) {
    return (...args: unknown[]): unknown => {
      if (instance) return (instance[method] as (...a: unknown[]) => unknown)(...args)
      const returnsPromise = async
      let resolve: (value: unknown) => void = () => {}
      const result = returnsPromise ? new Promise((r) => (resolve = r)) : undefined
      pending.push({ method, args, resolve, fallback })
      if (pending.length > MAX_PENDING) {
        const dropped = pending.shift()!
        dropped.resolve(dropped.fallback)
      }
      return result
    }
  }

  const subscribe = (listener: Listener, target: Touchloop) => {
    listener.off = target.on(
      listener.event,
      listener.callback as (payload: TouchloopEvents[TouchloopEventName]) => void,
    )
  }

  return {
    get instance() {
      return instance
    },
    track: call('track', undefined) as Touchloop['track'],
    identify: call('identify', undefined) as Touchloop['identify'],
    setConsent: call('setConsent', undefined) as Touchloop['setConsent'],
    reset: call('reset', undefined) as Touchloop['reset'],
    show: call('show', false) as Touchloop['show'],
    start: call('start', undefined, true) as Touchloop['start'],
    flush: call('flush', null) as Touchloop['flush'],
    deadLetters: call('deadLetters', []) as Touchloop['deadLetters'],
    retryDeadLetters: call('retryDeadLetters', 0) as Touchloop['retryDeadLetters'],
    discardDeadLetters: call('discardDeadLetters', 0) as Touchloop['discardDeadLetters'],
    on(event, callback) {
      const listener: Listener = { event, callback: callback as (payload: never) => void }
      listeners.add(listener)
      if (instance) subscribe(listener, instance)
      return () => {
        listeners.delete(listener)
        listener.off?.()
      }
    },
    attach(next) {
      instance = next
      for (const listener of listeners) subscribe(listener, next)
      const replay = pending
      pending = []
      for (const { method, args, resolve } of replay) {
        resolve((next[method] as (...a: unknown[]) => unknown)(...args))
      }
    },
    detach() {
      for (const listener of listeners) listener.off?.()
      instance = undefined
    },
  }
}
