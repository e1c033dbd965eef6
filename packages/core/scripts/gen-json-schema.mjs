// Writes survey.schema.json from the built schema module (run by `pnpm build` after vite build).
// A unit test (src/schema/json-schema.test.ts) fails when the committed file is out of date.
import { writeFileSync } from 'node:fs'
import { surveyJsonSchemaText } from '../dist/schema.js'

const target = new URL('../survey.schema.json', import.meta.url)
writeFileSync(target, surveyJsonSchemaText())
console.log(`wrote ${target.pathname}`)
