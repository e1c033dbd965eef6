// The survey stage as createTouchloop() sees it, on the page-load path: the presenter (due queue,
// response revisions, survey flow, display locale) is a lazily imported chunk, loaded when a survey is
// due or a previous one resumes, with the delivery stage's code (the survey's 'shown' revision is queued
// at once) and the state stage (its store and gate), and fetched alongside the widget.
// Round trips: everything a survey on screen needs (presenter, the guard it checks the body with, the
// delivery stage's code, the widget) is imported at once, not one after another; prefetch() starts
// that on a touchpoint match while the state stage still loads, so the decision and the survey's code
// arrive together (a match whose survey is then not due has fetched immutable, cached files for nothing).
import type { TouchloopOptions } from '../api'
import type { Emit } from '../delivery/types'
import type { Environment } from '../env'
import { createLazyStage } from '../lazy-stage'
import type { ResponseRecord, Survey } from '../model'
import type { StateCore } from '../state/index'
import type { DueItem } from './due-queue'
import type { Presenter } from './presenter'

export interface SurveyStageOptions {
  env: Environment
  /** The state stage (store, gate), loaded before a survey can be due; rejects when it cannot load. */
  state(): Promise<StateCore>
  emit: Emit
  options: TouchloopOptions
  enqueue(record: ResponseRecord): Promise<void>
  languages(): readonly string[]
  /** Code the presenter needs besides its own chunk (the delivery stage's), loaded alongside it. */
  requires(): Promise<void>
  isDestroyed(): boolean
  log(...args: unknown[]): void
  warn(message: string, error?: unknown): void
  reportError(where: string, error: unknown): void
}

export function createSurveyStage(stage: SurveyStageOptions) {
  const { options } = stage
  // The presenter's chunk imports the guard's: named here too, so both are fetched at once. The
  // presenter's load joins a prefetch in flight; a failed load is tried again by the next one.
  // (Only the guard's export the presenter uses is named, so the guard's other exports can be tree-shaken.)
  let code: Promise<[typeof import('./presenter'), unknown, unknown]> | undefined
  const loadCode = () =>
    (code ??= Promise.all([
      import('./presenter'),
      import('../schema/guard').then(({ checkSurveyBodyOnce }) => checkSurveyBodyOnce),
      stage.requires(),
    ]).catch((error) => {
      code = undefined
      throw error
    }))
  // Errors are reported by the load that needs the code (the presenter's, the widget's own retry).
  const prefetch = (widget: boolean) => {
    if (presenter.current()) return
    loadCode().catch(() => {})
    if (widget) options.widget?.().catch(() => {})
  }
  const presenter = createLazyStage<Presenter>(
    () => Promise.all([loadCode(), stage.state()]).then(([[module], state]) => module.presenterFor(stage, state)),
    'survey presenter',
    stage.reportError,
  )
  const withPresenter = (action: (loaded: Presenter) => void, failed?: () => void) =>
    presenter.use((loaded) => {
      if (!stage.isDestroyed()) action(loaded)
    }, failed)

  return {
    /** A touchpoint matched (or show() was called) before the state stage decided: fetch the survey's code meanwhile. */
    prefetch: () => prefetch(true),
    // show() and start() settle (false) when the stage cannot load: nothing waits on them forever.
    present: (item: DueItem) => {
      prefetch(!item.headless)
      withPresenter(
        (loaded) => loaded.request(item),
        () => item.settle?.(false),
      )
    },
    resume: (surveys: ReadonlyMap<string, Survey>) => {
      prefetch(true)
      withPresenter((loaded) => loaded.resume(surveys))
    },
    isActive: (surveyId: string) => presenter.current()?.isActive(surveyId) ?? false,
    destroy: () => presenter.current()?.destroy(),
  }
}
