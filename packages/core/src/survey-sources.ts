// Where the surveys come from, on the page-load path: the ones given in code (checked by the structural
// guard, or with `debug: true` by the zod schemas: see code-surveys.ts) and, with `remoteConfig`, the
// remote ones (a lazy chunk, checked the same way). Remote wins on the same id: it can be fixed without
// a deploy.
import type { TouchloopEvents, TouchloopOptions } from './api'
import { checkSurveys } from './code-surveys'
import type { Environment } from './env'
import type { Survey } from './model'
import type { RemoteConfigLoader } from './remote-config/remote'

type ConfigIssue = TouchloopEvents['config:error']

export interface SurveySourcesOptions {
  options: TouchloopOptions
  env: Environment
  emit(event: 'config:error', issue: ConfigIssue): void
  warn(message: string, error?: unknown): void
  reportError(where: string, error: unknown): void
  /** The remote surveys changed after the first load. */
  onUpdate(): void
}

export function createSurveySources({ options, env, emit, warn, reportError, onUpdate }: SurveySourcesOptions) {
  let codeSurveys: Survey[] = []
  let remoteSurveys: Survey[] = []
  const reportIssues = (issues: readonly ConfigIssue[]): void => {
    for (const issue of issues) {
      console.warn(`touchloop: invalid survey config, ${issue.path}: ${issue.message}`)
      emit('config:error', issue)
    }
  }

  const codeInput = options.surveys
  if (codeInput !== undefined && !Array.isArray(codeInput)) {
    reportIssues([{ path: 'surveys', message: `expected an array of surveys, got ${typeof codeInput}` }])
  }
  const check = (inputs: readonly unknown[], prefix?: string) =>
    checkSurveys(inputs, { debug: options.debug, prefix, warn })
  const validation =
    Array.isArray(codeInput) && codeInput.length
      ? check(codeInput).then((verdict) => {
          reportIssues(verdict.issues)
          codeSurveys = verdict.surveys
        })
      : Promise.resolve()
  const remote: Promise<RemoteConfigLoader> | undefined = options.remoteConfig
    ? import('./remote-config/remote').then(({ loadRemoteSurveys }) =>
        loadRemoteSurveys(options.remoteConfig as NonNullable<TouchloopOptions['remoteConfig']>, {
          env,
          storageKey: options.storageKey,
          persist: options.consent !== 'pending' && options.persistence !== 'memory',
          warn,
          // Remote surveys get the whole guard in the remote chunk (remote.ts): a survey that became
          // invalid anywhere keeps its last good copy.
          validate: options.debug ? (list) => check(list, 'remoteConfig.surveys') : undefined,
          onIssues: reportIssues,
          onUpdate: (next) => {
            remoteSurveys = next
            onUpdate()
          },
        }),
      )
    : undefined

  return {
    /** Settles once the code surveys and the first remote load are in (never rejects). */
    ready: Promise.all([
      validation.catch((error) => reportError('checking the surveys', error)),
      remote?.then((loader) => loader.initial).catch((error) => reportError('loading remote surveys', error)),
    ]),
    merged(): Map<string, Survey> {
      const merged = new Map<string, Survey>()
      for (const survey of codeSurveys) merged.set(survey.id, survey)
      for (const survey of remoteSurveys) merged.set(survey.id, survey)
      return merged
    },
    /** Settles once the code surveys are checked (nothing of its own is written any more). */
    flush: () => validation.catch(() => {}),
    setPersist(granted: boolean): void {
      void remote?.then((loader) => loader.setPersist(granted && options.persistence !== 'memory'))
    },
    destroy(): void {
      void remote?.then((loader) => loader.destroy())
    },
  }
}
