// What the zod validator (validate.ts) and the production guard (guard.ts) do alike for a list of
// surveys: copy each into plain data first (hostile input is one issue, see plain-data.ts), check it,
// keep the first of two surveys with the same id. A bad survey is reported and skipped, the others run.
import type { Survey } from '../model'
import { type FormattedIssue, formatPath } from './issue-text'
import { toPlainData } from './plain-data'
import { uncheckedSurveyId } from './unchecked'

export interface SurveyConfigIssue extends FormattedIssue {
  surveyId?: string
}

export interface SurveyValidation {
  surveys: Survey[]
  issues: SurveyConfigIssue[]
}

/** The verdict on one survey: `at` is its path in the caller's terms (`surveys[2]`). */
export type SurveyCheck = { ok: true; survey: Survey } | { ok: false; issues: FormattedIssue[] }

/** Checks one survey already copied into plain data. */
export type PlainSurveyCheck = (plain: unknown, at: string) => SurveyCheck

/** Copies `input` into plain data and checks it; never throws. */
export function checkSurvey(input: unknown, at: string, checkPlain: PlainSurveyCheck): SurveyCheck {
  try {
    const copy = toPlainData(input)
    return copy.ok
      ? checkPlain(copy.value, at)
      : { ok: false, issues: [{ path: formatPath(copy.path, at), message: copy.message }] }
  } catch (error) {
    return { ok: false, issues: [{ path: at, message: `could not be validated: ${describeError(error)}` }] }
  }
}

function describeError(error: unknown): string {
  try {
    return (error as Error)?.message ?? 'unknown error'
  } catch {
    return 'unknown error'
  }
}

// Where each accepted survey came from (`surveys[2]`), for issues found later (guard.ts).
const paths = new WeakMap<Survey, string>()

/** The path of an accepted survey in its list, e.g. `surveys[2]` (`survey` if unknown). */
export const surveyPathOf = (survey: Survey): string => paths.get(survey) ?? 'survey'

/** A list checker: `add(input, index)` checks one more survey into `result`. */
export function createSurveyList(prefix: string, checkPlain: PlainSurveyCheck) {
  const result: SurveyValidation = { surveys: [], issues: [] }
  const seen = new Set<string>()
  return {
    result,
    add(input: unknown, index: number): void {
      const at = `${prefix}[${index}]`
      const checked = checkSurvey(input, at, checkPlain)
      const surveyId = uncheckedSurveyId(input)
      if (!checked.ok) {
        for (const issue of checked.issues) result.issues.push({ ...issue, surveyId })
      } else if (seen.has(checked.survey.id)) {
        result.issues.push({
          path: `${at}.id`,
          message: `expected a unique survey id, "${checked.survey.id}" is defined twice (the first one is kept)`,
          surveyId,
        })
      } else {
        seen.add(checked.survey.id)
        paths.set(checked.survey, at)
        result.surveys.push(checked.survey)
      }
    },
  }
}

/** Yields to the main thread once a slice has run this long, so many surveys never make a long task. */
const SLICE_MS = 8

function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** A whole list checked, in slices of at most ~8 ms between yields to the page. */
export async function checkSurveyListInSlices(
  inputs: readonly unknown[],
  prefix: string,
  checkPlain: PlainSurveyCheck,
  now: () => number = () => Date.now(),
): Promise<SurveyValidation> {
  const list = createSurveyList(prefix, checkPlain)
  let sliceStart = now()
  for (const [index, input] of inputs.entries()) {
    if (now() - sliceStart >= SLICE_MS) {
      await yieldToMain()
      sliceStart = now()
    }
    list.add(input, index)
  }
  return list.result
}
