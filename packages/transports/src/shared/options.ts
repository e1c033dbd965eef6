// Option checks shared by the adapters. Every check runs in the factory, so a misconfigured adapter
// fails when the app creates it (with a message that says what to pass), never at the first send.
import { TouchloopConfigError } from '@touchloop/core'
import { describe } from './url-option'

export { requireUrl } from './url-option'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export function requireObject(adapter: string, options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TouchloopConfigError(
      `${adapter}/invalid-options`,
      `${adapter} transport: pass an options object to the create…Transport() factory, got ${describe(options)}.`,
    )
  }
}

export function requireString(adapter: string, name: string, value: unknown, hint: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TouchloopConfigError(
      `${adapter}/missing-${name.toLowerCase()}`,
      `${adapter} transport: pass \`${name}\` (${hint}), got ${describe(value)}.`,
    )
  }
  return value.trim()
}

export function optionalPositiveInteger(
  adapter: string,
  name: string,
  value: unknown,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new TouchloopConfigError(
      `${adapter}/invalid-${name.toLowerCase()}`,
      `${adapter} transport: \`${name}\` must be a whole number from 1 to ${max}, got ${describe(value)}${typeof value === 'number' ? ` (${value})` : ''}.`,
    )
  }
  return value
}

export function optionalHeaders(adapter: string, value: unknown): Record<string, string> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TouchloopConfigError(
      `${adapter}/invalid-headers`,
      `${adapter} transport: \`headers\` must be an object of header name to string value, got ${describe(value)}.`,
    )
  }
  const headers: Record<string, string> = {}
  for (const [name, headerValue] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || typeof headerValue !== 'string') {
      throw new TouchloopConfigError(
        `${adapter}/invalid-headers`,
        `${adapter} transport: header ${JSON.stringify(name)} needs a token name and a string value, got ${describe(headerValue)}.`,
      )
    }
    headers[name] = headerValue
  }
  return headers
}

export function optionalFunction<F>(adapter: string, name: string, value: unknown): F | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'function') {
    throw new TouchloopConfigError(
      `${adapter}/invalid-${name.toLowerCase()}`,
      `${adapter} transport: \`${name}\` must be a function, got ${describe(value)}.`,
    )
  }
  return value as F
}

/** The app's fetch, or the global one looked up at call time (so polyfills and test stubs apply). */
export function resolveFetch(adapter: string, value: unknown): FetchLike {
  const custom = optionalFunction<FetchLike>(adapter, 'fetch', value)
  if (custom) return custom
  if (typeof globalThis.fetch !== 'function') {
    throw new TouchloopConfigError(
      `${adapter}/missing-fetch`,
      `${adapter} transport: this environment has no global fetch; pass \`fetch\` (e.g. from undici or a polyfill).`,
    )
  }
  return (input, init) => globalThis.fetch(input, init)
}

/**
 * An SDK instance the app passes instead of a key (posthog-js, analytics.js): never both, and it must have
 * the method the adapter calls. `both` and `missing` are the two messages, after "<adapter> transport: ".
 */
export function requireInstance<T>(
  adapter: string,
  key: unknown,
  instance: unknown,
  method: string,
  both: string,
  missing: string,
): T {
  if (key !== undefined) throw new TouchloopConfigError(`${adapter}/ambiguous-channel`, `${adapter} transport: ${both}`)
  if (
    typeof instance !== 'object' ||
    instance === null ||
    typeof (instance as Record<string, unknown>)[method] !== 'function'
  ) {
    throw new TouchloopConfigError(`${adapter}/missing-instance`, `${adapter} transport: ${missing}`)
  }
  return instance as T
}

export function optionalName(adapter: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback
  return requireString(adapter, 'name', value, 'a name unique among your transports; it names the queue')
}
