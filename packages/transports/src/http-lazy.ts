// The http transport for the script tag's page load: the same transport as createHttpTransport(), but
// only its URL and write key are checked at once (they are all the embed passes); the code that builds
// and sends requests (http.ts with its option checks, the POST and keepalive helpers) is a lazy chunk,
// loaded with the delivery stage through `load()` (core awaits it before the queue starts).
import type { Transport } from '@touchloop/core'
import type { HttpTransportOptions } from './http'
import { httpTarget, MAX_BATCH_BYTES, MAX_BATCH_SIZE } from './shared/http-target'

export type LazyHttpTransportOptions = Pick<HttpTransportOptions, 'url' | 'writeKey' | 'simple' | 'fetch'>

/**
 * createHttpTransport(options), its code loaded on first use. `url` and `writeKey` are checked here
 * (a TouchloopConfigError now, as with createHttpTransport); the transport has the default name and limits.
 */
export function createLazyHttpTransport(options: LazyHttpTransportOptions): Transport {
  const { baseUrl } = httpTarget(options)
  let loaded: Transport | undefined
  let loading: Promise<Transport> | undefined
  const load = () =>
    (loading ??= import('./http').then(
      ({ createHttpTransport }) => (loaded = createHttpTransport(options)),
      (error) => {
        loading = undefined // a failed chunk load may succeed later
        throw error
      },
    ))
  return {
    name: `http:${baseUrl}`,
    maxBatchSize: MAX_BATCH_SIZE,
    maxBatchBytes: MAX_BATCH_BYTES,
    load: async () => {
      await load()
    },
    send: async (batch, context) => (await load()).send(batch, context),
    // Synchronous at unload: only once the code is here (the delivery stage loads it before it sends).
    sendOnUnload: (batch) => loaded?.sendOnUnload?.(batch) ?? false,
  }
}
