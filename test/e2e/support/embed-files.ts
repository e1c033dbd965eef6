// The embed's files as the size budgets name them: budgets use globs (`dist/*/chunks/validate-*.js`,
// since the CDN build content-hashes every module under a versioned folder); this expands them against
// the files dist/manifest.json lists, so a test can compare what a page loaded with what is budgeted.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EMBED_DIST, ROOT } from './loop'

interface EmbedManifest {
  loader: { file: string }
  files: Record<string, { file: string; integrity: string }>
}

export function readEmbedManifest(): EmbedManifest {
  return JSON.parse(readFileSync(join(EMBED_DIST, 'manifest.json'), 'utf8')) as EmbedManifest
}

/** Every shipped CDN file, as `dist/<path>`. */
export function embedFiles(): string[] {
  const manifest = readEmbedManifest()
  return [manifest.loader.file, ...Object.values(manifest.files).map((entry) => entry.file)].map((f) => `dist/${f}`)
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')
  return new RegExp(`^${escaped}$`)
}

/** The files a size-limit entry of packages/embed/package.json measures (its name's start is enough). */
export function budgetedEmbedFiles(nameStart: string): string[] {
  const budgets = JSON.parse(readFileSync(join(ROOT, 'packages/embed/package.json'), 'utf8'))['size-limit'] as {
    name: string
    path: string | string[]
  }[]
  const entry = budgets.find((budget) => budget.name.startsWith(nameStart))
  if (!entry) throw new Error(`packages/embed/package.json has no size-limit entry starting "${nameStart}"`)
  const files = embedFiles()
  return [entry.path].flat().flatMap((glob) => {
    const matches = files.filter((file) => globToRegExp(glob).test(file))
    if (matches.length !== 1) throw new Error(`size-limit path "${glob}" matches ${matches.length} built files, not 1`)
    return matches
  })
}
