// Post-build step for the shipped declaration files: `tsc` copies the extensionless relative imports
// of src/ (fine under bundler resolution) into dist/*.d.ts, where node16/nodenext resolution rejects
// them (TS2834) and silently turns the re-exported API into `any`. This rewrites every relative
// specifier in dist/**/*.d.ts to the file that exists: `./x` → `./x.js`, `./dir` → `./dir/index.js`.
// The source keeps its bundler-style imports; only what ships changes.
//
// Usage: node scripts/fix-dts-specifiers.mjs [dist]   (run from a package folder; default: dist)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// `from './x'`, `import './x'`, `import('./x')` and `import("./x")`, in any declaration file.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g

/** The specifier with an explicit file, or undefined when it names no declaration file. */
export function explicitSpecifier(specifier, fromFile) {
  if (/\.(js|mjs|cjs|json)$/.test(specifier)) return specifier
  const target = resolve(dirname(fromFile), specifier)
  if (existsSync(`${target}.d.ts`)) return `${specifier}.js`
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index.js`
  return undefined
}

/** Rewrites one file's text; throws on a relative specifier that names nothing (a broken .d.ts). */
export function rewriteDeclaration(text, file) {
  return text.replace(SPECIFIER, (_whole, lead, quote, specifier) => {
    const explicit = explicitSpecifier(specifier, file)
    if (explicit === undefined) {
      throw new Error(`${file}: "${specifier}" names no declaration file (looked for .d.ts and /index.d.ts)`)
    }
    return `${lead}${quote}${explicit}${quote}`
  })
}

function* declarationFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* declarationFiles(path)
    else if (name.endsWith('.d.ts')) yield path
  }
}

export function fixDeclarations(dist) {
  let changed = 0
  for (const file of declarationFiles(dist)) {
    const before = readFileSync(file, 'utf8')
    const after = rewriteDeclaration(before, file)
    if (after !== before) {
      writeFileSync(file, after)
      changed++
    }
  }
  return changed
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? 'dist')
  const changed = fixDeclarations(dist)
  console.log(
    `fix-dts-specifiers: ${changed} declaration files in ${relative(process.cwd(), dist) || '.'} now use explicit .js specifiers`,
  )
}
