// The CDN layout of the script-tag build, shared by the two Vite configs:
//   dist/touchloop.js            the loader (stable URL, short-lived cache; SRI in dist/manifest.json)
//   dist/<version>/boot-<hash>.js, dist/<version>/widget-<hash>.js, dist/<version>/chunks/<name>-<hash>.js
//                                content-hashed ES modules in a versioned folder (immutable cache)
//   dist/manifest.json           version, every file with its logical name and SRI hash, the loader's
//                                <script> tag, and the Cache-Control each part should be served with
// The loader carries the chunks' hashes and adds them to the page as an import map `integrity`, so a
// browser that supports it refuses a chunk that does not match (see src/integrity.ts).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export const EMBED_ROOT = join(import.meta.dirname, '..')
export const DIST = join(EMBED_ROOT, 'dist')
export const VERSION: string = JSON.parse(readFileSync(join(EMBED_ROOT, 'package.json'), 'utf8')).version
export const LOADER = 'touchloop.js'

/** Cache-Control for each part (docs/embed.md explains why). */
export const CACHE_CONTROL = {
  loader: 'public, max-age=300, must-revalidate',
  versioned: 'public, max-age=31536000, immutable',
  manifest: 'no-cache',
}

/**
 * An SRI value (base64) of some bytes. The loader's own tag gets sha384 (the usual choice); the
 * modules get sha256, because the loader carries one hash per module at page load and a sha256 is a
 * third shorter (each is incompressible) while still a collision-resistant pin.
 */
export function sriOf(bytes: Buffer | string, algorithm: 'sha256' | 'sha384' = 'sha256'): string {
  return `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`
}

/** `0.1.0/chunks/validate-Dx3_aB1c.js` → `chunks/validate` (what budgets and tests call it). */
export function logicalName(file: string): string {
  return file
    .slice(VERSION.length + 1)
    .replace(/-[A-Za-z0-9_-]{8}\.js$/, '')
    .replace(/\.js$/, '')
}

/** Every .js file of the versioned folder, relative to dist/, sorted. */
export function versionedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) return walk(path)
      return name.endsWith('.js') ? [relative(DIST, path)] : []
    })
  return walk(join(DIST, VERSION)).sort()
}

export interface CdnFile {
  file: string
  integrity: string
}

export interface CdnManifest {
  version: string
  loader: CdnFile & { scriptTag: string }
  /** Logical name (`boot`, `widget`, `chunks/validate`, …) → file under the versioned folder. */
  files: Record<string, CdnFile>
  cacheControl: { [path: string]: string }
}

/** What the loader needs at run time: boot's and the widget's paths, and each chunk's SRI hash. */
export function loaderDefines(): Record<string, string> {
  const files = versionedFiles()
  const find = (name: string) => {
    const file = files.find((f) => logicalName(f) === name)
    if (!file) throw new Error(`embed: the ESM build made no ${name} file in dist/${VERSION}/`)
    return file
  }
  // The loader's compact list (src/integrity.ts): `path hash` relative to the version folder, comma-separated.
  const integrity = files
    .map((file) => {
      const sri = sriOf(readFileSync(join(DIST, file)))
      const path = file.slice(VERSION.length + 1, -'.js'.length)
      // The loader appends these paths to the folder's URL as they are (src/integrity.ts): plain names only.
      if (!sri.startsWith('sha256-') || !file.endsWith('.js') || !/^[\w/-]+$/.test(path)) {
        throw new Error(`embed: cannot list ${file} (${sri}) in the loader's integrity map`)
      }
      return `${path} ${sri.slice('sha256-'.length)}`
    })
    .join(',')
  return {
    __TOUCHLOOP_BOOT__: JSON.stringify(find('boot')),
    __TOUCHLOOP_WIDGET__: JSON.stringify(find('widget')),
    __TOUCHLOOP_INTEGRITY__: JSON.stringify(integrity),
  }
}

// The loader is a classic script for <script src>, not a module to import; the export exists so tools
// can resolve its path (e.g. to copy dist/ into a public folder). It exports nothing.
const LOADER_DECLARATION = `// touchloop.js is a classic script for <script async src>; importing it gives nothing.
export {}
`

/** Writes dist/manifest.json once the loader exists, and returns it. */
export function writeManifest(): CdnManifest {
  const loaderIntegrity = sriOf(readFileSync(join(DIST, LOADER)), 'sha384')
  const files: Record<string, CdnFile> = {}
  for (const file of versionedFiles())
    files[logicalName(file)] = { file, integrity: sriOf(readFileSync(join(DIST, file))) }
  const manifest: CdnManifest = {
    version: VERSION,
    loader: {
      file: LOADER,
      integrity: loaderIntegrity,
      scriptTag: `<script async src="https://YOUR-CDN/touchloop/${LOADER}" integrity="${loaderIntegrity}" crossorigin="anonymous"></script>`,
    },
    files,
    cacheControl: {
      [LOADER]: CACHE_CONTROL.loader,
      [`${VERSION}/`]: CACHE_CONTROL.versioned,
      'manifest.json': CACHE_CONTROL.manifest,
    },
  }
  writeFileSync(join(DIST, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(join(DIST, 'touchloop.d.ts'), LOADER_DECLARATION)
  return manifest
}
