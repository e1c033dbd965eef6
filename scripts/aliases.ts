// Maps every workspace package's exports to its TypeScript source (the "source" export condition),
// so tests and internal builds run on src/ without a build step in between.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

export function workspaceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = []
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifestPath = join(root, 'packages', dir, 'package.json')
    if (!existsSync(manifestPath)) continue
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    for (const [subpath, target] of Object.entries<Record<string, string> | string>(manifest.exports ?? {})) {
      if (typeof target !== 'object' || !target.source) continue
      const specifier = manifest.name + subpath.slice(1)
      const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
      aliases.push({ find: new RegExp(`^${escaped}$`), replacement: join(root, 'packages', dir, target.source) })
    }
  }
  return aliases
}
