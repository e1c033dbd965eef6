// Subresource integrity for the ES modules touchloop.js loads. A dynamic import() takes no integrity
// attribute, but an import map can carry one per URL (`"integrity": {url: "sha256-…"}`), and browsers
// that support it then refuse a module whose bytes differ. Where import maps are not supported this
// adds nothing (the loader's own SRI, on its <script> tag, still pins which files it names).

/**
 * Every module of this version as `path hash,path hash,…`: the path relative to the version folder
 * without `.js`, the sha256 SRI value without its `sha256-` prefix. The loader carries it at page load;
 * the hashes themselves are incompressible, so the list spends no byte on anything else.
 */
export type IntegrityList = string

/** The import map JSON for the modules of the version folder `base` is in (the boot module's URL). */
export function integrityImportMap(list: IntegrityList, base: string): string {
  // One URL parse for the folder, not one per module: the paths are plain relative names (content-hashed
  // file names, letters, digits, `-`, `_`, `/`), so appending them to the folder is the same resolution.
  const folder = new URL('.', base).href
  const integrity: Record<string, string> = {}
  for (const entry of list.split(',')) {
    const [path, hash] = entry.split(' ')
    integrity[`${folder}${path}.js`] = `sha256-${hash}`
  }
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
