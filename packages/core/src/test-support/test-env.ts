// A deterministic Environment for unit tests: a manual clock with timers, and switches for
// online, visibility, navigation and pagehide.
import type { Environment } from '../env'

export interface TestEnv extends Environment {
  /** Moves the clock forward, running due timers in order. */
  advance(ms: number): void
  setOnline(online: boolean): void
  setVisible(visible: boolean): void
  navigate(url: string): void
  pageHide(): void
}

export function createTestEnv(start = Date.UTC(2026, 10, 23, 10, 0, 0), url = 'https://shop.test/'): TestEnv {
  let now = start
  let seq = 0
  let online = true
  let visible = true
  let currentUrl = url
  const timers = new Map<number, { at: number; callback: () => void }>()
  const listeners = {
    online: new Set<() => void>(),
    visibility: new Set<(v: boolean) => void>(),
    hide: new Set<() => void>(),
    navigate: new Set<(u: string) => void>(),
  }
  const subscribe = <T>(set: Set<T>, callback: T) => {
    set.add(callback)
    return () => {
      set.delete(callback)
    }
  }
  let seed = 42
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++seq
      timers.set(id, { at: now + Math.max(0, ms), callback })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    random() {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    },
    isOnline: () => online,
    onOnline: (callback) => subscribe(listeners.online, callback),
    isVisible: () => visible,
    onVisibilityChange: (callback) => subscribe(listeners.visibility, callback),
    onPageHide: (callback) => subscribe(listeners.hide, callback),
    url: () => currentUrl,
    onNavigate: (callback) => subscribe(listeners.navigate, callback),
    advance(ms) {
      const end = now + ms
      for (;;) {
        let next: [number, { at: number; callback: () => void }] | undefined
        for (const entry of timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry
        if (!next) break
        timers.delete(next[0])
        now = next[1].at
        next[1].callback()
      }
      now = end
    },
    setOnline(value) {
      online = value
      if (value) for (const callback of [...listeners.online]) callback()
    },
    setVisible(value) {
      visible = value
      for (const callback of [...listeners.visibility]) callback(value)
    },
    navigate(next) {
      currentUrl = next
      for (const callback of [...listeners.navigate]) callback(next)
    },
    pageHide() {
      for (const callback of [...listeners.hide]) callback()
    },
  }
}
