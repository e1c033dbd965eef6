// createTouchloop(): the short entry that wires the stages (docs/core.md, "Stages"):
// - page load (this file, public-api.ts, triggers/, state/session-tick.ts, survey-sources.ts,
//   delivery/hint.ts): the public API with buffering, the touchpoint matcher, the session record;
// - state (state/stage.ts → state/index.ts, lazy): IndexedDB state, fatigue, targeting, sampling,
//   occurrence counts; loaded when a touchpoint matches or a method needs it;
// - survey (survey/stage.ts → survey/presenter.ts, lazy): the due queue, the widget;
// - delivery (delivery/stage.ts → delivery/index.ts, lazy): the queue and the transports.
// Every public method catches: nothing throws into the host page.
import type { ShowOptions, SurveySession, Touchloop, TouchloopOptions } from './api'
import { createContext } from './context'
import { createDeliveryStage } from './delivery/stage'
import { createWhenIdle } from './idle'
import type { Survey } from './model'
import { createPublicApi } from './public-api'
import { browserLanguages, createInertTouchloop, PREVIEW_PARAM, previewSurveyId } from './public-input'
import { createStateStage } from './state/stage'
import { createSurveyStage } from './survey/stage'
import { createSurveySources } from './survey-sources'
import { createTriggerEngine, type TouchpointFire } from './triggers/engine'
import { createLazyPageSignals } from './triggers/page-lazy'

export { PREVIEW_PARAM }

/**
 * Creates the SDK instance. Never throws: an init that fails (e.g. `options` is not an object) is
 * reported on the console and returns an instance whose methods do nothing.
 */
export function createTouchloop(options: TouchloopOptions = {}): Touchloop {
  try {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`)
    }
    return create(options)
  } catch (error) {
    console.error(
      `touchloop: createTouchloop() failed, touchloop is disabled on this page: ${(error as Error)?.message}`,
      error,
    )
    return createInertTouchloop()
  }
}

function create(options: TouchloopOptions): Touchloop {
  const context = createContext(options)
  const { env, emit, log, warn, reportError, guard } = context
  const whenIdle = createWhenIdle(env)
  let destroyed = false
  let surveys = new Map<string, Survey>()

  const state = createStateStage({ env, options, languages: browserLanguages, warn, reportError })
  const delivery = createDeliveryStage({ options, env, emit, whenIdle, reportError })
  const surveyStage = createSurveyStage({
    env,
    emit,
    options,
    enqueue: (record) => delivery.enqueue(record),
    state: state.load,
    languages: browserLanguages,
    requires: delivery.loadCode,
    isDestroyed: () => destroyed,
    log,
    warn,
    reportError,
  })

  /** A touchpoint fired: the gate (state stage) decides, the survey stage shows. */
  const considerFire = ({ survey, touchpoint, name }: TouchpointFire) =>
    state.use((core) => {
      if (destroyed) return
      if (surveyStage.isActive(survey.id)) {
        return log(`${survey.id} not shown (${name}): it is already on screen or waiting its turn`)
      }
      const reason = core.blockReason(survey, { name, cap: touchpoint.cap })
      if (reason) return log(`${survey.id} not shown (${name}): ${reason}`)
      emit('survey:due', { survey, touchpoint: name })
      // Headless: the app renders it itself, through start().
      log(`${survey.id} due (${name})${options.widget ? '' : ': headless, waiting for start()'}`)
      if (options.widget) surveyStage.present({ survey, touchpoint: name })
    })

  const engine = createTriggerEngine({
    env,
    signals: createLazyPageSignals(
      () =>
        import('./triggers/page').then(({ createPageSignals }) =>
          createPageSignals(
            env,
            typeof document === 'undefined' ? undefined : document,
            typeof window === 'undefined' ? undefined : window,
          ),
        ),
      (error) => reportError('loading the page touchpoints', error),
    ),
    counts: () => state.session.get() ?? { visits: 0, sessions: 0 },
    countOccurrence: (key, counted) => state.use((core) => counted(core.countOccurrence(key))),
    onFire: considerFire,
    warn: (message) => warn(message),
    explain: options.debug ? (...args) => state.inOrder(() => log(...args)) : undefined,
  })

  // Init: the surveys (code surveys checked, remote config read) and this visit counted; then the
  // matcher starts and whatever the page did meanwhile is replayed in order.
  const buffered: (() => void)[] = []
  let isReady = false
  const whenReady = (action: () => void) => {
    if (isReady) action()
    else buffered.push(action)
  }
  const applySurveys = () => {
    surveys = sources.merged()
    engine.setSurveys([...surveys.values()])
  }
  const sources = createSurveySources({
    options,
    env,
    emit,
    warn,
    reportError,
    onUpdate: () => {
      if (isReady) applySurveys()
    },
  })
  const offs: (() => void)[] = []
  const ready = Promise.all([sources.ready, state.session.ready]).then(() => {
    if (destroyed) return
    applySurveys()
    log(`ready with ${surveys.size} survey(s): ${[...surveys.keys()].join(', ') || 'none'}`)
    isReady = true
    engine.start()
    offs.push(
      env.onNavigate(
        guard(
          'navigation',
          (url: string) => {
            state.session.touch()
            engine.navigate(url)
          },
          undefined,
        ),
      ),
    )
    // A survey left open on an earlier page is shown again (the session record says so, synchronously).
    if (state.session.get()?.open) state.use((core) => core.open() && surveyStage.resume(surveys))
    const previewId = previewSurveyId(env.url())
    if (previewId) void api.show(previewId, { preview: true, touchpoint: 'preview' })
    for (const action of buffered.splice(0)) action()
  })

  /** show() and start(): the same checks (state stage), then the survey stage's queue. */
  function request(
    method: 'show' | 'start',
    surveyId: string,
    requestOptions: ShowOptions & { headless?: (session: SurveySession) => void },
    settle: (shown: boolean) => void,
  ) {
    if (destroyed) return settle(false)
    whenReady(() =>
      state.use(
        (core) => {
          try {
            const survey = surveys.get(surveyId)
            if (!survey) {
              warn(
                `touchloop: ${method}("${surveyId}"): no such survey (known: ${[...surveys.keys()].join(', ') || 'none'})`,
              )
              return settle(false)
            }
            if (requestOptions.signal?.aborted) return settle(false)
            if (!requestOptions.force && !requestOptions.preview) {
              const reason = core.blockReason(survey)
              if (reason) {
                log(`${method}("${surveyId}") blocked: ${reason} (pass { force: true } to bypass)`)
                return settle(false)
              }
            }
            surveyStage.present({
              survey,
              touchpoint: requestOptions.touchpoint ?? 'manual',
              force: requestOptions.force,
              preview: requestOptions.preview,
              container: requestOptions.container,
              signal: requestOptions.signal,
              headless: requestOptions.headless,
              settle,
            })
          } catch (error) {
            reportError(method, error)
            settle(false)
          }
        },
        () => settle(false),
      ),
    )
  }

  const api = createPublicApi({
    context,
    ready,
    whenReady,
    isDestroyed: () => destroyed,
    track(name, props) {
      state.session.touch()
      engine.track(name, props)
    },
    request,
    state,
    delivery,
    sources,
    destroy() {
      destroyed = true
      engine.destroy()
      surveyStage.destroy()
      for (const off of offs.splice(0)) off()
      sources.destroy()
      delivery.destroy()
    },
  })
  ready.catch((error) => reportError('init', error))
  return api
}
