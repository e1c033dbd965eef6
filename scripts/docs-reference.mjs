// Writes the generated pages of the docs site (run by `docs:build` and `docs:dev`; the output is
// git-ignored): docs/reference/survey.md from packages/core/survey.schema.json.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { checkAnnotations, renderSurveyReference } from './docs/survey-reference.mjs'

const root = resolve(import.meta.dirname, '..')
const schema = JSON.parse(readFileSync(join(root, 'packages/core/survey.schema.json'), 'utf8'))
const annotations = JSON.parse(readFileSync(join(root, 'docs/reference/survey-fields.json'), 'utf8'))

const { undescribed, unknown } = checkAnnotations(schema, annotations)
for (const key of undescribed)
  console.warn(`docs: survey field "${key}" has no description in docs/reference/survey-fields.json`)
for (const key of unknown)
  console.warn(`docs: docs/reference/survey-fields.json describes "${key}", which the schema no longer has`)

const target = join(root, 'docs/reference/survey.md')
writeFileSync(target, renderSurveyReference(schema, annotations))
console.log(`wrote ${target}`)
