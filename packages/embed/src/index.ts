// dist/touchloop.js, the classic script of the script tag: remembers its own tag, then import()s
// boot.js (ES modules, so core's lazy chunks stay lazy) from the folder it was itself loaded from.
// The stub keeps queueing calls until boot.js replaces it.
import { declineQueuedCalls } from './decline'

const script = document.currentScript as HTMLScriptElement | null

// Tells the stub that touchloop.js runs: it stops waiting for the load event to give up (stub.ts).
const stub = (window as { touchloop?: unknown }).touchloop as ((() => void) & { q?: unknown; l?: 1 }) | undefined
if (typeof stub === 'function' && Array.isArray(stub.q)) stub.l = 1

// Cannot start: settle what the stub handed out (show() → false, flush() → undefined), so nothing awaits forever.
function giveUp(...message: unknown[]): void {
  console.error(...message)
  const queue = (window as { touchloop?: { q?: unknown } }).touchloop?.q
  if (Array.isArray(queue)) declineQueuedCalls(queue)
}

function start(): void {
  const src = script?.src
  if (!src) {
    giveUp('touchloop: touchloop.js must be loaded by a <script src> tag (its URL locates the other files).')
    return
  }
  import(/* @vite-ignore */ new URL('boot.js', src).href).then(
    (boot: typeof import('./boot')) => boot.bootTouchloop({ win: window, script }),
    (error: unknown) => giveUp(`touchloop: could not load ${new URL('boot.js', src).href}.`, error),
  )
}

start()
