// Validates survey definitions one by one with the zod schemas: a bad survey is reported and
// skipped, the others run. Never on the production page path: the SDK loads this chunk only with
// `debug: true`; the collector, the studio and the `touchloop validate` CLI use it at authoring time.
// In production the SDK runs the structural guard instead (guard.ts).
import { formatIssues } from './format-issues'
import { guardPlainSurvey } from './guard'
import { surveySchema } from './survey'
import {
  checkSurveyListInSlices,
  createSurveyList,
  type SurveyCheck,
  type SurveyValidation,
  surveyPathOf,
} from './survey-list'

export type { SurveyConfigIssue, SurveyValidation } from './survey-list'

/** One survey (already plain data) against the zod schema. */
export function parseSurvey(plain: unknown, at: string): SurveyCheck {
  const parsed = surveySchema.safeParse(plain)
  return parsed.success
    ? { ok: true, survey: parsed.data }
    : { ok: false, issues: formatIssues(parsed.error.issues, plain, at) }
}

export function validateSurveys(inputs: readonly unknown[], prefix = 'surveys'): SurveyValidation {
  const list = createSurveyList(prefix, parseSurvey)
  inputs.forEach(list.add)
  return list.result
}

/** Same result as validateSurveys(), in slices of at most ~8 ms between yields to the page. */
export async function validateSurveysInSlices(
  inputs: readonly unknown[],
  prefix = 'surveys',
  now?: () => number,
): Promise<SurveyValidation> {
  const result = await checkSurveyListInSlices(inputs, prefix, parseSurvey, now)
  warnWhereTheGuardDisagrees(result)
  return result
}

/**
 * `debug: true` runs this validator in the browser: it also checks that the production guard accepts
 * every survey the schema accepts (guard.property.test.ts keeps them in step; this catches what slipped).
 */
function warnWhereTheGuardDisagrees({ surveys }: SurveyValidation): void {
  for (const survey of surveys) {
    const guarded = guardPlainSurvey(survey, surveyPathOf(survey))
    if (!guarded.ok) {
      const [first] = guarded.issues
      console.warn(
        `touchloop: debug: the production guard refuses survey "${survey.id}", which the schema accepts ` +
          `(${first?.path}: ${first?.message}); without debug it would be skipped. Please report this bug.`,
      )
    }
  }
}
