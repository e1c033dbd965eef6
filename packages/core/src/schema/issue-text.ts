// How an issue is worded: `surveys[2].questions[0].scale: expected an integer 3–10, got 12`. Shared by
// the zod formatter (format-issues.ts) and the production guard, which runs at page load without zod.

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
