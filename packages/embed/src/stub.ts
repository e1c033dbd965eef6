// The inline snippet a page pastes before `<script async src=".../touchloop.js">`: it defines
// `window.touchloop` as a call queue, so `touchloop.track(...)` (or `touchloop('track', ...)`)
// works before the script has arrived; touchloop.js replays the queue in order and replaces it.
// STUB_SNIPPET is the minified text pages inline (docs/embed.md); installTouchloopStub is the same
// logic as a function, for bundlers and tests.

/** The methods of the real API that the stub queues. */
export const STUB_METHODS = [
  'init',
  'track',
  'identify',
  'show',
  'on',
  'flush',
  'setConsent',
  'reset',
  'destroy',
] as const
export type StubMethod = (typeof STUB_METHODS)[number]

/** One queued call: the method name, then its arguments. */
export type QueuedCall = [method: string, ...args: unknown[]]

export interface TouchloopStub {
  (method: string, ...args: unknown[]): void
  /** The queue touchloop.js replays. */
  q: QueuedCall[]
}

/** What pages inline (keep it in sync with installTouchloopStub; a unit test runs both). */
export const STUB_SNIPPET =
  '!function(w,n){if(!w[n]){var q=[],t=w[n]=function(){q.push([].slice.call(arguments))};t.q=q;"init track identify show on flush setConsent reset destroy".split(" ").forEach(function(m){t[m]=function(){q.push([m].concat([].slice.call(arguments)))}})}}(window,"touchloop");'

export function installTouchloopStub(target: object = window): void {
  const win = target as { touchloop?: unknown }
  if (win.touchloop) return
  const q: QueuedCall[] = []
  const stub = ((...args: unknown[]) => {
    q.push(args as QueuedCall)
  }) as TouchloopStub & Record<string, unknown>
  stub.q = q
  for (const method of STUB_METHODS) {
    stub[method] = (...args: unknown[]) => {
      q.push([method, ...args])
    }
  }
  win.touchloop = stub
}
