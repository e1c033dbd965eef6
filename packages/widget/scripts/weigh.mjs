// Weighs the widget's chunks byte by byte: builds the standalone bundle with source maps into a
// temporary folder, then prints, per chunk, the minified bytes of each source file and what it costs
// after gzip (the chunk's gzip size minus its gzip size without that file's bytes, so the rows do not add
// up to the total: gzip shares a dictionary across the file). Run: pnpm --filter @touchloop/widget weigh
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..')
const gzip = (text) => gzipSync(text, { level: 9 }).length

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The segments of a source map's `mappings`, as [generated line, column, source index]. */
function decodeMappings(mappings) {
  const segments = []
  let source = 0
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0
    for (const segment of line.split(',')) {
      if (!segment) continue
      const fields = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = BASE64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += fields[0]
      if (fields.length > 1) source += fields[1]
      segments.push([lineIndex, column, fields.length > 1 ? source : -1])
    }
  })
  return segments
}

function weigh(file) {
  const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '')
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'))
  const lineStarts = [0]
  for (const line of code.split('\n')) lineStarts.push(lineStarts.at(-1) + line.length + 1)
  const segments = decodeMappings(map.mappings)
  const ranges = new Map()
  segments.forEach(([line, column, source], index) => {
    const start = lineStarts[line] + column
    // A segment runs to the next one, across lines (a multi-line CSS template has segments only at its start).
    const next = segments[index + 1]
    const end = next ? lineStarts[next[0]] + next[1] : code.length
    const name = source < 0 ? '(glue)' : map.sources[source].replace(/.*\/(packages|node_modules)\//, '')
    if (!ranges.has(name)) ranges.set(name, [])
    ranges.get(name).push([start, end])
  })
  const total = gzip(code)
  const rows = [...ranges].map(([name, list]) => {
    const marked = [...code]
    let bytes = 0
    for (const [start, end] of list) {
      for (let i = start; i < end && i < marked.length; i++) marked[i] = ''
      bytes += Math.max(0, end - start)
    }
    return { name, bytes, gzip: total - gzip(marked.join('')) }
  })
  rows.sort((a, b) => b.gzip - a.gzip)
  return { total: { bytes: code.length, gzip: total }, rows }
}

const outDir = mkdtempSync(join(tmpdir(), 'touchloop-widget-weigh-'))
try {
  await build({
    root,
    configFile: join(root, 'vite.standalone.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, sourcemap: true },
  })
  const chunks = [
    'widget.js',
    ...readdirSync(join(outDir, 'chunks'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => `chunks/${name}`),
  ]
  for (const chunk of chunks.filter((name) => !/chunks\/[a-z]{2}\.js$/.test(name))) {
    const { total, rows } = weigh(join(outDir, chunk))
    console.log(`\n${chunk}: ${total.bytes} B minified, ${total.gzip} B gzip`)
    console.log('| source | minified B | gzip B (marginal) |\n| --- | ---: | ---: |')
    for (const row of rows) console.log(`| ${row.name} | ${row.bytes} | ${row.gzip} |`)
  }
} finally {
  rmSync(outDir, { recursive: true, force: true })
}
