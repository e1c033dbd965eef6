// Turns zod issues into messages a person can act on:
//   surveys[2].questions[0].scale: expected 3–10, got 12
import type { z } from 'zod/mini'

type Issue = z.core.$ZodIssue

export interface FormattedIssue {
  /** `surveys[2].questions[0].scale` */
  path: string
  /** `expected an integer 3–10, got 12` */
  message: string
}

export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out || '(root)'
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** How a value is quoted after "got": `12`, `"slider"`, `nothing`, `an array of 0`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object') return 'an object'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/** `expected "a", "b"`: the message of a value outside an enum. */
export function expectedOneOf(values: readonly unknown[]): string {
  return `expected ${values.map((v) => JSON.stringify(v)).join(', ')}`
}

/** `unknown key "x" (check the spelling)`. */
export function unknownKeysMessage(keys: readonly string[]): string {
  return `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`
}

/** Quotes the offending value after the message, unless the message already names it. */
export function withValue(message: string, value: unknown): string {
  const named = message.includes(', got ') || (typeof value === 'string' && message.includes(JSON.stringify(value)))
  return named ? message : `${message}, got ${describeValue(value)}`
}

function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('expected ') && !issue.message.startsWith('Invalid')
        ? issue.message
        : `expected ${issue.expected}`
    case 'invalid_value':
      return expectedOneOf(issue.values)
    case 'too_small':
    case 'too_big':
    case 'invalid_union':
    case 'invalid_format':
    case 'custom':
      return issue.message
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys)
    default:
      return issue.message
  }
}

/**
 * One message per issue. `input` is what was validated (to quote the offending value),
 * `prefix` the path of that input in the caller's terms (e.g. `surveys[2]`).
 */
export function formatIssues(issues: readonly Issue[], input?: unknown, prefix = ''): FormattedIssue[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path, prefix)
    const message = expectation(issue)
    return {
      path,
      message: issue.code === 'unrecognized_keys' ? message : withValue(message, valueAt(input, issue.path)),
    }
  })
}

/** `path: message` lines, for console output and error messages. */
export function formatIssueLines(issues: readonly Issue[], input?: unknown, prefix = ''): string[] {
  return formatIssues(issues, input, prefix).map(({ path, message }) => `${path}: ${message}`)
}
