// The endpoint of a service under a host option that may carry a path of its own: a reverse proxy
// mounted at `https://example.com/ingest` must receive `https://example.com/ingest/batch/`, not the
// `https://example.com/batch/` that `new URL('/batch/', host)` gives.

/** `host` (an absolute URL, validated before) with `path` appended to its path. */
export function endpointUnder(host: string, path: string): string {
  const url = new URL(host)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
  return url.href
}
