// The trigger engine: turns code events, page views, clicks, exit intent, scroll, dwell and visit
// counts into "touchpoint fired" for a survey, after URL rules, property conditions, nth occurrence
// and the optional delay (cancelled by navigation or a cancel event). Deciding whether the survey
// may be shown (targeting, fatigue, priority) is the caller's job.
import type { Environment, Unsubscribe } from '../env'
import type { Survey, Touchpoint } from '../model'
import type { TouchloopState } from '../state/types'
import type { PageSignals } from './page'
import { matchesAll } from './properties'
import { matchesUrl } from './url'

export interface TouchpointFire {
  survey: Survey
  touchpoint: Touchpoint
  /** The touchpoint's reporting name. */
  name: string
}

export interface TriggerEngineOptions {
  env: Environment
  signals: PageSignals
  getState(): TouchloopState
  updateState(mutate: (state: TouchloopState) => void): void
  onFire(fire: TouchpointFire): void
  warn(message: string): void
  /** `debug: true`: why a touchpoint did or did not fire. */
  explain?(message: string): void
}

export interface TriggerEngine {
  /** Replaces the surveys watched (arms page listeners for them). */
  setSurveys(surveys: readonly Survey[]): void
  /** First page view and visit counts; call once, after setSurveys. */
  start(): void
  track(name: string, props: Record<string, unknown>): void
  /** A navigation to `url` happened (SPA). */
  navigate(url: string): void
  destroy(): void
}

export function touchpointName(touchpoint: Touchpoint): string {
  return touchpoint.name ?? (touchpoint.type === 'event' ? touchpoint.event : touchpoint.type)
}

export function createTriggerEngine(options: TriggerEngineOptions): TriggerEngine {
  const { env, signals } = options
  let surveys: readonly Survey[] = []
  let pageListeners: Unsubscribe[] = []
  const delayed = new Map<string, { handle: unknown; cancelOn: readonly string[] }>()
  let started = false
  const explain = options.explain

  function fire(survey: Survey, touchpoint: Touchpoint): void {
    const name = touchpointName(touchpoint)
    if (!matchesUrl(touchpoint.url, env.url())) {
      explain?.(`${survey.id}: touchpoint "${name}" ignored, the page URL does not match its url rules`)
      return
    }
    if (!touchpoint.delaySeconds) {
      options.onFire({ survey, touchpoint, name })
      return
    }
    if (delayed.has(survey.id)) return
    explain?.(
      `${survey.id}: touchpoint "${name}" fires in ${touchpoint.delaySeconds} s unless the page navigates first`,
    )
    const handle = env.setTimeout(() => {
      delayed.delete(survey.id)
      options.onFire({ survey, touchpoint, name })
    }, touchpoint.delaySeconds * 1000)
    delayed.set(survey.id, { handle, cancelOn: touchpoint.cancelOn ?? [] })
  }

  function cancelDelays(predicate: (cancelOn: readonly string[]) => boolean): void {
    for (const [surveyId, pending] of delayed) {
      if (!predicate(pending.cancelOn)) continue
      explain?.(`${surveyId}: delayed touchpoint cancelled`)
      env.clearTimeout(pending.handle)
      delayed.delete(surveyId)
    }
  }

  function each(
    type: Touchpoint['type'],
    visit: (survey: Survey, touchpoint: Touchpoint, index: number) => void,
  ): void {
    for (const survey of surveys) {
      survey.touchpoints.forEach((touchpoint, index) => {
        if (touchpoint.type === type) visit(survey, touchpoint, index)
      })
    }
  }

  function armPage(): void {
    for (const off of pageListeners) off()
    pageListeners = []
    const once = (survey: Survey, touchpoint: Touchpoint) => {
      let done = false
      return () => {
        if (done) return
        done = true
        fire(survey, touchpoint)
      }
    }
    each('click', (survey, touchpoint) => {
      if (touchpoint.type !== 'click') return
      pageListeners.push(signals.onClick(touchpoint.selector, () => fire(survey, touchpoint), options.warn))
    })
    each('exitIntent', (survey, touchpoint) => pageListeners.push(signals.onExitIntent(once(survey, touchpoint))))
    each('scroll', (survey, touchpoint) => {
      if (touchpoint.type !== 'scroll') return
      pageListeners.push(signals.onScrollDepth(touchpoint.percent, once(survey, touchpoint)))
    })
    each('dwell', (survey, touchpoint) => {
      if (touchpoint.type !== 'dwell') return
      pageListeners.push(signals.onDwell(touchpoint.seconds, once(survey, touchpoint)))
    })
  }

  function pageView(): void {
    each('pageview', fire)
  }

  /** What fires once per page load: page views and visit/session counts. */
  function loadTouchpoints(list: readonly Survey[]): void {
    const state = options.getState()
    for (const survey of list) {
      for (const touchpoint of survey.touchpoints) {
        if (touchpoint.type === 'pageview') fire(survey, touchpoint)
        if (
          touchpoint.type === 'visits' &&
          (touchpoint.per === 'session' ? state.sessions : state.visits) >= touchpoint.count
        ) {
          fire(survey, touchpoint)
        }
      }
    }
  }

  return {
    setSurveys(next) {
      const known = new Set(surveys.map((survey) => survey.id))
      surveys = next
      if (!started) return
      armPage()
      // Surveys that arrived after start (a revalidated remote config) get this page's view and visit counts too.
      const added = next.filter((survey) => !known.has(survey.id))
      if (added.length) loadTouchpoints(added)
    },
    start() {
      if (started) return
      started = true
      armPage()
      loadTouchpoints(surveys)
    },
    track(name, props) {
      cancelDelays((cancelOn) => cancelOn.includes(name))
      let listened = false
      each('event', (survey, touchpoint, index) => {
        if (touchpoint.type !== 'event' || touchpoint.event !== name) return
        listened = true
        if (!matchesAll(touchpoint.where, props)) {
          explain?.(`${survey.id}: track("${name}") ignored, its properties do not match the touchpoint's where`)
          return
        }
        if (touchpoint.nth !== undefined) {
          const key = `${survey.id}#${index}`
          let count = 0
          options.updateState((state) => {
            count = (state.occurrences[key] ?? 0) + 1
            state.occurrences[key] = count
          })
          // "The 3rd time" and every time after (fatigue decides whether it is shown again).
          if (count < touchpoint.nth) {
            explain?.(
              `${survey.id}: track("${name}") is occurrence ${count}, the touchpoint waits for ${touchpoint.nth}`,
            )
            return
          }
        }
        fire(survey, touchpoint)
      })
      if (!listened) explain?.(`track("${name}"): no survey has an event touchpoint for it`)
    },
    navigate() {
      cancelDelays(() => true)
      if (!started) return
      armPage()
      pageView()
    },
    destroy() {
      cancelDelays(() => true)
      for (const off of pageListeners) off()
      pageListeners = []
      surveys = []
    },
  }
}
