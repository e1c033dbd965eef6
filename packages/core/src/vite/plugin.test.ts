// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { surveyIssues, touchloopSurveys } from './plugin'

const valid = {
  id: 'nps',
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
}

function transform(code: string, id: string, options?: Parameters<typeof touchloopSurveys>[0]) {
  const context = {
    error(message: string): never {
      throw new Error(message)
    },
  }
  return touchloopSurveys(options).transform.call(context, code, id)
}

describe('touchloopSurveys()', () => {
  it('lets valid survey files through unchanged and ignores other files', () => {
    expect(transform(JSON.stringify(valid), '/app/src/nps.survey.json')).toBeNull()
    expect(transform(JSON.stringify({ surveys: [valid] }), '/app/src/all.surveys.json?import')).toBeNull()
    expect(transform('{ not json', '/app/src/package.json')).toBeNull()
  })

  it('fails the build with path: message per issue', () => {
    const bad = [valid, { ...valid, id: 'r', questions: [{ id: 'q', type: 'rating', text: 'Rate', scale: 12 }] }]
    expect(() => transform(JSON.stringify(bad), '/app/src/list.surveys.json')).toThrow(
      'invalid survey definition in /app/src/list.surveys.json:\n  surveys[1].questions[0].scale: expected an integer 3–10, got 12',
    )
    expect(() => transform('{', '/app/surveys/x.json', { include: /\/surveys\/.*\.json$/ })).toThrow(
      /\(root\): expected JSON/,
    )
  })

  it('reads one survey, an array or a remote config document', () => {
    expect(surveyIssues(JSON.stringify({ ...valid, sampel: 1 }))).toEqual([
      { path: '(root)', message: 'unknown key "sampel" (check the spelling)' },
    ])
    expect(surveyIssues(JSON.stringify({ surveys: [valid, valid] })).map((issue) => issue.path)).toEqual([
      'surveys[1].id',
    ])
  })
})
