// Hash routes (#/responses?surveyId=…): the collector serves one page, and filters survive a reload.
import { useEffect, useState } from 'preact/hooks'

export interface Route {
  path: string
  params: URLSearchParams
}

function current(): Route {
  const hash = location.hash.replace(/^#/, '') || '/'
  const [path = '/', search = ''] = hash.split('?', 2)
  return { path, params: new URLSearchParams(search) }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current)
  useEffect(() => {
    const update = () => setRoute(current())
    addEventListener('hashchange', update)
    return () => removeEventListener('hashchange', update)
  }, [])
  return route
}

export function href(path: string, params: Record<string, string | undefined | false> = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value)
  const text = search.toString()
  return `#${path}${text ? `?${text}` : ''}`
}

/** Replaces the current filters (no new history entry per keystroke). */
export function setParams(path: string, params: Record<string, string | undefined | false>): void {
  history.replaceState(null, '', href(path, params))
  dispatchEvent(new HashChangeEvent('hashchange'))
}
