// The production guard: a hand-written structural check of a survey definition, run by the SDK on
// every page load instead of the zod schemas (survey.ts), which stay the one source of truth and run
// at authoring time (collector, studio, `touchloop validate`) and in the browser with `debug: true`.
// It checks everything the runtime relies on (types, required fields, enums, bounds, unique ids,
// references, storable strings), and unknown keys, in the same words as the schema; the cross-field
// rules are the schema's own code (survey-rules.ts). guard.property.test.ts keeps guard and schema
// in step: whatever the schema accepts passes here unchanged.
import type { Survey } from '../model'
import {
  CONDITION_MESSAGE,
  CONDITION_OPS,
  COUNT_MAX,
  DEVICES,
  DISPLAY_LIMIT_MESSAGE,
  DISPLAY_LIMITS,
  ID_MESSAGE,
  ID_PATTERN,
  ISO_DATE_MESSAGE,
  isIsoDate,
  isReservedId,
  isWellFormedText,
  LOCALE_TAG_MAX,
  LOCALE_TAG_MESSAGE,
  LOCALIZED_TEXT_MESSAGE,
  MODES,
  NPS_CATEGORIES,
  POSITIONS,
  PROPERTY_OPS,
  QUESTION_TYPE_MESSAGE,
  RESERVED_ID_MESSAGE,
  regexProblem,
  SCALAR_MESSAGE,
  SCALE_DISPLAYS,
  STATUSES,
  SURVEY_NAME_MAX,
  TEXT_FORMATS,
  TOUCHPOINT_NAME_MAX,
  TOUCHPOINT_TYPE_MESSAGE,
  URL_OPS,
  URL_VALUE_MAX,
  VISIT_SCOPES,
} from './checks'
import { formatPath, valueAt, withValue } from './format-issues'
import {
  anything,
  array,
  boolean,
  byType,
  integer,
  isRecord,
  leaf,
  number,
  numberProblem,
  object,
  oneOf,
  type Path,
  type Report,
  type Rule,
  string,
  stringProblem,
} from './guard-kit'
import { checkSurvey, createSurveyList, type SurveyCheck, type SurveyValidation } from './survey-list'
import { checkSurveyReferences } from './survey-rules'

const id = leaf((value) =>
  typeof value !== 'string'
    ? 'expected string'
    : !ID_PATTERN.test(value)
      ? ID_MESSAGE
      : isReservedId(value) && RESERVED_ID_MESSAGE,
)
const text = string()
const nonEmpty = string(1)
const isoDate = leaf((value) => (typeof value !== 'string' ? 'expected string' : !isIsoDate(value) && ISO_DATE_MESSAGE))

const localized: Rule = (value, path, report) => {
  if (typeof value === 'string') return nonEmpty(value, path, report)
  if (!isRecord(value)) return report(path, withValue(LOCALIZED_TEXT_MESSAGE, value))
  for (const key of Object.keys(value)) text(isWellFormedText(key) ? value[key] : key, [...path, key], report)
}

const scalar = leaf((value) =>
  typeof value === 'string' ? stringProblem(value) : !['number', 'boolean'].includes(typeof value) && SCALAR_MESSAGE,
)
// NaN and ±Infinity are numbers the schema refuses.
const finiteScalar: Rule = (value, path, report) =>
  typeof value === 'number' && !Number.isFinite(value)
    ? report(path, withValue(SCALAR_MESSAGE, value))
    : scalar(value, path, report)

