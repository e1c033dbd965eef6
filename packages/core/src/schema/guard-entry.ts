// The first part of the production guard: what the trigger matcher, targeting, fatigue and the schedule
// read (the touchpoints and every top-level field). guard.ts adds the questions, endings and
// presentation; both are one lazy chunk, run when the state stage loads (survey-sources.ts).
import type { Survey } from '../model'
import {
  COUNT_MAX,
  DEVICES,
  DISPLAY_LIMIT_MESSAGE,
  DISPLAY_LIMITS,
  ID_MESSAGE,
  ID_PATTERN,
  ISO_DATE_MESSAGE,
  isIsoDate,
  isReservedId,
  LOCALE_TAG_MAX,
  LOCALE_TAG_MESSAGE,
  PROPERTY_OPS,
  RESERVED_ID_MESSAGE,
  regexProblem,
  SCALAR_MESSAGE,
  STATUSES,
  SURVEY_NAME_MAX,
  TOUCHPOINT_NAME_MAX,
  TOUCHPOINT_TYPE_MESSAGE,
  URL_OPS,
  URL_VALUE_MAX,
  VISIT_SCOPES,
} from './checks'
import {
  anything,
  array,
  boolean,
  byType,
  integer,
  leaf,
  number,
  numberProblem,
  object,
  oneOf,
  type Rule,
  string,
  stringProblem,
} from './guard-kit'
import { formatPath, withValue } from './issue-text'
import type { SurveyCheck } from './survey-list'

export const id = leaf((value) =>
  typeof value !== 'string'
    ? 'expected string'
    : !ID_PATTERN.test(value)
      ? ID_MESSAGE
      : isReservedId(value) && RESERVED_ID_MESSAGE,
)
export const nonEmpty = string(1)
const isoDate = leaf((value) => (typeof value !== 'string' ? 'expected string' : !isIsoDate(value) && ISO_DATE_MESSAGE))

const scalar = leaf((value) =>
  typeof value === 'string' ? stringProblem(value) : !['number', 'boolean'].includes(typeof value) && SCALAR_MESSAGE,
)
/** A string, number or boolean; NaN and ±Infinity are numbers the schema refuses. */
export const finiteScalar: Rule = (value, path, report) =>
  typeof value === 'number' && !Number.isFinite(value)
    ? report(path, withValue(SCALAR_MESSAGE, value))
    : scalar(value, path, report)

const propertyCondition = object({ prop: nonEmpty, op: oneOf(PROPERTY_OPS), 'value?': finiteScalar })
const urlRule = object(
  { op: oneOf(URL_OPS), value: string(0, URL_VALUE_MAX), 'not?': boolean },
  (rule, path, report) => {
    const problem = rule.op === 'regex' && regexProblem(rule.value as string)
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

const touchpointRule = byType(
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

const entryRule = object({
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
        : !DISPLAY_LIMITS.includes(value as 'once') && DISPLAY_LIMIT_MESSAGE,
    ),
    'ignoreGlobalQuietPeriod?': boolean,
  }),
  'priority?': number(-1_000_000, 1_000_000),
  'defaultLocale?': localeTag,
  // Read once the survey is shown: checked by the rest of the guard (guard.ts).
  'presentation?': anything,
  questions: array(anything, 1, 'expected at least one question'),
  'endings?': array(anything),
})

/** The entry check of one survey (touchpoints and top-level fields), already plain data (see survey-list.ts). */
export function guardSurveyEntry(plain: unknown, at: string): SurveyCheck {
  const issues: { path: string; message: string }[] = []
  entryRule(plain, [], (path, message) => issues.push({ path: formatPath(path, at), message }))
  return issues.length ? { ok: false, issues } : { ok: true, survey: plain as Survey }
}
