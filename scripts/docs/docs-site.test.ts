// @vitest-environment node
// What the VitePress build does not check by itself: sidebar links that point at no page, and an
// include whose region is missing (VitePress then leaves the comment and renders nothing).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const docs = join(root, 'docs')

function pageFor(link: string): string {
  const path = link.split('#')[0]!.replace(/^\//, '')
  return path === '' || path.endsWith('/') ? join(docs, path, 'index.md') : join(docs, `${path}.md`)
}

describe('docs site', () => {
  it('has a page for every sidebar and nav link (the generated survey reference is written by docs:build)', () => {
    const config = readFileSync(join(docs, '.vitepress/config.mts'), 'utf8')
    const links = [...config.matchAll(/link: '([^']+)'/g)].map((m) => m[1]!)
    const transports = [...config.matchAll(/const transports = \[([^\]]+)\]/g)][0]![1]!.match(/'(\w+)'/g)!
    links.push(...transports.map((name) => `/transports/${name.slice(1, -1)}`))
    expect(links.length).toBeGreaterThan(20)
    const missing = links.filter((link) => link !== '/reference/survey' && !existsSync(pageFor(link)))
    expect(missing).toEqual([])
  })

  it('finds the region of every @include', () => {
    const pages = readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.md') && !file.includes('node_modules'),
    )
    const includes = pages.flatMap((page) =>
      [...readFileSync(join(docs, page), 'utf8').matchAll(/<!--@include: ([^#\s]+)#([\w-]+)-->/g)].map((m) => ({
        file: resolve(join(docs, page, '..'), m[1]!),
        region: m[2]!,
      })),
    )
    expect(includes.length).toBeGreaterThanOrEqual(2)
    for (const { file, region } of includes) {
      const text = readFileSync(file, 'utf8')
      expect(text, `${file} #${region}`).toContain(`<!-- #region ${region} -->`)
      expect(text, `${file} #${region}`).toContain(`<!-- #endregion ${region} -->`)
    }
  })

  it('has the speed figures the performance page renders', () => {
    const bench = JSON.parse(readFileSync(join(docs, 'data/bench.json'), 'utf8'))
    expect(bench.rows.length).toBeGreaterThan(5)
    for (const row of bench.rows) expect(row).toMatchObject({ what: expect.any(String), value: expect.any(Number) })
  })
})
