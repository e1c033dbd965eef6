// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { surveyJsonSchemaText } from './json-schema'

describe('survey.schema.json', () => {
  it('is current (regenerate with `pnpm --filter @touchloop/core build`)', () => {
    const committed = readFileSync(new URL('../../survey.schema.json', import.meta.url), 'utf8')
    expect(committed).toBe(surveyJsonSchemaText())
  })

  it('describes question types, touchpoints and recursive conditions', () => {
    const schema = JSON.parse(surveyJsonSchemaText())
    expect(schema.$id).toBe('https://touchloop.dev/schema/survey.schema.json')
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'touchpoints', 'questions']))
    const text = JSON.stringify(schema)
    for (const type of [
      'nps',
      'csat',
      'ces',
      'rating',
      'single',
      'text',
      'cta',
      'consent',
      'exitIntent',
      'npsCategory',
    ]) {
      expect(text).toContain(`"${type}"`)
    }
    expect(text).toContain('"$ref"')
  })
})
