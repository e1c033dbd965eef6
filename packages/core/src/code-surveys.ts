// Checks survey definitions given in code before the trigger matcher sees them. In production: the
// page-load part of the structural guard (schema/guard-entry.ts: touchpoints and top-level fields, no
// zod); the questions, endings and presentation are checked by the rest of the guard when the survey
// stage loads (survey/presenter.ts). With `debug: true`: the whole zod schema at once
// (schema/validate.ts, a lazily imported chunk), whose verdict and detailed issues are used instead.
// Either way a bad survey is reported with its path and skipped, and the others run.
import { guardSurveyEntry } from './schema/guard-entry'
import { checkSurveyListInSlices, type SurveyValidation } from './schema/survey-list'

export type SurveyValidator = Pick<typeof import('./schema/validate'), 'validateSurveysInSlices'>

export interface CheckSurveysOptions {
  debug?: boolean
  /** Starts the issue paths: 'surveys' for code surveys, 'remoteConfig.surveys' for remote ones. */
  prefix?: string
  /** Reports that the zod chunk could not be loaded (then the guard's verdict is used). */
  warn?: (message: string, error?: unknown) => void
  /** Injected validator chunk (tests). */
  loadValidator?: () => Promise<SurveyValidator>
}

/** Never rejects: without the zod chunk, debug mode falls back to the guard. */
export async function checkSurveys(
  inputs: readonly unknown[],
  { debug, prefix = 'surveys', warn, loadValidator = () => import('./schema/validate') }: CheckSurveysOptions = {},
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
  return checkSurveyListInSlices(inputs, prefix, guardSurveyEntry)
}
