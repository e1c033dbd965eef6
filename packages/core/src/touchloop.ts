// createTouchloop(): the short entry that wires the stages (docs/core.md, "Stages"):
// - page load (this file, public-api.ts, triggers/, state/session-tick.ts, survey-sources.ts,
//   delivery/hint.ts): the public API with buffering, the touchpoint matcher, the session record;
// - state (state/stage.ts → state/index.ts, lazy): IndexedDB state, fatigue, targeting, sampling,
//   occurrence counts; loaded when a touchpoint matches or a method needs it;
// - survey (survey/stage.ts → survey/presenter.ts, lazy): the due queue, the widget;
// - delivery (delivery/stage.ts → delivery/index.ts, lazy): the queue and the transports.
// Every public method catches: nothing throws into the host page.
import type { Touchloop, TouchloopOptions } from './api'
import { createContext } from './context'
import { createDeliveryStage } from './delivery/stage'
import { createWhenIdle } from './idle'
import type { Survey } from './model'
import { createPublicApi } from './public-api'
import { browserLanguages, createInertTouchloop, PREVIEW_PARAM, previewSurveyId } from './public-input'
import type { Decisions } from './state/decide'
import { createStateStage } from './state/stage'
import { createSurveyStage } from './survey/stage'
import { createSurveySources } from './survey-sources'
import { createTriggerEngine } from './triggers/engine'
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
  let isReady = false

  // Before the state stage: its load awaits the surveys checked (the guard chunk, in parallel with its own).
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
  const state = createStateStage({
    env,
    options,
    languages: browserLanguages,
    warn,
    reportError,
    surveysChecked: sources.checked,
  })
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

  // What the state stage's decisions (state/decide.ts) need from this instance.
  const decisions: Decisions = {
    surveys: () => surveys,
    isDestroyed: () => destroyed,
    isActive: surveyStage.isActive,
    present: surveyStage.present,
    emit,
    widget: Boolean(options.widget),
    log,
    warn,
    reportError,
  }

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
    onFire: (fire) => {
      const deciding = !state.current()
      state.use((core) => core.considerFire(fire, decisions))
      // A first match: the survey's code is fetched while the state stage loads to decide (survey/stage.ts).
      if (deciding) surveyStage.prefetch()
    },
    warn: (message) => warn(message),
    explain: options.debug ? (...args) => state.inOrder(() => log(...args)) : undefined,
  })

  // Init: the surveys (code surveys checked, remote config read) and this visit counted; then the
  // matcher starts and whatever the page did meanwhile is replayed in order.
  const buffered: (() => void)[] = []
  const whenReady = (action: () => void) => {
    if (isReady) action()
    else buffered.push(action)
  }
  const applySurveys = () => {
    surveys = sources.merged()
    engine.setSurveys([...surveys.values()])
  }
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

  const api = createPublicApi({
    context,
    ready,
    whenReady,
    isDestroyed: () => destroyed,
    track(name, props) {
      state.session.touch()
      engine.track(name, props)
    },
    request(request) {
      if (destroyed) return request.settle(false)
      whenReady(() => {
        const deciding = !state.current()
        state.use(
          (core) => core.request(request, decisions),
          () => request.settle(false),
        )
        if (deciding && request.method === 'show') surveyStage.prefetch()
      })
    },
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
