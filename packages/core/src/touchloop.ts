// createTouchloop(): wires the trigger engine, targeting, fatigue, state, the due queue, the lazily
// loaded widget and the delivery queue. Every public method catches: nothing throws into the host page.
import type {
  ShowOptions,
  StartOptions,
  SurveySession,
  Touchloop,
  TouchloopEvents,
  TouchloopOptions,
  Traits,
} from './api'
import { createDeliveryStage } from './delivery/stage'
import { createEmitter } from './emitter'
import { createBrowserEnvironment, type Environment } from './env'
import { createWhenIdle } from './idle'
import type { Survey } from './model'
import { browserLanguages, cleanTraits, createInertTouchloop, PREVIEW_PARAM, previewSurveyId } from './public-input'
import { createStateStore, touchSession } from './state/store'
import { createSurveyStage } from './survey/stage'
import { createSurveySources } from './survey-sources'
import { createGate } from './targeting/gate'
import { createTriggerEngine, type TouchpointFire } from './triggers/engine'
import { watchNavigation } from './triggers/navigation'
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
  const env: Environment = {
    ...createBrowserEnvironment(),
    onNavigate: (callback) => watchNavigation(callback),
    ...options.env,
  }
  const emitter = createEmitter<TouchloopEvents>()
  const emit = emitter.emit
  const log = (...args: unknown[]) => {
    if (options.debug) console.debug('[touchloop]', ...args)
  }
  const warn = (message: string, error?: unknown) => {
    console.warn(message, ...(error === undefined ? [] : [error]))
    emit('error', { message, error })
  }
  const reportError = (where: string, error: unknown) =>
    warn(`touchloop: ${where} failed: ${(error as Error)?.message ?? String(error)}`, error)
  const guard =
    <A extends unknown[], R>(where: string, fn: (...args: A) => R, fallback: R) =>
    (...args: A): R => {
      try {
        return fn(...args)
      } catch (error) {
        reportError(where, error)
        return fallback
      }
    }

  const store = createStateStore({
    env,
    persistence: options.persistence,
    storageKey: options.storageKey,
    consent: options.consent,
    warn,
  })
  // The delivery stage (queue + transports) is a lazy chunk: see delivery/stage.ts and docs/delivery.md.
  const delivery = createDeliveryStage({ options, env, emit, whenIdle: createWhenIdle(env), reportError })

  let destroyed = false
  let surveys = new Map<string, Survey>()
  const offs: (() => void)[] = []

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
    getState: store.get,
    updateState: store.update,
    onFire: (fire) => considerFire(fire),
    warn: (message) => warn(message),
    explain: options.debug ? log : undefined,
  })

  function applySurveys(): void {
    surveys = sources.merged()
    engine.setSurveys([...surveys.values()])
  }

  const blockReason = createGate({ env, getState: store.get, options, languages: browserLanguages })

  // The survey stage (presenter) is a lazy chunk, loaded once a survey is due: see survey/stage.ts.
  const surveyStage = createSurveyStage({
    env,
    store,
    emit,
    options,
    enqueue: (record) => delivery.enqueue(record),
    blockReason: (survey, touchpoint) => blockReason(survey, { name: touchpoint }),
    languages: browserLanguages,
    requires: delivery.loadCode,
    isDestroyed: () => destroyed,
    log,
    warn,
    reportError,
  })
  const present = surveyStage.present

  function considerFire({ survey, touchpoint, name }: TouchpointFire): void {
    if (destroyed) return
    if (surveyStage.isActive(survey.id)) {
      log(`${survey.id} not shown (${name}): it is already on screen or waiting its turn`)
      return
    }
    const reason = blockReason(survey, { name, cap: touchpoint.cap })
    if (reason) {
      log(`${survey.id} not shown (${name}): ${reason}`)
      return
    }
    emit('survey:due', { survey, touchpoint: name })
    // Headless: the app renders it itself, through start().
    log(`${survey.id} due (${name})${options.widget ? '' : ': headless, waiting for start()'}`)
    if (options.widget) present({ survey, touchpoint: name })
  }

  // Init: validate code surveys in a lazily imported chunk (zod stays off the page-load path), or
  // reuse the verdict stored by an earlier load of the same surveys; load state, then replay
  // whatever the page did meanwhile.
  const buffered: (() => void)[] = []
  let isReady = false
  const whenReady = (action: () => void) => {
    if (isReady) action()
    else buffered.push(action)
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

  const ready = Promise.all([sources.ready, store.ready]).then(() => {
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
            store.update((state) => touchSession(state, env))
            engine.navigate(url)
          },
          undefined,
        ),
      ),
    )
    if (store.get().open) surveyStage.resume(surveys)
    const previewId = previewSurveyId(env.url())
    if (previewId) void api.show(previewId, { preview: true, touchpoint: 'preview' })
    for (const action of buffered.splice(0)) action()
  })

  /** show() and start(): the same checks, then the presenter's queue. */
  function request(
    method: 'show' | 'start',
    surveyId: string,
    requestOptions: ShowOptions & { headless?: (session: SurveySession) => void },
    settle: (shown: boolean) => void,
  ): void {
    if (destroyed) {
      settle(false)
      return
    }
    whenReady(() => {
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
          const reason = blockReason(survey)
          if (reason) {
            log(`${method}("${surveyId}") blocked: ${reason} (pass { force: true } to bypass)`)
            return settle(false)
          }
        }
        present({
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
    })
  }

  const api: Touchloop = {
    track: guard(
      'track',
      (name: string, props?: Record<string, unknown>) => {
        if (destroyed) return
        if (typeof name !== 'string' || name === '') {
          warn(`touchloop: track(name, props): expected the event name as a non-empty string, got ${typeof name}`)
          return
        }
        const safeProps = props && typeof props === 'object' ? props : {}
        whenReady(
          guard(
            'track',
            () => {
              store.update((state) => touchSession(state, env))
              engine.track(name, safeProps)
            },
            undefined,
          ),
        )
      },
      undefined,
    ),
    identify: guard(
      'identify',
      (id: string, traits?: Traits) => {
        if (destroyed) return
        if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
          warn(
            `touchloop: identify(id, traits): expected the user id as a non-empty string, got ${id === null ? 'null' : typeof id}`,
          )
          return
        }
        const userId = String(id)
        const clean = cleanTraits(traits, warn)
        // Ordered with track(): an identify() before a track() is applied before it is matched.
        whenReady(() =>
          store.update((state) => {
            if (state.userId && state.userId !== userId) state.traits = {}
            state.userId = userId
            state.traits = { ...state.traits, ...clean }
          }),
        )
      },
      undefined,
    ),
    show(surveyId: string, showOptions: ShowOptions = {}) {
      return new Promise<boolean>((resolve) => {
        if (!options.widget && !showOptions.preview) {
          warn(
            `touchloop: show("${surveyId}"): no widget (headless mode): call touchloop.start("${surveyId}") and render it yourself`,
          )
          return resolve(false)
        }
        request('show', surveyId, showOptions, resolve)
      })
    },
    start(surveyId: string, startOptions: StartOptions = {}) {
      return new Promise<SurveySession | undefined>((resolve) => {
        const { touchpoint, force } = startOptions ?? {}
        request('start', surveyId, { touchpoint, force, headless: resolve }, (shown) => {
          if (!shown) resolve(undefined)
        })
      })
    },
    on(event, callback) {
      try {
        return emitter.on(event, callback)
      } catch (error) {
        reportError('on', error)
        return () => {}
      }
    },
    async flush() {
      try {
        await ready
        await Promise.all([delivery.flush(), store.flush(), sources.flush()])
      } catch (error) {
        reportError('flush', error)
      }
    },
    ...delivery.deadLetterMethods(),
    setConsent: guard(
      'setConsent',
      (granted: boolean) => {
        store.setConsent(granted).catch((error) => reportError('setConsent', error))
        if (granted) delivery.consentGranted()
        sources.setPersist(granted)
      },
      undefined,
    ),
    reset: guard(
      'reset',
      () => {
        whenReady(() => store.resetUser())
      },
      undefined,
    ),
    destroy: guard(
      'destroy',
      () => {
        if (destroyed) return
        destroyed = true
        engine.destroy()
        surveyStage.destroy()
        for (const off of offs.splice(0)) off()
        sources.destroy()
        delivery.destroy()
        emitter.clear()
      },
      undefined,
    ),
  }
  ready.catch((error) => reportError('init', error))
  return api
}
