// Checks a list of survey definitions (code or remote). In production: the structural guard
// (schema/guard.ts, a lazy chunk: survey-sources.ts runs it when the state stage loads, not at page
// load). With `debug: true`: the whole zod schema at once (schema/validate.ts, a lazy chunk too, loaded
// at page load so a developer sees every issue at once), whose verdict and detailed issues are used
// instead. Either way a bad survey is reported with its path and skipped, and the others run.
import type { SurveyValidation } from './schema/survey-list'

export type SurveyValidator = Pick<typeof import('./schema/validate'), 'validateSurveysInSlices'>
export type SurveyGuard = Pick<typeof import('./schema/guard'), 'guardSurveysInSlices'>

export interface CheckSurveysOptions {
  debug?: boolean
  /** Starts the issue paths: 'surveys' for code surveys, 'remoteConfig.surveys' for remote ones. */
  prefix?: string
  /** Reports that the zod chunk could not be loaded (then the guard's verdict is used). */
  warn?: (message: string, error?: unknown) => void
  /** Injected validator chunk (tests). */
  loadValidator?: () => Promise<SurveyValidator>
  /** Injected guard chunk (tests). */
  loadGuard?: () => Promise<SurveyGuard>
}

/** Rejects only when the guard chunk cannot be loaded: without the zod chunk, debug mode falls back to the guard. */
export async function checkSurveys(
  inputs: readonly unknown[],
  {
    debug,
    prefix = 'surveys',
    warn,
    loadValidator = () => import('./schema/validate'),
    loadGuard = () => import('./schema/guard'),
  }: CheckSurveysOptions = {},
): Promise<SurveyValidation> {
  if (debug) {
    try {
      const { validateSurveysInSlices } = await loadValidator()
      return await validateSurveysInSlices(inputs, prefix)
    } catch (error) {
      warn?.('touchloop: debug: the zod survey validator could not be loaded; using the production guard', error)
    }
  }
  // In slices with yields between them, like zod's: hundreds of surveys never make a long task.
  return (await loadGuard()).guardSurveysInSlices(inputs, prefix)
}