// A function declaration: the condition shapes below refer to it before this line runs.
function condition(value: unknown, path: Path, report: Report): void {
  if (!isRecord(value)) return report(path, withValue(CONDITION_MESSAGE, value))
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
const questionRule = byType(
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
)

const propertyCondition = object({ prop: nonEmpty, op: oneOf(PROPERTY_OPS), 'value?': finiteScalar })
const urlRule = object(
  { op: oneOf(URL_OPS), value: string(0, URL_VALUE_MAX), 'not?': boolean },
  (rule, path, report) => {
    const problem = rule.op === 'regex' && regexProblem(rule.value)
    if (problem) report([...path, 'value'], withValue(problem, rule.value))
  },
)
const touchpointName = string(1, TOUCHPOINT_NAME_MAX)
const localeTag = string(1, LOCALE_TAG_MAX, LOCALE_TAG_MESSAGE)
const count = integer(1, COUNT_MAX)
const touchpoint = (fields: Record<string, Rule> = {}) =>
  object({
    type: anything, // chosen by byType()
    'name?': touchpointName,
    'delaySeconds?': number(0, 86_400),
    'cancelOn?': array(nonEmpty),
    'url?': array(urlRule),
    'cap?': count,
    ...fields,
  })

/** What the trigger matcher relies on: checked before any touchpoint is matched. */
export const touchpointRule = byType(
  {
    event: touchpoint({ event: touchpointName, 'where?': array(propertyCondition), 'nth?': count }),
    pageview: touchpoint(),
    click: touchpoint({ selector: nonEmpty }),
    exitIntent: touchpoint(),
    scroll: touchpoint({ percent: number(1, 100) }),
    dwell: touchpoint({ seconds: number(0, 86_400) }),
    visits: touchpoint({ count, 'per?': oneOf(VISIT_SCOPES) }),
  },
  TOUCHPOINT_TYPE_MESSAGE,
)

const surveyRule = object(
  {
    id,
    'name?': string(0, SURVEY_NAME_MAX),
    'version?': integer(0, Number.MAX_SAFE_INTEGER),
    'status?': oneOf(STATUSES),
    'startsAt?': isoDate,
    'endsAt?': isoDate,
    touchpoints: array(touchpointRule),
    'audience?': object({
      'traits?': array(propertyCondition),
      'identified?': boolean,
      'locales?': array(localeTag),
      'devices?': array(oneOf(DEVICES)),
    }),
    'sample?': number(0, 1),
    'fatigue?': object({
      'recontactDays?': number(0, 3650),
      'displayLimit?': leaf((value) =>
        typeof value === 'number'
          ? numberProblem(value, 1, COUNT_MAX, true)
          : !DISPLAY_LIMITS.includes(value) && DISPLAY_LIMIT_MESSAGE,
      ),
      'ignoreGlobalQuietPeriod?': boolean,
    }),
    'priority?': number(-1_000_000, 1_000_000),
    'presentation?': object({
      'mode?': oneOf(MODES),
      'position?': oneOf(POSITIONS),
      'target?': nonEmpty,
      'autoCloseSeconds?': number(0, 3600),
    }),
    'defaultLocale?': localeTag,
    questions: array(questionRule, 1, 'expected at least one question'),
    'endings?': array(
      object({
        id,
        'if?': condition,
        title: localized,
        'text?': localized,
        'cta?': object({ text: localized, url: nonEmpty }),
      }),
    ),
  },
  // The schema's own cross-field rules, on a survey whose fields are well-formed.
  (survey: Survey, path, report) =>
    checkSurveyReferences(survey, {
      addIssue: (issue) => report([...path, ...issue.path], withValue(issue.message, valueAt(survey, issue.path))),
    }),
)

/** One survey, already plain data (see survey-list.ts), against the guard. */
export function guardPlainSurvey(plain: unknown, at: string): SurveyCheck {
  const issues: { path: string; message: string }[] = []
  surveyRule(plain, [], (path, message) => issues.push({ path: formatPath(path, at), message }))
  return issues.length ? { ok: false, issues } : { ok: true, survey: plain as Survey }
}

/**
 * One survey definition as the runtime needs it: `{ ok: true, survey }` (a plain copy of the input)
 * or `{ ok: false, issues: [{ path: 'survey.questions[2].scale', message: 'expected …, got …' }] }`.
 * Never throws, whatever the input (cycles, deep nesting, getters that throw, Proxies, BigInt).
 */
export function guardSurvey(input: unknown, at = 'survey'): SurveyCheck {
  return checkSurvey(input, at, guardPlainSurvey)
}

/** The surveys that pass, and every issue with its path; a bad survey is skipped, the others run. */
export function guardSurveys(inputs: readonly unknown[], prefix = 'surveys'): SurveyValidation {
  const list = createSurveyList(prefix, guardPlainSurvey)
  inputs.forEach(list.add)
  return list.result
}
