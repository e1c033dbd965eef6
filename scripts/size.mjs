// Runs each package's size-limit budgets (the "size-limit" field of its package.json, next to the
// code) and keeps the sizes quoted in README.md (and through it the docs site) true: the table between the size markers must match
// the measured figures within 5%. `node scripts/size.mjs --write` rewrites that table.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const sizeLimitBin = join(root, 'node_modules/.bin/size-limit')
// VitePress region markers: docs/performance.md includes this table (`<!--@include: ../README.md#size-table-->`),
// so the docs site shows the same measured figures without a copy.
const START = '<!-- #region size-table -->'
const END = '<!-- #endregion size-table -->'
const TOLERANCE = 0.05

const results = []
let failed = false
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const cwd = join(root, 'packages', dir)
  const manifestPath = join(cwd, 'package.json')
  if (!existsSync(manifestPath)) continue
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  if (!Array.isArray(manifest['size-limit'])) continue
  let output
  try {
    output = execFileSync(sizeLimitBin, ['--json'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  } catch (error) {
    // size-limit exits 1 when a budget is exceeded but still prints its JSON.
    output = error.stdout
    if (!output) throw error
  }
  for (const entry of JSON.parse(output)) {
    const limit = manifest['size-limit'].find((item) => item.name === entry.name)?.limit
    results.push({ package: manifest.name, name: entry.name, size: entry.size, limit, passed: entry.passed })
    if (!entry.passed) failed = true
  }
}

const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`
for (const r of results) {
  console.log(`${r.passed ? 'ok  ' : 'FAIL'} ${r.package} · ${r.name}: ${kb(r.size)} gzip (limit ${r.limit})`)
}

const table = [
  START,
  '| package | what | size (min + gzip) |',
  '| --- | --- | --- |',
  ...results.map((r) => `| \`${r.package}\` | ${r.name} | ${kb(r.size)} |`),
  END,
].join('\n')

const readmePath = join(root, 'README.md')
const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : ''
const start = readme.indexOf(START)
const end = readme.indexOf(END)
if (process.argv.includes('--write')) {
  if (start < 0 || end < 0) throw new Error(`README.md needs the markers ${START} and ${END}`)
  writeFileSync(readmePath, readme.slice(0, start) + table + readme.slice(end + END.length))
  // Biome also formats Markdown (it aligns the table): keep `pnpm lint` green after a rewrite.
  execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', readmePath], { stdio: 'ignore' })
  console.log('README.md size table updated')
} else if (start < 0 || end < 0) {
  console.error(`README.md has no size table (${START} … ${END}); run: node scripts/size.mjs --write`)
  failed = true
} else {
  const quoted = new Map()
  for (const line of readme.slice(start, end).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim())
    const match = /^([\d.]+) kB$/.exec(cells[3] ?? '')
    if (match) quoted.set(`${cells[1].replaceAll('`', '')} · ${cells[2]}`, Number(match[1]) * 1000)
  }
  for (const r of results) {
    const key = `${r.package} · ${r.name}`
    const said = quoted.get(key)
    if (said === undefined || Math.abs(said - r.size) > r.size * TOLERANCE) {
      console.error(
        `README.md quotes ${said === undefined ? 'no size' : kb(said)} for "${key}", measured ${kb(r.size)}: run node scripts/size.mjs --write`,
      )
      failed = true
    }
  }
}
process.exit(failed ? 1 : 0)
