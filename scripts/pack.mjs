// Packs every published workspace package (pnpm pack: `workspace:*` becomes the real version and
// `publishConfig.exports` replaces the workspace-only `exports`) into one folder, so checks and the
// consumer proof test exactly what npm would publish.
//
// Usage: node scripts/pack.mjs [out-dir]   (default: a fresh temp folder; prints one tarball a line)
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(import.meta.dirname, '..')

/** The publishable packages: { dir, manifest } for each packages/* without "private". */
export function publishedPackages() {
  return readdirSync(join(ROOT, 'packages'))
    .sort()
    .map((name) => join(ROOT, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
}

/** Packs each package into outDir; returns { name, version, tarball } per package. */
export function packAll(outDir = mkdtempSync(join(tmpdir(), 'touchloop-pack-'))) {
  mkdirSync(outDir, { recursive: true })
  return publishedPackages().map(({ dir, manifest }) => {
    for (const required of ['dist', 'README.md', 'LICENSE']) {
      if (!existsSync(join(dir, required))) {
        throw new Error(`${manifest.name}: ${required} is missing in ${dir} (run "npx -y pnpm@10 run build" first)`)
      }
    }
    const output = execFileSync('npx', ['-y', 'pnpm@10', 'pack', '--json', '--pack-destination', outDir], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const { filename } = JSON.parse(output)
    return { name: manifest.name, version: manifest.version, tarball: resolve(outDir, filename) }
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { tarball } of packAll(process.argv[2] && resolve(process.argv[2]))) console.log(tarball)
}
