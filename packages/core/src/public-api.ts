// The Touchloop object the app holds (page-load stage): argument checks, then each call goes where it
// belongs, in call order: the matcher (track), the state stage (identify, reset, setConsent), the
// survey requests (show, start), the delivery stage (flush, dead letters). Nothing throws into the page.
import type { ShowOptions, StartOptions, SurveySession, Touchloop, Traits } from './api'
import type { Context } from './context'
import type { createDeliveryStage } from './delivery/stage'
import type { SurveyRequest } from './state/decide'
import type { StateStage } from './state/stage'
import type { createSurveySources } from './survey-sources'

export interface PublicApiOptions {
  context: Context
  /** Settles once the surveys are known and the matcher started. */
  ready: Promise<void>
  /** Runs `action` once ready, after everything the page called before. */
  whenReady(action: () => void): void
  isDestroyed(): boolean
  /** A valid track() call, once ready. */
  track(name: string, props: Record<string, unknown>): void
  /** show() / start(), decided by the state stage. */
  request(request: SurveyRequest): void
  state: StateStage
  delivery: ReturnType<typeof createDeliveryStage>
  sources: ReturnType<typeof createSurveySources>
  /** Stops every stage (called once). */
  destroy(): void
}

export function createPublicApi(deps: PublicApiOptions): Touchloop {
  const { context, whenReady, isDestroyed, state, delivery, sources } = deps
  const { options, emitter, warn, reportError, guard } = context

  return {
    track: guard(
      'track',
      (name: string, props?: Record<string, unknown>) => {
        if (isDestroyed()) return
        if (typeof name !== 'string' || name === '') {
          warn(`touchloop: track(name, props): expected the event name as a non-empty string, got ${typeof name}`)
          return
        }
        const safeProps = props && typeof props === 'object' ? props : {}
        whenReady(guard('track', () => deps.track(name, safeProps), undefined))
      },
      undefined,
    ),
    identify: guard(
      'identify',
      (id: string, traits?: Traits) => {
        if (isDestroyed()) return
        if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
          warn(
            `touchloop: identify(id, traits): expected the user id as a non-empty string, got ${id === null ? 'null' : typeof id}`,
          )
          return
        }
        const userId = String(id)
        // Ordered with track(): an identify() before a track() is applied before it is decided.
        whenReady(() => state.identify(userId, traits))
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
        deps.request({ ...showOptions, method: 'show', surveyId, settle: resolve })
      })
    },
    start(surveyId: string, startOptions: StartOptions = {}) {
      return new Promise<SurveySession | undefined>((resolve) => {
        const { touchpoint, force } = startOptions ?? {}
        deps.request({
          method: 'start',
          surveyId,
          touchpoint,
          force,
          headless: resolve,
          settle: (shown) => {
            if (!shown) resolve(undefined)
          },
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
        await deps.ready
        await Promise.all([delivery.flush(), state.flush(), sources.flush()])
      } catch (error) {
        reportError('flush', error)
      }
    },
    ...delivery.deadLetterMethods(),
    setConsent: guard(
      'setConsent',
      (granted: boolean) => {
        state.setConsent(granted)
        if (granted) delivery.consentGranted()
        sources.setPersist(granted)
      },
      undefined,
    ),
    reset: guard('reset', () => whenReady(() => state.use((core) => core.reset())), undefined),
    destroy: guard(
      'destroy',
      () => {
        if (isDestroyed()) return
        deps.destroy()
        emitter.clear()
      },
      undefined,
    ),
  }
}
