// The predicates, bounds, enums and messages of the survey format that the zod schemas (survey.ts,
// primitives.ts) and the production guard (guard.ts) share. No zod here: the guard runs at page load.

// NUL (refused by Postgres text columns), or a lone UTF-16 surrogate (not encodable as UTF-8): a high
// surrogate not followed by a low one, or a low one not preceded by a high one (no lookbehind, for
// older Safari). Text the user types is repaired instead of refused: ../well-formed.ts.
const ILL_FORMED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Text the backend can store: no NUL, no lone surrogate. */
export function isWellFormedText(text: string): boolean {
  return !ILL_FORMED.test(text)
}

export const WELL_FORMED_MESSAGE =
  'expected text without NUL (U+0000) or lone UTF-16 surrogates (the backend cannot store them)'
export const NON_EMPTY_MESSAGE = 'expected a non-empty string'

export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/
export const ID_MESSAGE = 'expected an id of 1–100 letters, digits, _ . : or -'
export const RESERVED_ID_MESSAGE =
  'expected an id that is not a reserved JavaScript name (__proto__, constructor, prototype, toString, …)'

/**
 * Names an object inherits (`__proto__`, `constructor`, `toString`, …): as a question id they would
 * be read from the prototype of an answers object instead of from the answers.
 */
export function isReservedId(id: string): boolean {
  return id in Object.prototype || id === 'prototype'
}

export const isIsoDate = (value: string): boolean => !Number.isNaN(Date.parse(value))
export const ISO_DATE_MESSAGE = 'expected an ISO 8601 date, e.g. 2026-11-23T10:00:00Z'

export function intMessage(min: number, max: number): string {
  return max === Number.MAX_SAFE_INTEGER ? `expected an integer ≥ ${min}` : `expected an integer ${min}–${max}`
}
export const numberMessage = (min: number, max: number): string => `expected a number ${min}–${max}`
export const maxLengthMessage = (max: number): string => `expected at most ${max} characters`

export const SCALAR_MESSAGE = 'expected a string, number or boolean'
/** Counters and limits (nth, count, cap, displayLimit): far above any real use, far below overflow. */
export const COUNT_MAX = 1_000_000
/** URL rule values, touchpoint names and locale tags (delivered in the record, so bounded). */
export const URL_VALUE_MAX = 2000
export const TOUCHPOINT_NAME_MAX = 200
export const LOCALE_TAG_MAX = 50
export const LOCALE_TAG_MESSAGE = `expected a locale tag of at most ${LOCALE_TAG_MAX} characters`
export const SURVEY_NAME_MAX = 500

export const PROPERTY_OPS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'notExists'] as const
export const URL_OPS = ['exact', 'contains', 'startsWith', 'endsWith', 'glob', 'regex'] as const
export const VISIT_SCOPES = ['visit', 'session'] as const
export const DEVICES = ['mobile', 'tablet', 'desktop'] as const
export const DISPLAY_LIMITS = ['once', 'untilAnswered'] as const
export const DISPLAY_LIMIT_MESSAGE = `expected "once", "untilAnswered" or an integer 1–${COUNT_MAX}`
export const STATUSES = ['active', 'paused', 'draft'] as const

export const TOUCHPOINT_TYPE_MESSAGE =
  'expected type to be one of event, pageview, click, exitIntent, scroll, dwell, visits'

/** Why a `regex` URL rule value does not compile (undefined: it does). Other ops never compile it. */
export function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source)
    return undefined
  } catch (error) {
    return `expected a valid regular expression for op "regex" (${(error as Error).message}); for a literal text use op "contains"`
  }
}
