// SPA navigation detection without polling. The Navigation API reports every same-document
// navigation where it exists (Chromium); elsewhere we listen to popstate/hashchange and wrap
// history.pushState/replaceState, which fire no event of their own.
import type { Unsubscribe } from '../env'

const LOCATION_CHANGE = 'touchloop:locationchange'

interface NavigationLike extends EventTarget {
  currentEntry?: { url?: string | null } | null
}

function patchHistory(win: Window): void {
  const history = win.history as History & { __touchloopPatched?: boolean }
  if (!history || history.__touchloopPatched) return
  history.__touchloopPatched = true
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method]
    // Wrapped once per page and never unwrapped: another script may have wrapped ours since.
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args)
      win.dispatchEvent(new Event(LOCATION_CHANGE))
      return result
    }
  }
}

/** Calls back with the new URL after every navigation that changes it. */
export function watchNavigation(
  callback: (url: string) => void,
  win: Window | undefined = typeof window === 'undefined' ? undefined : window,
): Unsubscribe {
  if (!win) return () => {}
  let last = win.location.href
  const check = () => {
    const url = win.location.href
    if (url === last) return
    last = url
    callback(url)
  }
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check)
    return () => navigation.removeEventListener('currententrychange', check)
  }
  patchHistory(win)
  const types = ['popstate', 'hashchange', LOCATION_CHANGE]
  for (const type of types) win.addEventListener(type, check)
  return () => {
    for (const type of types) win.removeEventListener(type, check)
  }
}
