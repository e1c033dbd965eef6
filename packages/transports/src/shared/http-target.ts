// Where the http transport posts (URL + write key) and its default limits: the checks both the full
// factory (http.ts) and the script tag's lazy one (http-lazy.ts) run when the app creates them.
import { TouchloopConfigError } from '@touchloop/core'
import { requireUrl } from './url-option'

export const MAX_BATCH_SIZE = 50
export const MAX_BATCH_BYTES = 256 * 1024

/** The checked POST URL (`baseUrl`, which names the queue) and the same with the write key (`url`). */
export function httpTarget(options: { url: unknown; writeKey?: unknown }): { baseUrl: string; url: string } {
  const baseUrl = requireUrl('http', 'url', options.url, 'https://feedback.example.com/v1/responses')
  const { writeKey } = options
  if (writeKey === undefined) return { baseUrl, url: baseUrl }
  if (typeof writeKey !== 'string' || !/^[A-Za-z0-9_-]{8,200}$/.test(writeKey)) {
    throw new TouchloopConfigError(
      'http/invalid-write-key',
      'http transport: `writeKey` must be the public write key the collector was given (8–200 letters, digits, _ or -), e.g. "pk_shop_4f9a2c7d".',
    )
  }
  const withKey = new URL(baseUrl)
  withKey.searchParams.set('key', writeKey)
  return { baseUrl, url: withKey.href }
}
