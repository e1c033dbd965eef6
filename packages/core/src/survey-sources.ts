// Where the surveys come from: the ones given in code and, with `remoteConfig`, the remote ones (a lazy
// chunk). Remote wins on the same id: it can be fixed without a deploy.
//
// When they are checked: page load does not download the structural guard. Until it runs, the trigger
// matcher alone sees the surveys as given (it reads ids and touchpoints only, and skips a malformed
// touchpoint with a warning: triggers/). The guard runs before anything else reads a survey: `checked()`
// is awaited by the state stage's load, in parallel with its chunk (state/stage.ts), so the first match,
// show() or start() downloads both at once. From then on the lists are the checked copies; a survey that
// fails is reported (console + `config:error` with its path, once) and skipped. Lists that arrive later
// (a revalidated remote config) are checked before they replace the current ones. `debug: true` checks
// code surveys with the zod schemas at page load instead (every issue at once), see code-surveys.ts; a
// remote body not seen before is checked whole by the remote chunk (remote-config/remote.ts).
import type { TouchloopEvents, TouchloopOptions } from './api'
import { checkSurveys } from './code-surveys'
import type { Environment } from './env'
import type { Survey } from './model'
import type { RemoteConfigLoader } from './remote-config/remote'
import { matcherViews } from './schema/unchecked'

type ConfigIssue = TouchloopEvents['config:error']

export interface SurveySourcesOptions {
  options: TouchloopOptions
  env: Environment
  emit(event: 'config:error', issue: ConfigIssue): void
  warn(message: string, error?: unknown): void
  reportError(where: string, error: unknown): void
  /** The surveys changed after the first load (remote update, or checked by the guard). */
  onUpdate(): void
}

/** One source's surveys: `inputs` as given (issue paths index them), `checked` once checked. */
interface SourceList {
  inputs: readonly unknown[]
  prefix: string
  checked?: Survey[]
  checking?: Promise<void>
}

export function createSurveySources({ options, env, emit, warn, reportError, onUpdate }: SurveySourcesOptions) {
  let code: SourceList | undefined
  let remoteList: SourceList | undefined
  /** Set once the state stage loads: from then on no list is used unchecked. */
  let guardRequired = false
  const reportIssues = (issues: readonly ConfigIssue[]): void => {
    for (const issue of issues) {
      console.warn(`touchloop: invalid survey config, ${issue.path}: ${issue.message}`)
      emit('config:error', issue)
    }
  }
  const check = (list: SourceList): Promise<void> =>
    (list.checking ??= checkSurveys(list.inputs, { debug: options.debug, prefix: list.prefix, warn }).then(
      (verdict) => {
        list.checked = verdict.surveys
        reportIssues(verdict.issues)
      },
      (error) => {
        list.checking = undefined // the guard chunk may load next time
        throw error
      },
    ))

  const codeInput = options.surveys
  if (codeInput !== undefined && !Array.isArray(codeInput)) {
    reportIssues([{ path: 'surveys', message: `expected an array of surveys, got ${typeof codeInput}` }])
  }
  if (Array.isArray(codeInput) && codeInput.length) code = { inputs: codeInput, prefix: 'surveys' }
  // debug: the zod schemas at page load, so every issue shows at once.
  const validation = code && options.debug ? check(code) : Promise.resolve()

  let remoteUpdates = 0
  const setRemote = async (inputs: readonly unknown[], checked: boolean): Promise<void> => {
    const update = ++remoteUpdates
    const list: SourceList = {
      inputs,
      prefix: 'remoteConfig.surveys',
      checked: checked ? ([...inputs] as Survey[]) : undefined,
    }
    if (guardRequired) await check(list)
    if (update !== remoteUpdates) return // a newer copy arrived meanwhile
    remoteList = list
    onUpdate()
  }
  const remote: Promise<RemoteConfigLoader> | undefined = options.remoteConfig
    ? import('./remote-config/remote').then(({ loadRemoteSurveys }) =>
        loadRemoteSurveys(options.remoteConfig as NonNullable<TouchloopOptions['remoteConfig']>, {
          env,
          storageKey: options.storageKey,
          persist: options.consent !== 'pending' && options.persistence !== 'memory',
          warn,
          // A body not seen before gets the whole guard in the remote chunk (remote.ts): a survey that
          // became invalid anywhere keeps its last good copy. With debug: the zod schemas.
          validate: options.debug
            ? (list) => checkSurveys(list, { debug: true, prefix: 'remoteConfig.surveys', warn })
            : undefined,
          onIssues: reportIssues,
          onUpdate: (next, checked) =>
            setRemote(next, checked).catch((error) => reportError('checking the remote surveys', error)),
        }),
      )
    : undefined

  return {
    /** Settles once the code surveys (debug) and the first remote load are in (never rejects). */
    ready: Promise.all([
      validation.catch((error) => reportError('checking the surveys', error)),
      remote?.then((loader) => loader.initial).catch((error) => reportError('loading remote surveys', error)),
    ]),
    /**
     * Checks every list not checked yet with the guard (loads its chunk; rejects if it cannot) and
     * applies the checked copies; from then on later lists are checked before they are used.
     */
    async checked(): Promise<void> {
      guardRequired = true
      const pending = [code, remoteList].filter((list): list is SourceList => list !== undefined && !list.checked)
      if (!pending.length) return
      await Promise.all(pending.map(check))
      onUpdate()
    },
    /** The surveys by id: the checked copies, or before the guard ran, what the matcher reads of them. */
    merged(): Map<string, Survey> {
      const merged = new Map<string, Survey>()
      for (const list of [code, remoteList]) {
        for (const survey of list ? (list.checked ?? matcherViews(list.inputs)) : []) merged.set(survey.id, survey)
      }
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
