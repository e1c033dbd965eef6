// Puts due surveys on screen one at a time: the priority queue, the last-moment checks (fatigue
// again, beforeShow), the lazy widget import, and the widget's callbacks turned into revisions.
import type { TouchloopEvents, TouchloopOptions } from '../api'
import type { Emit } from '../delivery/types'
import type { Environment } from '../env'
import { recordShown, surveyHistory } from '../fatigue/history'
import type { ResponseRecord, Survey } from '../model'
import { checkSurveyBodyOnce } from '../schema/guard'
import type { StateCore } from '../state/index'
import { withTabLock } from '../state/lock'
import type { StateStore } from '../state/store'
import type { OpenResponse } from '../state/types'
import type { AnswerEvent, WidgetHandle, WidgetModule } from '../widget-contract'
import { createDueQueue, type DueItem } from './due-queue'
import { surveyKit } from './kit'
import { createResponseSession } from './response'
import { chooseLocale, surveyLocales } from './text'

// Locale choice for display lives in this lazy chunk; the page-load path only needs the user's locale.
export { chooseLocale, surveyLocales }

/** A half-answered response is resumed on the next page load for this long. */
export const RESUME_WINDOW_MS = 24 * 60 * 60 * 1000

export interface PresenterOptions {
  env: Environment
  store: StateStore
  emit: Emit
  options: Pick<TouchloopOptions, 'widget' | 'theme' | 'beforeShow' | 'storageKey'>
  enqueue(record: ResponseRecord): Promise<void>
  /** Targeting + fatigue, re-checked when a queued survey gets its turn. */
  blockReason(survey: Survey, touchpoint: string): string | undefined
  locale(survey: Survey): string
  log(message: string): void
  warn(message: string): void
  reportError(where: string, error: unknown): void
}

export interface Presenter {
  /** Queues a due survey; shows it when nothing else is on screen. */
  request(item: DueItem): void
  isActive(surveyId: string): boolean
  /** Shows the open (half-answered) response of the last page again, if still relevant. */
  resume(surveys: ReadonlyMap<string, Survey>): void
  destroy(): void
}

/** What createTouchloop()'s survey stage (survey/stage.ts) hands over; the rest comes from the state stage. */
export type PresenterWiring = Omit<PresenterOptions, 'store' | 'blockReason' | 'locale' | 'options'> & {
  options: PresenterOptions['options'] & Pick<TouchloopOptions, 'locale'>
  languages(): readonly string[]
}

/**
 * The survey stage's presenter, wired to the state stage's store and gate. Built here, in the lazy
 * chunk, so that page load carries none of this wiring.
 */
export function presenterFor(wiring: PresenterWiring, state: StateCore): Presenter {
  const { store } = state
  return createPresenter({
    ...wiring,
    store,
    blockReason: (survey, touchpoint) => state.blockReason(survey, { name: touchpoint }),
    locale: (survey) =>
      chooseLocale({
        explicit: wiring.options.locale,
        traits: store.get().traits,
        languages: wiring.languages(),
        available: surveyLocales(survey),
        fallback: survey.defaultLocale,
      }),
  })
}

