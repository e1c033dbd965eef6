// The page-signal listeners as a lazily imported chunk (see createLazyPageSignals).
import type { Unsubscribe } from '../env'
import type { PageSignals } from './page'

/**
 * Page signals loaded on first use: pages whose surveys use no click, exit-intent, scroll or dwell
 * touchpoint never download this module. Listeners attach as soon as it has loaded.
 */
export function createLazyPageSignals(
  load: () => Promise<PageSignals>,
  onError: (error: unknown) => void,
): PageSignals {
  let loaded: Promise<PageSignals> | undefined
  const defer =
    <A extends unknown[]>(pick: (signals: PageSignals) => (...args: A) => Unsubscribe) =>
    (...args: A): Unsubscribe => {
      let off: Unsubscribe | undefined
      let cancelled = false
      loaded ??= load()
      loaded.then((signals) => {
        if (!cancelled) off = pick(signals)(...args)
      }, onError)
      return () => {
        cancelled = true
        off?.()
      }
    }
  return {
    onClick: defer((signals) => signals.onClick),
    onExitIntent: defer((signals) => signals.onExitIntent),
    onScrollDepth: defer((signals) => signals.onScrollDepth),
    onDwell: defer((signals) => signals.onDwell),
  }
}
