import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script without declarations
import { fixDeclarations } from './fix-dts-specifiers.mjs'

function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fix-dts-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('fixDeclarations', () => {
  it('gives every relative specifier the file that exists, so node16/nodenext resolution finds it', () => {
    const dir = dist({
      'index.d.ts': `export type * from './api';\nexport { a } from "./schema";\nexport type X = import('./api').Api;\nexport { zod } from 'zod/mini';\n`,
      'api.d.ts': 'export interface Api {}\n',
      'schema/index.d.ts': `export { b } from '../api';\nexport declare const a: import("..").X;\n`,
    })
    expect(fixDeclarations(dir)).toBe(2)
    expect(readFileSync(join(dir, 'index.d.ts'), 'utf8')).toBe(
      `export type * from './api.js';\nexport { a } from "./schema/index.js";\nexport type X = import('./api.js').Api;\nexport { zod } from 'zod/mini';\n`,
    )
    expect(readFileSync(join(dir, 'schema/index.d.ts'), 'utf8')).toBe(
      `export { b } from '../api.js';\nexport declare const a: import("../index.js").X;\n`,
    )
    expect(fixDeclarations(dir)).toBe(0)
  })

  it('refuses a specifier that names no declaration file instead of shipping it', () => {
    const dir = dist({ 'index.d.ts': `export * from './missing';\n` })
    expect(() => fixDeclarations(dir)).toThrow(/"\.\/missing" names no declaration file/)
  })
})
