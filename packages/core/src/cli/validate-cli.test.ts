// @vitest-environment node
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './validate-cli'

const valid = {
  id: 'nps',
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'touchloop-cli-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return dir
}

async function run(args: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd })
  return { code, stdout, stderr }
}

describe('touchloop validate', () => {
  it('accepts valid files of every kind in a directory, exit 0', async () => {
    const cwd = workspace({
      'surveys/one.json': JSON.stringify(valid),
      'surveys/list.json': JSON.stringify([valid, { ...valid, id: 'two' }]),
      'surveys/doc.json': JSON.stringify({ surveys: [valid] }),
      'surveys/code.mjs': `export default ${JSON.stringify([valid])}`,
      'surveys/named.js': `export const surveys = ${JSON.stringify([valid])}`,
      'surveys/notes.txt': 'ignored',
      'surveys/node_modules/x.json': '{',
    })
    expect(await run(['validate', 'surveys'], cwd)).toEqual({
      code: 0,
      stdout: '✓ 6 valid surveys in 5 files\n',
      stderr: '',
    })
  })

  it('prints file: path: message per issue, exit 1', async () => {
    const cwd = workspace({
      'bad.json': JSON.stringify([
        valid,
        { ...valid, id: 'r', questions: [{ id: 'q', type: 'rating', text: 'Rate', scale: 12 }] },
      ]),
      'one.json': JSON.stringify({ ...valid, sampel: 1 }),
      'broken.json': '{ "id": ',
    })
    const result = await run(['validate', 'bad.json', 'one.json', 'broken.json', 'missing.json'], cwd)
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')).toEqual([
      'bad.json: surveys[1].questions[0].scale: expected an integer 3–10, got 12',
      'one.json: (root): unknown key "sampel" (check the spelling)',
      expect.stringMatching(/^broken\.json: \(file\): cannot load it: .*JSON/),
      expect.stringMatching(/^missing\.json: \(file\): cannot read it: ENOENT/),
      '',
    ])
    expect(result.stderr).toBe('✗ 4 issues in 4 files\n')
  })

  it('--json reports every file with its issues', async () => {
    const cwd = workspace({ 'a.json': JSON.stringify([valid, { id: 'x' }]) })
    const result = await run(['validate', '--json', 'a.json'], cwd)
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      surveys: 1,
      issues: 2,
      files: [
        {
          file: 'a.json',
          surveys: 1,
          issues: [
            { path: 'surveys[1].touchpoints', message: 'expected array, got nothing', surveyId: 'x' },
            { path: 'surveys[1].questions', message: 'expected array, got nothing', surveyId: 'x' },
          ],
        },
      ],
    })
  })

  it('explains its usage on a wrong call, exit 2', async () => {
    const cwd = workspace({})
    expect((await run([], cwd)).code).toBe(2)
    const noFile = await run(['validate'], cwd)
    expect(noFile.code).toBe(2)
    expect(noFile.stderr).toContain('touchloop validate: no file or directory given')
    expect((await run(['validate', '--fix', 'a.json'], cwd)).stderr).toContain('unknown option --fix')
    expect(await run(['--help'], cwd)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: touchloop validate'),
    })
  })
})
