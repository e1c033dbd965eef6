// Property conditions on track() event properties and on identify() traits.
// Nested properties use dots: `{ prop: 'cart.total', op: 'gt', value: 100 }`.
import type { PropertyCondition } from '../model'

function readPath(props: Record<string, unknown>, path: string): unknown {
  if (path in props) return props[path]
  let current: unknown = props
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  return undefined
}

function compare(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean): boolean {
  const a = toNumber(actual)
  const b = toNumber(expected)
  return a !== undefined && b !== undefined && test(a, b)
}

function equals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true
  // Props often arrive as strings from forms or query strings: "120" equals 120.
  if (typeof actual === 'number' || typeof expected === 'number') {
    const a = toNumber(actual)
    return a !== undefined && a === toNumber(expected)
  }
  return false
}

export function matchesProperty(condition: PropertyCondition, props: Record<string, unknown>): boolean {
  const actual = readPath(props, condition.prop)
  const { value } = condition
  switch (condition.op) {
    case 'exists':
      return actual !== undefined && actual !== null
    case 'notExists':
      return actual === undefined || actual === null
    case 'eq':
      return equals(actual, value)
    case 'neq':
      return !equals(actual, value)
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => equals(item, value))
      return (
        typeof actual === 'string' && value !== undefined && actual.toLowerCase().includes(String(value).toLowerCase())
      )
    case 'gt':
      return compare(actual, value, (a, b) => a > b)
    case 'gte':
      return compare(actual, value, (a, b) => a >= b)
    case 'lt':
      return compare(actual, value, (a, b) => a < b)
    case 'lte':
      return compare(actual, value, (a, b) => a <= b)
    default:
      return false
  }
}

/** Every condition holds (an empty list holds). */
export function matchesAll(
  conditions: readonly PropertyCondition[] | undefined,
  props: Record<string, unknown>,
): boolean {
  return (conditions ?? []).every((condition) => matchesProperty(condition, props))
}