export function createPresenter(deps: PresenterOptions): Presenter {
  const { env, store, emit } = deps
  const queue = createDueQueue()
  let current: { surveyId: string; handle?: WidgetHandle } | undefined
  let widgetModule: Promise<WidgetModule> | undefined
  let destroyed = false

  function loadWidget(): Promise<WidgetModule> {
    const loader = deps.options.widget
    if (!loader) return Promise.reject(new Error('no widget loader: pass options.widget'))
    widgetModule ??= loader().catch((error) => {
      widgetModule = undefined // a failed chunk load may succeed later (e.g. back online)
      throw error
    })
    return widgetModule
  }

  async function vetoed(survey: Survey): Promise<boolean> {
    const beforeShow = deps.options.beforeShow
    if (!beforeShow) return false
    try {
      return (await beforeShow(survey)) === false
    } catch (error) {
      deps.reportError('beforeShow', error)
      return true
    }
  }

  const guarded =
    <A extends unknown[]>(where: string, fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args)
      } catch (error) {
        deps.reportError(where, error)
      }
    }

  function finish(surveyId: string): void {
    if (current?.surveyId === surveyId) current = undefined
    void pump()
  }

  async function present(item: DueItem, resume?: OpenResponse): Promise<boolean> {
    const { survey } = item
    // Page load checked only what matching reads: the rest of the survey is checked before it shows.
    const body = checkSurveyBodyOnce(survey)
    for (const issue of body.issues) {
      console.warn(`touchloop: invalid survey config, ${issue.path}: ${issue.message}`)
      emit('config:error', { ...issue, surveyId: survey.id })
    }
    if (!body.ok) {
      deps.log(`${survey.id} not shown: its definition is invalid (see the config:error issues)`)
      return false
    }
    // Re-checked: while it waited, another survey may have used up the quiet period or session cap.
    const reason = item.force || item.preview || resume ? undefined : deps.blockReason(survey, item.touchpoint)
    if (reason) {
      deps.log(`${survey.id} dropped from the queue: ${reason}`)
      return false
    }
    if (!item.preview && (await vetoed(survey))) {
      deps.log(`${survey.id} vetoed by beforeShow`)
      return false
    }
    // The widget first: a chunk that fails to load must not use up the display (displayLimit 'once').
    // Headless (start()): the app renders it, through a session from a chunk of its own.
    const widget = item.headless ? undefined : await loadWidget()
    const headless = item.headless ? await import('./headless') : undefined
    if (destroyed) return false
    if (!item.preview && !resume) {
      // Decide and count in one step, exclusive across tabs: another tab may have just shown a survey.
      const lastMoment = await withTabLock(`touchloop-display-${deps.options.storageKey ?? 'default'}`, async () => {
        await store.sync()
        const why = item.force ? undefined : deps.blockReason(survey, item.touchpoint)
        if (!why) {
          store.update((state) => recordShown(state, survey.id, item.touchpoint, env.now()))
          await store.flush()
        }
        return why
      })
      if (lastMoment) {
        deps.log(`${survey.id} not shown: ${lastMoment} (another tab)`)
        return false
      }
    }
    const locale = resume?.locale ?? deps.locale(survey)
    const preview = item.preview === true
    const session = createResponseSession(
      survey,
      item.touchpoint,
      locale,
      env,
      {
        // Preview: shown, nothing delivered, nothing counted, nothing kept for resume.
        enqueue: (record) => (preview ? Promise.resolve() : deps.enqueue(record)),
        save: (open) => {
          if (preview) return
          store.update((state) => {
            if (open) state.open = open
            else delete state.open
          })
        },
        identity: () => ({ userId: store.get().userId, anonymousId: store.get().anonymousId }),
      },
      resume,
    )
    const surveyId = survey.id
    const responseId = session.id
    const mark = (field: 'completedAt' | 'dismissedAt') => {
      if (!preview) store.update((state) => (surveyHistory(state, surveyId)[field] = env.now()))
    }
    const shown = () => {
      emit('survey:shown', { surveyId, responseId })
      session.shown().catch((error) => deps.reportError('queueing the shown revision', error))
    }
    const answer = async (answer: AnswerEvent) => {
      await session.answer(answer)
      emit('question:answered', { surveyId, responseId, questionId: answer.questionId, value: answer.value })
    }
    const complete = (endingId?: string) => {
      mark('completedAt')
      const queued = session.complete(endingId)
      const payload: TouchloopEvents['survey:completed'] = { surveyId, responseId }
      if (endingId) payload.endingId = endingId
      emit('survey:completed', payload)
      finish(surveyId)
      return queued
    }
    const dismiss = (reason: string) => {
      mark('dismissedAt')
      const queued = session.dismiss()
      emit('survey:dismissed', { surveyId, responseId, reason })
      finish(surveyId)
      return queued
    }
    deps.log(`${surveyId} shown (${item.touchpoint}), response ${responseId}${preview ? ', preview' : ''}`)
    if (!widget) {
      shown()
      item.headless?.(
        headless!.createSurveySession(survey, responseId, locale, { answer, complete, dismiss }, deps.warn),
      )
      return true
    }
    const handle = widget.renderSurvey({
      survey,
      responseId,
      locale,
      answers: { ...session.open.answers },
      currentQuestionId: session.open.currentQuestionId,
      theme: deps.options.theme,
      container: item.container,
      preview,
      // The widget's flow and text functions: core's own, so the page holds one copy.
      kit: surveyKit,
      onShown: guarded('onShown', shown),
      onAnswer: answer,
      onComplete: guarded('onComplete', (endingId?: string) => {
        complete(endingId).catch((error) => deps.reportError('queueing the completion', error))
      }),
      onDismiss: guarded('onDismiss', (reason: string) => {
        dismiss(reason).catch((error) => deps.reportError('queueing the dismissal', error))
      }),
    })
    if (current?.surveyId === surveyId) current.handle = handle
    // show({ signal }): the app took it back (e.g. its inline container unmounted).
    const takeBack = guarded('signal', () => {
      if (current?.handle !== handle) return
      handle.close()
      dismiss('removed').catch((error) => deps.reportError('queueing the dismissal', error))
    })
    if (item.signal?.aborted) takeBack()
    else item.signal?.addEventListener('abort', takeBack, { once: true })
    return true
  }

  async function pump(): Promise<void> {
    while (!current && !destroyed) {
      const item = queue.take()
      if (!item) return
      current = { surveyId: item.survey.id }
      let shown = false
      try {
        shown = await present(item)
      } catch (error) {
        deps.reportError(`showing survey "${item.survey.id}"`, error)
      }
      item.settle?.(shown)
      if (!shown) current = undefined
    }
  }

  return {
    request(item) {
      if (destroyed || current?.surveyId === item.survey.id) {
        item.settle?.(false)
        return
      }
      queue.push(item)
      // Surveys made due by the same event arrive one by one: let them all queue before choosing.
      queueMicrotask(() => void pump())
    },
    isActive: (surveyId) => current?.surveyId === surveyId || queue.has(surveyId),
    resume(surveys) {
      const open = store.get().open
      if (!open) return
      const survey = surveys.get(open.surveyId)
      const fresh = env.now() - Date.parse(open.createdAt) < RESUME_WINDOW_MS
      const sameVersion = (survey?.version ?? 0) === open.surveyVersion
      if (
        !survey ||
        !fresh ||
        !sameVersion ||
        Object.keys(open.answers).length === 0 ||
        !deps.options.widget ||
        current
      ) {
        store.update((state) => {
          delete state.open
        })
        return
      }
      current = { surveyId: survey.id }
      present({ survey, touchpoint: open.touchpoint }, open)
        .catch((error) => {
          deps.reportError(`resuming survey "${survey.id}"`, error)
          return false
        })
        .then((shown) => {
          if (!shown && current?.surveyId === survey.id) current = undefined
          void pump()
        })
    },
    destroy() {
      destroyed = true
      queue.clear()
      current?.handle?.close()
      current = undefined
    },
  }
}
