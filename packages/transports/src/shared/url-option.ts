// The option checks an adapter's page-load part needs (the script tag's lazy http transport): kept out
// of options.ts so page load does not carry every other adapter's checks.
import { TouchloopConfigError } from '@touchloop/core'

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value === '' ? 'an empty string' : `"${value.slice(0, 60)}"`
  return typeof value
}

/** An absolute http(s) URL, or (unless `absolute`) a path resolved against the page when there is one. */
export function requireUrl(adapter: string, name: string, value: unknown, example: string, absolute = false): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TouchloopConfigError(
      `${adapter}/invalid-${name.toLowerCase()}`,
      `${adapter} transport: pass \`${name}\` as an http(s) URL such as "${example}", got ${describe(value)}.`,
    )
  }
  const base = absolute || typeof location === 'undefined' ? undefined : location.href
  let parsed: URL
  try {
    parsed = new URL(value.trim(), base)
  } catch {
    throw new TouchloopConfigError(
      `${adapter}/invalid-${name.toLowerCase()}`,
      `${adapter} transport: \`${name}\` ${describe(value)} is not a valid URL; pass an absolute URL such as "${example}".`,
    )
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TouchloopConfigError(
      `${adapter}/invalid-${name.toLowerCase()}`,
      `${adapter} transport: \`${name}\` must use http or https, got "${parsed.protocol}" in ${describe(value)}.`,
    )
  }
  return parsed.href
}
