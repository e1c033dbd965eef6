// Subresource integrity for the ES modules touchloop.js loads. A dynamic import() takes no integrity
// attribute, but an import map can carry one per URL (`"integrity": {url: "sha256-…"}`), and browsers
// that support it then refuse a module whose bytes differ. Where import maps are not supported this
// adds nothing (the loader's own SRI, on its <script> tag, still pins which files it names).

/** [path relative to the loader, SRI hash] for every module of this version. */
export type IntegrityList = readonly (readonly [string, string])[]

/** The import map JSON for the modules under `base` (the loader's own URL). */
export function integrityImportMap(list: IntegrityList, base: string): string {
  const integrity: Record<string, string> = {}
  for (const [path, hash] of list) integrity[new URL(path, base).href] = hash
  return JSON.stringify({ imports: {}, integrity })
}

/** Adds the import map to the page before the first import(); false where the browser has no import maps. */
export function addIntegrityMap(doc: Document, list: IntegrityList, base: string): boolean {
  const supports = (doc.defaultView?.HTMLScriptElement as { supports?: (type: string) => boolean } | undefined)
    ?.supports
  if (!supports?.('importmap')) return false
  const map = doc.createElement('script')
  map.type = 'importmap'
  map.textContent = integrityImportMap(list, base)
  // A page's Content-Security-Policy nonce, if its own scripts carry one, so the map is not blocked.
  const nonce = (doc.currentScript as HTMLScriptElement | null)?.nonce
  if (nonce) map.nonce = nonce
  doc.head.append(map)
  return true
}
