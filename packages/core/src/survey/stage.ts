// The survey stage as createTouchloop() sees it, on the page-load path: the presenter (due queue,
// response revisions, survey flow, display locale) is a lazily imported chunk, loaded when a survey is
// due or a previous one resumes, and fetched alongside the widget.
import type { TouchloopOptions } from '../api'
import type { Emit } from '../delivery/types'
import type { Environment } from '../env'
import type { ResponseRecord, Survey } from '../model'
import type { StateStore } from '../state/store'
import type { DueItem } from './due-queue'
import type { Presenter } from './presenter'

export interface SurveyStageOptions {
  env: Environment
  store: StateStore
  emit: Emit
  options: TouchloopOptions
  enqueue(record: ResponseRecord): Promise<void>
  blockReason(survey: Survey, touchpoint: string): string | undefined
  languages(): readonly string[]
  /** Called once the presenter is loaded (the delivery stage prefetches then). */
  onLoad(): void
  isDestroyed(): boolean
  log(...args: unknown[]): void
  warn(message: string, error?: unknown): void
  reportError(where: string, error: unknown): void
}

export function createSurveyStage(stage: SurveyStageOptions) {
  const { env, store, options } = stage
  let presenter: Presenter | undefined
  let loading: Promise<Presenter> | undefined

  function withPresenter(action: (presenter: Presenter) => void): void {
    loading ??= import('./presenter').then(({ createPresenter, chooseLocale, surveyLocales }) => {
      presenter = createPresenter({
        env,
        store,
        emit: stage.emit,
        options,
        enqueue: stage.enqueue,
        blockReason: stage.blockReason,
        locale: (survey) =>
          chooseLocale({
            explicit: options.locale,
            traits: store.get().traits,
            languages: stage.languages(),
            available: surveyLocales(survey),
            fallback: survey.defaultLocale,
          }),
        log: stage.log,
        warn: stage.warn,
        reportError: stage.reportError,
      })
      stage.onLoad()
      return presenter
    })
    loading.then(
      (loaded) => {
        if (!stage.isDestroyed()) action(loaded)
      },
      (error) => {
        loading = undefined // a failed chunk load may succeed later
        stage.reportError('loading the survey presenter', error)
      },
    )
  }

  return {
    present: (item: DueItem) => withPresenter((loaded) => loaded.request(item)),
    resume: (surveys: ReadonlyMap<string, Survey>) => withPresenter((loaded) => loaded.resume(surveys)),
    isActive: (surveyId: string) => presenter?.isActive(surveyId) ?? false,
    destroy: () => presenter?.destroy(),
  }
}
