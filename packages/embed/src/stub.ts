// The inline snippet a page pastes before `<script async src=".../touchloop.js">`: it defines
// `window.touchloop` as a call queue, so `touchloop.track(...)` (or `touchloop('track', ...)`)
// works before the script has arrived; touchloop.js replays the queue in order and replaces it.
// STUB_SNIPPET is the minified text pages inline (docs/embed.md); installTouchloopStub is the same
// logic as a function, for bundlers and tests.
//
// A queued call is an array [method, ...args] that carries what the caller was handed back:
// - `r`: the resolve function of the promise that show()/flush() returned; boot resolves it with the
//   real method's promise, so it settles exactly like the real one (which never rejects);
// - `x` / `u`: on()'s unsubscribe sets `x` (boot then skips the subscription) and calls `u`, the real
//   unsubscribe, which boot stores on the call once it has subscribed.
// Each call's return value is made before the call is pushed, so boot may swap `q.push` for a
// function that runs calls right away (a stub method someone kept a reference to still works).
//
// When touchloop.js never runs (blocked by an extension or a CSP, a 404), nothing would settle those
// promises. touchloop.js marks the stub (`l`) as soon as it runs, and an async script delays the
// window's load event; so at `load`, an unmarked stub means touchloop.js did not run: every queued
// promise is settled with its method's "nothing done" result (show() false, flush() undefined, …)
// and later calls are settled at once. Synchronous calls stay queued in case touchloop.js is added
// later (a consent manager). boot.js failing to load is the loader's to settle (index.ts).

/** The methods of the real API that the stub queues. */
export const STUB_METHODS = [
  'init',
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
export type StubMethod = (typeof STUB_METHODS)[number]

/** The methods whose real counterparts return a promise: through the stub they return one too. */
export const ASYNC_METHODS = [
  'show',
  'start',
  'flush',
  'deadLetters',
  'retryDeadLetters',
  'discardDeadLetters',
] as const

/** One queued call: the method name, then its arguments, plus what links it to its caller. */
export type QueuedCall = [method: string, ...args: unknown[]] & {
  /** Resolves the promise the stub returned (show, flush). */
  r?: (value: unknown) => void
  /** Set when on()'s unsubscribe ran before boot: the subscription is skipped. */
  x?: 1
  /** The real unsubscribe, set by boot after it replayed an on() call. */
  u?: () => void
}

export interface TouchloopStub {
  (method: string, ...args: unknown[]): unknown
  /** The queue touchloop.js replays. */
  q: QueuedCall[]
  /** Set by touchloop.js as soon as it runs (see above). */
  l?: 1
}

/** What pages inline (keep it in sync with installTouchloopStub; a unit test runs both). */
export const STUB_SNIPPET =
  '!function(w,n){if(!w[n]){var q=[],d,D=function(a){var m=a[0];a.r(m=="show"?!1:m=="deadLetters"?[]:/Dead/.test(m)?0:void 0)},t=w[n]=function(m){var a=[].slice.call(arguments),p=m=="on"?function(){a.x=1;a.u&&a.u()}:/^(s(how|tart)|flush|(d|retryD|discardD)eadLetters)$/.test(m)?new Promise(function(r){a.r=r}):void 0;d&&a.r&&w[n]==t?D(a):q.push(a);return p};t.q=q;w.addEventListener("load",function(){if(w[n]==t&&!t.l){d=1;for(var i=q.length;i--;)q[i].r&&D(q.splice(i,1)[0])}});"init track identify show start on flush deadLetters retryDeadLetters discardDeadLetters setConsent reset destroy".split(" ").forEach(function(m){t[m]=t.bind(0,m)})}}(window,"touchloop");'

/**
 * What an async call settles with when touchloop.js never ran. Equal to decline.ts's `declined()` (a
 * unit test checks): not imported from there, because boot.js and this entry would then share a chunk
 * that every page load fetches.
 */
export function givenUpResult(method: unknown): unknown {
  if (method === 'show') return false
  if (method === 'deadLetters') return []
  return method === 'retryDeadLetters' || method === 'discardDeadLetters' ? 0 : undefined
}

export function installTouchloopStub(target: object = window): void {
  const win = target as { touchloop?: unknown; addEventListener?: Window['addEventListener'] }
  if (win.touchloop) return
  const q: QueuedCall[] = []
  let gaveUp = false
  const settle = (call: QueuedCall) => call.r?.(givenUpResult(call[0]))
  const stub = ((...args: unknown[]) => {
    const call = args as QueuedCall
    const method = call[0]
    let handedBack: unknown
    if (method === 'on') {
      handedBack = () => {
        call.x = 1
        call.u?.()
      }
    } else if ((ASYNC_METHODS as readonly unknown[]).includes(method)) {
      handedBack = new Promise((resolve) => {
        call.r = resolve
      })
    }
    if (gaveUp && call.r && win.touchloop === stub) settle(call)
    else q.push(call)
    return handedBack
  }) as TouchloopStub & Record<string, unknown>
  stub.q = q
  for (const method of STUB_METHODS) {
    stub[method] = (...args: unknown[]) => stub(method, ...args)
  }
  win.addEventListener?.('load', () => {
    if (win.touchloop !== stub || stub.l) return
    gaveUp = true
    for (let index = q.length; index--; ) if (q[index]!.r) settle(q.splice(index, 1)[0]!)
  })
  win.touchloop = stub
}
