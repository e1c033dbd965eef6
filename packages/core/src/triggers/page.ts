// Page-level touchpoints: click on a selector, exit intent, scroll depth, dwell time. Each listener is
// attached only while some survey needs it, passive, and cheap (no layout reads until a scroll).
import type { Environment, Unsubscribe } from '../env'

export interface PageSignals {
  onClick(selector: string, callback: () => void, warn: (message: string) => void): Unsubscribe
  onExitIntent(callback: () => void): Unsubscribe
  onScrollDepth(percent: number, callback: () => void): Unsubscribe
  onDwell(seconds: number, callback: () => void): Unsubscribe
}

function listen(
  target: EventTarget,
  type: string,
  handler: (event: Event) => void,
  options?: AddEventListenerOptions,
): Unsubscribe {
  target.addEventListener(type, handler, options)
  return () => target.removeEventListener(type, handler, options)
}

export function scrollPercent(doc: Document, win: Window): number {
  const root = doc.documentElement
  const scrollable = Math.max(root.scrollHeight, doc.body?.scrollHeight ?? 0)
  if (scrollable <= win.innerHeight) return 100
  return Math.min(100, ((win.scrollY + win.innerHeight) / scrollable) * 100)
}

export function createPageSignals(env: Environment, doc: Document | undefined, win: Window | undefined): PageSignals {
  const none: Unsubscribe = () => {}
  return {
    onClick(selector, callback, warn) {
      if (!doc) return none
      let warned = false
      return listen(
        doc,
        'click',
        (event) => {
          const target = event.target as Element | null
          if (!target || typeof target.closest !== 'function') return
          try {
            if (target.closest(selector)) callback()
          } catch {
            if (!warned) warn(`touchloop: click touchpoint selector "${selector}" is not a valid CSS selector`)
            warned = true
          }
        },
        { capture: true, passive: true },
      )
    },
    onExitIntent(callback) {
      if (!doc) return none
      // Desktop only: the pointer leaving through the top edge (towards the tabs / address bar).
      // Touch devices have no such gesture, so it never fires there.
      return listen(doc, 'mouseout', (event) => {
        const mouse = event as MouseEvent
        if (!mouse.relatedTarget && mouse.clientY <= 0) callback()
      })
    },
    onScrollDepth(percent, callback) {
      if (!doc || !win) return none
      let scheduled = false
      return listen(
        win,
        'scroll',
        () => {
          // Layout is read at most once per frame, after the scroll, not in the event itself.
          if (scheduled) return
          scheduled = true
          const measure = () => {
            scheduled = false
            if (scrollPercent(doc, win) >= percent) callback()
          }
          if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(measure)
          else measure()
        },
        { passive: true },
      )
    },
    onDwell(seconds, callback) {
      // Visible time only: the timer pauses while the tab is hidden.
      let remaining = seconds * 1000
      let startedAt = env.now()
      let handle: unknown
      const arm = () => {
        startedAt = env.now()
        handle = env.setTimeout(callback, remaining)
      }
      if (env.isVisible()) arm()
      const offVisibility = env.onVisibilityChange((visible) => {
        if (visible && handle === undefined) arm()
        else if (!visible && handle !== undefined) {
          env.clearTimeout(handle)
          handle = undefined
          remaining = Math.max(0, remaining - (env.now() - startedAt))
        }
      })
      return () => {
        offVisibility()
        if (handle !== undefined) env.clearTimeout(handle)
      }
    },
  }
}
