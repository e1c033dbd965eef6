// Environment hooks, injectable so every rule (time, online, visibility, navigation) is testable
// deterministically. The default reads the real browser and is safe to construct during SSR.

export type Unsubscribe = () => void

export interface Environment {
  /** Milliseconds since the epoch. */
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  random(): number
  /** navigator.onLine: `false` is trusted (pause), `true` is not (a send may still fail). */
  isOnline(): boolean
  onOnline(callback: () => void): Unsubscribe
  isVisible(): boolean
  onVisibilityChange(callback: (visible: boolean) => void): Unsubscribe
  /** pagehide / visibility hidden: the last moment to hand requests to the browser. */
  onPageHide(callback: () => void): Unsubscribe
  /** The current page URL. */
  url(): string
  /** SPA navigations (Navigation API where present, history/popstate/hashchange otherwise). */
  onNavigate(callback: (url: string) => void): Unsubscribe
}

const noop = () => {}

function listen(target: EventTarget | undefined, type: string, callback: () => void): Unsubscribe {
  if (!target) return noop
  target.addEventListener(type, callback)
  return () => target.removeEventListener(type, callback)
}

export function createBrowserEnvironment(): Environment {
  const win = typeof window === 'undefined' ? undefined : window
  const doc = typeof document === 'undefined' ? undefined : document
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: () => Math.random(),
    isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
    onOnline: (callback) => listen(win, 'online', callback),
    isVisible: () => doc?.visibilityState !== 'hidden',
    onVisibilityChange: (callback) =>
      listen(doc, 'visibilitychange', () => callback(doc?.visibilityState !== 'hidden')),
    onPageHide(callback) {
      const offHide = listen(win, 'pagehide', callback)
      const offVisibility = listen(doc, 'visibilitychange', () => {
        if (doc?.visibilityState === 'hidden') callback()
      })
      return () => {
        offHide()
        offVisibility()
      }
    },
    url: () => win?.location.href ?? '',
    onNavigate: (callback) => {
      // The trigger engine owns the full navigation detection (Navigation API + history patching);
      // this default covers popstate/hashchange only.
      const fire = () => callback(win?.location.href ?? '')
      const offPop = listen(win, 'popstate', fire)
      const offHash = listen(win, 'hashchange', fire)
      return () => {
        offPop()
        offHash()
      }
    },
  }
}
