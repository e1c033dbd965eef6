// The few building blocks of the production guard (guard.ts): rules that check plain data (already
// copied by plain-data.ts, so no getters, cycles or Proxies) and report "expected …, got …" with a
// path, in the same words as the zod schemas (shared through checks.ts and format-issues.ts).
import { intMessage, isWellFormedText, NON_EMPTY_MESSAGE, numberMessage, WELL_FORMED_MESSAGE } from './checks'
import { expectedOneOf, unknownKeysMessage, withValue } from './issue-text'

export type Path = PropertyKey[]
export type Report = (path: Path, message: string) => void
/** Checks `value` at `path`; reports what is wrong. */
export type Rule = (value: unknown, path: Path, report: Report) => void
/** What is wrong with a value ("expected …"), or nothing. */
type Test = (value: unknown) => string | false | undefined

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const own = (object: object, key: string) => Object.hasOwn(object, key)

/** A rule from a test; the message quotes the value (`expected an integer 3–10, got 12`). */
export const leaf =
  (test: Test): Rule =>
  (value, path, report) => {
    const problem = test(value)
    if (problem) report(path, withValue(problem, value))
  }

export const anything: Rule = () => {}

export const boolean = leaf((value) => typeof value !== 'boolean' && 'expected boolean')

/** A string's own problem: not a string, too short or long, or not storable. */
export function stringProblem(value: unknown, min = 0, max = Number.POSITIVE_INFINITY, tooLong = ''): string | false {
  if (typeof value !== 'string') return 'expected string'
  if (!isWellFormedText(value)) return WELL_FORMED_MESSAGE
  if (value.length < min) return NON_EMPTY_MESSAGE
  return value.length > max && (tooLong || `expected at most ${max} characters`)
}

export const string = (min?: number, max?: number, tooLong?: string): Rule =>
  leaf((value) => stringProblem(value, min, max, tooLong))

/** A finite number in [min, max], an integer (safe) when `integer`. */
export function numberProblem(value: unknown, min: number, max: number, integer?: boolean): string | false {
  const ok =
    typeof value === 'number' &&
    (integer ? Number.isSafeInteger(value) : Number.isFinite(value)) &&
    value >= min &&
    value <= max
  return !ok && (integer ? intMessage(min, max) : numberMessage(min, max))
}

export const number = (min: number, max: number, integer?: boolean): Rule =>
  leaf((value) => numberProblem(value, min, max, integer))

export const integer = (min: number, max: number): Rule => number(min, max, true)

export const oneOf = (values: readonly string[]): Rule =>
  leaf((value) => !values.includes(value as string) && expectedOneOf(values))

export const array =
  (item: Rule, min = 0, tooFew = ''): Rule =>
  (value, path, report) => {
    if (!Array.isArray(value)) return report(path, withValue('expected array', value))
    if (value.length < min) report(path, withValue(tooFew, value))
    for (let index = 0; index < value.length; index++) item(value[index], [...path, index], report)
  }

/**
 * An object with exactly these keys (a key ending in `?` is optional). `then` runs once the
 * object's own fields are well-formed (cross-field rules).
 */
export function object(
  shape: Record<string, Rule>,
  then?: (value: Record<string, unknown>, path: Path, report: Report) => void,
): Rule {
  const fields = Object.keys(shape).map(
    (key) => [key.replace(/\?$/, ''), shape[key] as Rule, key.endsWith('?')] as const,
  )
  const known = new Set(fields.map(([key]) => key))
  return (value, path, report) => {
    if (!isRecord(value)) return report(path, withValue('expected object', value))
    let clean = true
    const inner: Report = (at, message) => {
      clean = false
      report(at, message)
    }
    for (const [key, rule, optional] of fields) {
      const field = own(value, key) ? value[key] : undefined
      if (field !== undefined || !optional) rule(field, [...path, key], inner)
    }
    const unknown = Object.keys(value).filter((key) => !known.has(key))
    if (unknown.length) inner(path, unknownKeysMessage(unknown))
    if (clean) then?.(value, path, report)
  }
}

/** One of several object shapes, chosen by `type`. */
export const byType =
  (shapes: Record<string, Rule>, message: string): Rule =>
  (value, path, report) => {
    if (!isRecord(value)) return report(path, withValue('expected object', value))
    const type = value.type
    if (typeof type !== 'string' || !own(shapes, type)) return report([...path, 'type'], withValue(message, type))
    ;(shapes[type] as Rule)(value, path, report)
  }
