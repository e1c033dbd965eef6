// The production guard: a hand-written structural check of a survey definition, run by the SDK
// instead of the zod schemas (survey.ts), which stay the one source of truth and run at authoring time
// (collector, studio, `touchloop validate`, the Vite plugin) and in the browser with `debug: true`. It checks
// everything the runtime relies on (types, required fields, enums, bounds, unique ids, references,
// storable strings) and unknown keys, in the same words as the schema; the cross-field rules are the
// schema's own code (survey-rules.ts). guard.property.test.ts keeps guard and schema in step.
//
// Two parts: guard-entry.ts (touchpoints and top-level fields) and this module (questions, endings,
// presentation, references). Neither runs at page load: the whole guard is one lazy chunk, loaded with
// the state stage (survey-sources.ts checks every survey before anything but the trigger matcher reads
// it), by the survey stage (survey/presenter.ts: a survey is checked once before it shows), and by the
// remote config chunk for a body not seen before (the verdict decides which surveys keep their last
// good copy).
import type { Survey } from '../model'
import { isWellFormedText } from './checks'
import {
  CONDITION_MESSAGE,
  CONDITION_OPS,
  LOCALIZED_TEXT_MESSAGE,
  MODES,
  POSITIONS,
  QUESTION_TYPE_MESSAGE,
  SCALE_DISPLAYS,
  TEXT_FORMATS,
} from './checks-body'
import { finiteScalar, guardSurveyEntry, id, nonEmpty } from './guard-entry'
import {
  anything,
  array,
  boolean,
  byType,
  integer,
  isRecord,
  number,
  object,
  oneOf,
  type Path,
  type Report,
  type Rule,
  string,
} from './guard-kit'
import { type FormattedIssue, formatPath, valueAt, withValue } from './issue-text'
import {
  checkSurvey,
  checkSurveyListInSlices,
  createSurveyList,
  type SurveyCheck,
  type SurveyValidation,
  surveyPathOf,
} from './survey-list'
import { checkSurveyReferences } from './survey-rules'

const text = string()
const localized: Rule = (value, path, report) => {
  if (typeof value === 'string') return nonEmpty(value, path, report)
  if (!isRecord(value)) return report(path, withValue(LOCALIZED_TEXT_MESSAGE, value))
  for (const key of Object.keys(value)) text(isWellFormedText(key) ? value[key] : key, [...path, key], report)
}

// A function declaration: the condition shapes below refer to it before this line runs.
function condition(value: unknown, path: Path, report: Report): void {
  if (!isRecord(value)) {
    report(path, withValue(CONDITION_MESSAGE, value))
    return
  }
  const [, rule] = (conditionShapes.find(([key]) => key in value) ?? conditionShapes[3]) as [string, Rule]
  rule(value, path, report)
}
const conditionShapes: [string, Rule][] = [
  ['all', object({ all: array(condition) })],
  ['any', object({ any: array(condition) })],
  ['not', object({ not: condition })],
  ['', object({ question: id, op: oneOf(CONDITION_OPS), 'value?': finiteScalar })],
]

const labels = { 'lowLabel?': localized, 'highLabel?': localized }
const display = { 'display?': oneOf(SCALE_DISPLAYS) }
const question = (fields: Record<string, Rule>) =>
  object({
    id,
    type: anything, // chosen by byType()
    text: localized,
    'description?': localized,
    'required?': boolean,
    'showIf?': condition,
    'jumps?': array(object({ if: condition, to: id })),
    ...fields,
  })
const choice = question({
  choices: array(object({ id, text: localized }), 1, 'expected at least one choice'),
  'other?': (value, path, report) =>
    typeof value === 'boolean' ? undefined : object({ 'text?': localized })(value, path, report),
  'shuffle?': boolean,
})

