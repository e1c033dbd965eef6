// A cheap fingerprint of plain data, to recognise survey definitions seen on an earlier page load.
// Not cryptographic: it tells "the same input again" from "the developer changed something".

/** Stands for `undefined`; a string containing it makes the input "not plain" so it cannot collide. */
const UNDEFINED = '\u0000'

/**
 * A canonical text of plain JSON-like data, with `undefined` kept apart from a missing key (zod sees
 * the difference). Anything else (a Date, a Map, a function, a toJSON method, NaN, a cycle) gives
 * undefined: such input is not fingerprinted, so it is validated on every load.
 */
export function canonicalText(value: unknown): string | undefined {
  let plain = true
  try {
    const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string) {
      // The holder's value as given, before any toJSON (a plain object's toJSON is a function: not plain).
      const raw = this[key]
      if (raw === undefined) return UNDEFINED
      if (typeof raw === 'string') plain &&= !raw.includes(UNDEFINED)
      else if (typeof raw === 'number') plain &&= Number.isFinite(raw)
      else if (typeof raw === 'object' && raw !== null) {
        const prototype = Object.getPrototypeOf(raw)
        plain &&= Array.isArray(raw) || prototype === Object.prototype || prototype === null
      } else if (typeof raw !== 'boolean' && raw !== null) plain = false
      return plain ? raw : null // null: stop descending
    })
    return plain ? text : undefined
  } catch {
    return undefined // a cycle, a throwing getter, nesting too deep
  }
}

/** A 64-bit string hash (two independent 32-bit lanes) and the length: `<lane>.<lane>.<length>`. */
export function hashText(text: string): string {
  let a = 0x811c9dc5 // FNV-1a
  let b = 0x3c6ef372 // multiply and xorshift, so the lanes do not collide together
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
    b ^= b >>> 15
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${text.length.toString(36)}`
}

/** hashText(canonicalText(value)), or undefined when the value is not plain data. */
export function fingerprint(value: unknown): string | undefined {
  const text = canonicalText(value)
  return text === undefined ? undefined : hashText(text)
}
