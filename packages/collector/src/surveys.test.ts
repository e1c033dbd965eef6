// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDocument } from './survey-document'
import { loadSurveys } from './surveys'

const examples = join(import.meta.dirname, '../../../examples/surveys')

describe('loadSurveys', () => {
  it('loads the example surveys', () => {
    expect(loadSurveys(examples).map((survey) => survey.id)).toContain('post-checkout-nps')
  })

  it('names the file and the field path of an invalid survey', () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchloop-surveys-'))
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ id: 'bad', touchpoints: [], questions: [{ id: 'q', type: 'nps' }] }),
    )
    expect(() => loadSurveys(dir)).toThrow(/bad\.json: .*questions.*0.*text/)
    writeFileSync(join(dir, 'bad.json'), '{ nope')
    expect(() => loadSurveys(dir)).toThrow(/bad\.json: not valid JSON/)
  })

  it('loads a file exported by GET /v1/surveys/:id/export ($schema and all)', () => {
    const [survey] = loadSurveys(examples)
    const dir = mkdtempSync(join(tmpdir(), 'touchloop-surveys-'))
    writeFileSync(join(dir, 'exported.json'), exportDocument({ ...survey!, version: 4 }))
    expect(loadSurveys(dir)).toEqual([{ ...survey, version: 4 }])
  })
})
