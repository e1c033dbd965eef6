// @vitest-environment node
// Every survey shown in the docs (a ```json block with "questions" in docs/**/*.md) and every example
// survey file passes the validator the SDK runs, so a copied recipe works as printed.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateSurveys } from '../../packages/core/src/schema/index'

const root = resolve(import.meta.dirname, '../..')

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return []
    const path = join(dir, entry.name)
    return entry.isDirectory() ? markdownFiles(path) : entry.name.endsWith('.md') ? [path] : []
  })
}

const surveysInDocs = markdownFiles(join(root, 'docs')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .filter((block) => block.trimStart().startsWith('{') && /^ {2}"questions": /m.test(block))
    .map((block, index) => ({ where: `${relative(root, file)} #${index + 1}`, text: block })),
)

const exampleSurveys = readdirSync(join(root, 'examples/surveys')).map((name) => ({
  where: `examples/surveys/${name}`,
  text: readFileSync(join(root, 'examples/surveys', name), 'utf8'),
}))

describe('surveys printed in the docs and shipped with the examples', () => {
  it('finds the recipes', () => {
    expect(surveysInDocs.filter((s) => s.where.startsWith('docs/recipes/')).length).toBeGreaterThanOrEqual(5)
  })

  it.each([...surveysInDocs, ...exampleSurveys])('$where is a valid survey', ({ text }) => {
    expect(validateSurveys([JSON.parse(text)]).issues).toEqual([])
  })
})
