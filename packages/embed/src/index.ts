// dist/touchloop.js, the classic script of the script tag: remembers its own tag, adds the SRI hashes
// of this version's modules as an import map (where supported), then import()s the content-hashed
// boot module (ES modules, so core's lazy chunks stay lazy) from the versioned folder next to it.
// The stub keeps queueing calls until boot replaces it. scripts/cdn.ts fills in the constants below.
import { declineQueuedCalls } from './decline'
import { addIntegrityMap, type IntegrityList } from './integrity'

declare const __TOUCHLOOP_BOOT__: string
declare const __TOUCHLOOP_WIDGET__: string
declare const __TOUCHLOOP_INTEGRITY__: IntegrityList

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
  const bootUrl = new URL(__TOUCHLOOP_BOOT__, src).href
  try {
    addIntegrityMap(document, __TOUCHLOOP_INTEGRITY__, bootUrl)
  } catch (error) {
    console.error('touchloop: could not add the integrity import map; loading without it.', error)
  }
  import(/* @vite-ignore */ bootUrl).then(
    (boot: typeof import('./boot')) =>
      boot.bootTouchloop({ win: window, script, widgetUrl: new URL(__TOUCHLOOP_WIDGET__, src).href }),
    (error: unknown) => giveUp(`touchloop: could not load ${bootUrl}.`, error),
  )
}

start()
