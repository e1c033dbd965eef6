// The trigger engine: turns code events, page views, clicks, exit intent, scroll, dwell and visit
// counts into "touchpoint fired" for a survey, after URL rules, property conditions, nth occurrence
// and the optional delay (cancelled by navigation or a cancel event). Deciding whether the survey
// may be shown (targeting, fatigue, priority) is the caller's job. It runs at page load, so it never
// needs the state stage to say "no match": occurrence counts are asked for only once a touchpoint
// matched, and a malformed touchpoint is skipped with a warning, never thrown into the page.
import type { Environment, Unsubscribe } from '../env'
import type { Survey, Touchpoint } from '../model'
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
  /** Page loads and sessions so far (this one included), for visit touchpoints. */
  counts(): { visits: number; sessions: number }
  /** Counts one more matching occurrence of an `nth` touchpoint (key `surveyId#index`), then calls back with the count. */
  countOccurrence(key: string, counted: (count: number) => void): void
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
    delayed.set(survey.id, { handle, cancelOn: Array.isArray(touchpoint.cancelOn) ? touchpoint.cancelOn : [] })
  }

  function cancelDelays(predicate: (cancelOn: readonly string[]) => boolean): void {
    for (const [surveyId, pending] of delayed) {
      if (!predicate(pending.cancelOn)) continue
      explain?.(`${surveyId}: delayed touchpoint cancelled`)
      env.clearTimeout(pending.handle)
      delayed.delete(surveyId)
    }
  }

  const reported = new Set<string>()
  function skipped(survey: Survey, index: number, error: unknown): void {
    const where = `${survey.id}#${index}`
    if (reported.has(where)) return
    reported.add(where)
    options.warn(
      `touchloop: survey "${survey.id}": touchpoint ${index} was skipped, it does not fit the survey format (${(error as Error)?.message ?? error})`,
    )
  }

  /** Every touchpoint (of one type), each on its own: one that does not fit is skipped with a warning. */
  function each(
    type: Touchpoint['type'] | undefined,
    visit: (survey: Survey, touchpoint: Touchpoint, index: number) => void,
  ): void {
    for (const survey of surveys) {
      const touchpoints: unknown = survey?.touchpoints
      if (!Array.isArray(touchpoints)) continue
      touchpoints.forEach((touchpoint: Touchpoint, index) => {
        try {
          if (type === undefined || touchpoint.type === type) visit(survey, touchpoint, index)
        } catch (error) {
          skipped(survey, index, error)
        }
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
    const all = surveys
    surveys = list
    try {
      each(undefined, (survey, touchpoint) => {
        if (touchpoint.type === 'pageview') fire(survey, touchpoint)
        if (touchpoint.type !== 'visits') return
        const counts = options.counts()
        if ((touchpoint.per === 'session' ? counts.sessions : counts.visits) >= touchpoint.count)
          fire(survey, touchpoint)
      })
    } finally {
      surveys = all
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
        if (touchpoint.nth === undefined) return fire(survey, touchpoint)
        const nth = touchpoint.nth
        options.countOccurrence(`${survey.id}#${index}`, (count) => {
          // "The 3rd time" and every time after (fatigue decides whether it is shown again).
          try {
            if (count >= nth) fire(survey, touchpoint)
            else explain?.(`${survey.id}: track("${name}") is occurrence ${count}, the touchpoint waits for ${nth}`)
          } catch (error) {
            skipped(survey, index, error)
          }
        })
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
