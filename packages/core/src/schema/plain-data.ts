// A survey object given in code may be anything: a cycle, conditions nested thousands deep, a BigInt,
// a getter that throws, a Proxy. Zod would overflow the stack or throw on those and take every other
// survey down with it. So each survey is first copied into plain JSON-like data (own enumerable
// string keys, bounded depth and size); what cannot be copied becomes one issue with its path.

/** Deeper than any real survey (a condition inside `not` inside `all` … is still far below this). */
export const MAX_DEPTH = 64
export const MAX_ARRAY_LENGTH = 10_000

export type PlainCopy = { ok: true; value: unknown } | { ok: false; path: PropertyKey[]; message: string }

class NotPlain extends Error {}

export function toPlainData(input: unknown): PlainCopy {
  const path: PropertyKey[] = []
  const ancestors = new Set<object>()

  function copy(value: unknown, depth: number): unknown {
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'undefined') {
      return value
    }
    if (typeof value === 'number') return value // NaN and Infinity are refused by the schema, with a path
    if (typeof value !== 'object') throw new NotPlain(`expected JSON data, got a ${typeof value}`)
    if (ancestors.has(value)) throw new NotPlain('expected plain data, got a cycle (an object that contains itself)')
    if (depth >= MAX_DEPTH) throw new NotPlain(`expected data nested at most ${MAX_DEPTH} levels deep`)
    ancestors.add(value)
    let out: unknown
    if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY_LENGTH) throw new NotPlain(`expected at most ${MAX_ARRAY_LENGTH} items`)
      const items: unknown[] = []
      for (let index = 0; index < value.length; index++) {
        path.push(index)
        items.push(copy(value[index], depth + 1))
        path.pop()
      }
      out = items
    } else {
      const object: Record<string, unknown> = {}
      for (const key of Object.keys(value)) {
        path.push(key)
        const item = copy((value as Record<string, unknown>)[key], depth + 1)
        // A key "__proto__" stays an own (unknown, reported) key, not a prototype. defineProperty only
        // there: on every key it turns the copies into slow dictionary objects (10× the time).
        if (key === '__proto__') {
          Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true })
        } else {
          object[key] = item
        }
        path.pop()
      }
      out = object
    }
    ancestors.delete(value)
    return out
  }

  try {
    return { ok: true, value: copy(input, 0) }
  } catch (error) {
    const message =
      error instanceof NotPlain
        ? error.message
        : `expected plain data, reading it threw: ${describeError(error)} (a getter or Proxy?)`
    return { ok: false, path: [...path], message }
  }
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return 'an unprintable error'
  }
}
