import { describe, expect, it } from 'vitest'
import { fullSurvey } from '../test-support/survey-fixtures'
import { formatIssueLines } from './format-issues'
import { surveySchema } from './survey'
import { validateSurveys, validateSurveysInSlices } from './validate'

const minimal = {
  id: 'min',
  touchpoints: [{ type: 'event', event: 'x' }],
  questions: [{ id: 'q', type: 'nps', text: 'Recommend?' }],
}

function errorsOf(input: unknown): string[] {
  const result = surveySchema.safeParse(input)
  return result.success ? [] : formatIssueLines(result.error.issues, input, 'surveys[2]')
}

describe('surveySchema', () => {
  it('accepts a survey that uses every feature of the model', () => {
    expect(errorsOf(fullSurvey)).toEqual([])
    expect(surveySchema.parse(fullSurvey)).toEqual(fullSurvey)
  })

  it('names the path and the expectation, and quotes the value', () => {
    const input = { ...minimal, questions: [{ id: 'q', type: 'rating', text: 'Rate', scale: 12 }] }
    expect(errorsOf(input)).toEqual(['surveys[2].questions[0].scale: expected an integer 3–10, got 12'])
  })

  it('explains unknown question types, missing fields, wrong types and typos', () => {
    expect(errorsOf({ ...minimal, questions: [{ id: 'q', type: 'slider', text: 'x' }] })).toEqual([
      'surveys[2].questions[0].type: expected type to be one of nps, csat, ces, rating, single, multi, text, cta, consent, got "slider"',
    ])
    expect(errorsOf({ ...minimal, touchpoints: [{ type: 'scroll', percent: 150 }] })).toEqual([
      'surveys[2].touchpoints[0].percent: expected a number 1–100, got 150',
    ])
    expect(errorsOf({ ...minimal, sampel: 0.5 })).toEqual(['surveys[2]: unknown key "sampel" (check the spelling)'])
    expect(errorsOf({ ...minimal, questions: [] })).toEqual([
      'surveys[2].questions: expected at least one question, got an array of 0',
    ])
    expect(errorsOf({ ...minimal, questions: [{ id: 'q', type: 'single', text: 'x' }] })).toEqual([
      'surveys[2].questions[0].choices: expected array, got nothing',
    ])
  })

  it('checks references between questions, jumps and endings', () => {
    const input = {
      ...minimal,
      questions: [
        { id: 'a', type: 'nps', text: 'x', showIf: { question: 'b', op: 'answered' } },
        {
          id: 'b',
          type: 'text',
          text: 'y',
          jumps: [{ if: { question: 'b', op: 'npsCategory', value: 'promoter' }, to: 'nowhere' }],
        },
        { id: 'b', type: 'csat', text: 'z' },
      ],
      endings: [{ id: 'a', title: 'dup' }],
    }
    expect(errorsOf(input)).toEqual([
      'surveys[2].questions[2].id: expected a unique question id, "b" is used twice',
      'surveys[2].endings[0].id: expected an ending id different from every question id, other ending and "end", "a" is taken',
      'surveys[2].questions[0].showIf.question: expected an earlier question id, got "b"',
      'surveys[2].questions[1].jumps[0].if.question: expected an nps question for op "npsCategory", "b" is not one',
      'surveys[2].questions[1].jumps[0].to: expected a later question id, an ending id or "end", got "nowhere"',
    ])
  })

  it('rejects an invalid regex URL rule and a schedule that ends before it starts', () => {
    expect(
      errorsOf({
        ...minimal,
        startsAt: '2026-12-01T00:00:00Z',
        endsAt: '2026-11-01T00:00:00Z',
        touchpoints: [{ type: 'pageview', url: [{ op: 'regex', value: '([' }] }],
      }),
    ).toEqual([
      'surveys[2].touchpoints[0].url[0].value: expected a valid regular expression for op "regex" (Invalid regular expression: /([/: Unterminated character class); for a literal text use op "contains", got "(["',
      'surveys[2].endsAt: expected endsAt after startsAt (2026-12-01T00:00:00Z), got "2026-11-01T00:00:00Z"',
    ])
  })
})

describe('validateSurveys', () => {
  it('keeps the valid surveys and reports each bad one with its index', () => {
    const result = validateSurveys([minimal, { id: 'x' }, 'nonsense', { ...minimal }])
    expect(result.surveys.map((s) => s.id)).toEqual(['min'])
    expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'surveys[1].touchpoints: expected array, got nothing',
      'surveys[1].questions: expected array, got nothing',
      'surveys[2]: expected object, got "nonsense"',
      'surveys[3].id: expected a unique survey id, "min" is defined twice (the first one is kept)',
    ])
    expect(result.issues[0]?.surveyId).toBe('x')
  })
})

describe('validateSurveysInSlices', () => {
  it('gives the same result as validateSurveys, yielding to the page between slices', async () => {
    const inputs = [minimal, { id: 'x' }, { ...minimal, id: 'other' }, minimal]
    let clock = 0
    const slow = () => (clock += 5) // every survey "takes" 5 ms: a yield every other survey
    expect(await validateSurveysInSlices(inputs, 'surveys', slow)).toEqual(validateSurveys(inputs))
  })
})
