// A cheap fingerprint of plain data, to recognise survey definitions seen on an earlier page load.
// Not cryptographic: it tells "the same input again" from "the developer changed something".

const MAX_DEPTH = 64

/**
 * A canonical text of plain JSON-like data, with `undefined` kept apart from a missing key (zod sees
 * the difference). Anything else (a Date, a Map, a function, NaN, a cycle) gives undefined: such
 * input is not fingerprinted, so it is validated on every load.
 */
export function canonicalText(value: unknown): string | undefined {
  const out: string[] = []
  return write(value, out, 0) ? out.join('') : undefined
}

function write(value: unknown, out: string[], depth: number): boolean {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value))
      return true
    case 'number':
      out.push(String(value))
      return Number.isFinite(value)
    case 'boolean':
      out.push(String(value))
      return true
    case 'undefined':
      out.push('u') // never produced by JSON, so it cannot collide with a value
      return true
    case 'object':
      break
    default:
      return false
  }
  if (value === null) {
    out.push('null')
    return true
  }
  if (depth > MAX_DEPTH) return false
  if (Array.isArray(value)) {
    out.push('[')
    for (let index = 0; index < value.length; index++) {
      if (index) out.push(',')
      if (!write(value[index], out, depth + 1)) return false
    }
    out.push(']')
    return true
  }
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) return false
  out.push('{')
  let first = true
  for (const key of Object.keys(value)) {
    if (!first) out.push(',')
    first = false
    out.push(JSON.stringify(key), ':')
    if (!write((value as Record<string, unknown>)[key], out, depth + 1)) return false
  }
  out.push('}')
  return true
}

/** A 64-bit string hash (two independent 32-bit lanes), plus the length: `<lane1><lane2>-<length>`. */
export function hashText(text: string): string {
  let a = 0x811c9dc5
  let b = 0x3c6ef372 ^ text.length
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
    b ^= b >>> 15
  }
  // Final mixes so that the last characters reach every bit.
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b)
  a ^= a >>> 13
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35)
  b ^= b >>> 16
  const lane = (value: number) => (value >>> 0).toString(36).padStart(7, '0')
  return `${lane(a)}${lane(b)}-${text.length.toString(36)}`
}

/** hashText(canonicalText(value)), or undefined when the value is not plain data. */
export function fingerprint(value: unknown): string | undefined {
  const text = canonicalText(value)
  return text === undefined ? undefined : hashText(text)
}