const bodyRule = object({
  questions: array(
    byType(
      {
        nps: question(labels),
        csat: question({ ...labels, ...display }),
        ces: question(labels),
        rating: question({ ...labels, ...display, scale: integer(3, 10) }),
        single: choice,
        multi: choice,
        text: question({
          'multiline?': boolean,
          'placeholder?': localized,
          'minLength?': integer(0, 100_000),
          'maxLength?': integer(1, 100_000),
          'format?': oneOf(TEXT_FORMATS),
        }),
        cta: question({ buttonText: localized, url: nonEmpty }),
        consent: question({ label: localized }),
      },
      QUESTION_TYPE_MESSAGE,
    ),
  ),
  'endings?': array(
    object({
      id,
      'if?': condition,
      title: localized,
      'text?': localized,
      'cta?': object({ text: localized, url: nonEmpty }),
    }),
  ),
  'presentation?': object({
    'mode?': oneOf(MODES),
    'position?': oneOf(POSITIONS),
    'target?': nonEmpty,
    'autoCloseSeconds?': number(0, 3600),
  }),
})

/** The rest of the guard, on a survey whose entry passed (guard-entry.ts). */
export function guardSurveyBody(survey: Survey, at: string): FormattedIssue[] {
  const { questions, endings, presentation } = survey
  const issues: FormattedIssue[] = []
  const report = (path: Path, message: string) => issues.push({ path: formatPath(path, at), message })
  bodyRule({ questions, endings, presentation }, [], report)
  // The schema's own cross-field rules, once every field is well-formed.
  if (!issues.length) {
    checkSurveyReferences(survey, {
      addIssue: (issue) => report(issue.path, withValue(issue.message, valueAt(survey, issue.path))),
    })
  }
  return issues
}

/** One survey, already plain data (see survey-list.ts), against the whole guard. */
export function guardPlainSurvey(plain: unknown, at: string): SurveyCheck {
  const entry = guardSurveyEntry(plain, at)
  if (!entry.ok) return entry
  const issues = guardSurveyBody(entry.survey, at)
  // The survey stage (checkSurveyBodyOnce) need not check this copy again.
  bodyVerdicts.set(entry.survey, issues.length === 0)
  return issues.length ? { ok: false, issues } : entry
}

/**
 * One survey definition as the runtime needs it: `{ ok: true, survey }` (a plain copy of the input)
 * or `{ ok: false, issues: [{ path: 'survey.questions[2].scale', message: 'expected …, got …' }] }`.
 * Never throws, whatever the input (cycles, deep nesting, getters that throw, Proxies, BigInt).
 */
export function guardSurvey(input: unknown, at = 'survey'): SurveyCheck {
  return checkSurvey(input, at, guardPlainSurvey)
}

const bodyVerdicts = new WeakMap<Survey, boolean>()

/** The surveys that pass, and every issue with its path; a bad survey is skipped, the others run. */
export function guardSurveys(inputs: readonly unknown[], prefix = 'surveys'): SurveyValidation {
  const list = createSurveyList(prefix, guardPlainSurvey)
  inputs.forEach(list.add)
  return list.result
}

/** A whole list against the whole guard, in slices with yields between them (never a long task). */
export const guardSurveysInSlices = (inputs: readonly unknown[], prefix: string): Promise<SurveyValidation> =>
  checkSurveyListInSlices(inputs, prefix, guardPlainSurvey)

/**
 * For the survey stage: whether a survey may be shown. A survey the whole guard accepted (every one,
 * since survey-sources.ts checks them when the state stage loads) is known; otherwise the first call
 * checks the rest of it and returns its issues (to report); later calls only the verdict.
 */
export function checkSurveyBodyOnce(survey: Survey): { ok: boolean; issues: FormattedIssue[] } {
  const known = bodyVerdicts.get(survey)
  if (known !== undefined) return { ok: known, issues: [] }
  const issues = guardSurveyBody(survey, surveyPathOf(survey))
  bodyVerdicts.set(survey, issues.length === 0)
  return { ok: issues.length === 0, issues }
}
