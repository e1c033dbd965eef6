// One case per message class of the production guard: the path, what was expected, what was found.
import { describe, expect, it } from 'vitest'
import { guardSurvey, guardSurveys } from './guard'
import { checkSurvey } from './survey-list'
import { parseSurvey } from './validate'

const minimal = {
  id: 'min',
  touchpoints: [{ type: 'event', event: 'x' }],
  questions: [{ id: 'q', type: 'nps', text: 'Recommend?' }],
}
const withQuestion = (question: Record<string, unknown>) => ({ ...minimal, questions: [question] })
const withTouchpoint = (touchpoint: Record<string, unknown>) => ({ ...minimal, touchpoints: [touchpoint] })

function linesOf(input: unknown): string[] {
  const result = guardSurvey(input)
  return result.ok ? [] : result.issues.map(({ path, message }) => `${path}: ${message}`)
}

/** The zod schema's issues, formatted alike (`debug: true`, the collector, `touchloop validate`). */
function schemaLinesOf(input: unknown): string[] {
  const result = checkSurvey(input, 'survey', parseSurvey)
  return result.ok ? [] : result.issues.map(({ path, message }) => `${path}: ${message}`)
}

describe('guardSurvey', () => {
  it('returns a plain copy of a valid survey', () => {
    const result = guardSurvey(minimal)
    expect(result).toEqual({ ok: true, survey: minimal })
    expect(result.ok && result.survey).not.toBe(minimal)
  })

  it.each([
    ['a survey that is not an object', 'nonsense', 'survey: expected object, got "nonsense"'],
    [
      'a missing required field',
      { id: 'min', questions: minimal.questions },
      'survey.touchpoints: expected array, got nothing',
    ],
    ['a wrong type', { ...minimal, id: 7 }, 'survey.id: expected string, got 7'],
    [
      'a boolean expected',
      withQuestion({ id: 'q', type: 'nps', text: 'x', required: 'yes' }),
      'survey.questions[0].required: expected boolean, got "yes"',
    ],
    ['an unknown key', { ...minimal, sampel: 1 }, 'survey: unknown key "sampel" (check the spelling)'],
    ['two unknown keys', { ...minimal, a: 1, b: 2 }, 'survey: unknown keys "a", "b" (check the spelling)'],
    [
      'a value outside an enum',
      { ...minimal, status: 'live' },
      'survey.status: expected "active", "paused", "draft", got "live"',
    ],
    [
      'an unknown question type',
      withQuestion({ id: 'q', type: 'slider', text: 'x' }),
      'survey.questions[0].type: expected type to be one of nps, csat, ces, rating, single, multi, text, cta, consent, got "slider"',
    ],
    [
      'an unknown touchpoint type',
      withTouchpoint({ type: 'hover' }),
      'survey.touchpoints[0].type: expected type to be one of event, pageview, click, exitIntent, scroll, dwell, visits, got "hover"',
    ],
    [
      'an integer out of range',
      withQuestion({ id: 'q', type: 'rating', text: 'x', scale: 12 }),
      'survey.questions[0].scale: expected an integer 3–10, got 12',
    ],
    [
      'a fraction where an integer is expected',
      withTouchpoint({ type: 'event', event: 'x', nth: 1.5 }),
      'survey.touchpoints[0].nth: expected an integer 1–1000000, got 1.5',
    ],
    [
      'an unsafe integer',
      { ...minimal, version: 2 ** 53 },
      'survey.version: expected an integer ≥ 0, got 9007199254740992',
    ],
    [
      'a number out of range',
      withTouchpoint({ type: 'scroll', percent: 150 }),
      'survey.touchpoints[0].percent: expected a number 1–100, got 150',
    ],
    [
      'a number that is not finite',
      { ...minimal, sample: Number.NaN },
      'survey.sample: expected a number 0–1, got null',
    ],
    [
      'an empty string',
      withTouchpoint({ type: 'click', selector: '' }),
      'survey.touchpoints[0].selector: expected a non-empty string, got ""',
    ],
    [
      'a string too long',
      withTouchpoint({ type: 'event', event: 'x'.repeat(201) }),
      `survey.touchpoints[0].event: expected at most 200 characters, got "${'x'.repeat(56)}…`,
    ],
    [
      'a locale tag too long',
      { ...minimal, defaultLocale: 'x'.repeat(51) },
      `survey.defaultLocale: expected a locale tag of at most 50 characters, got "${'x'.repeat(51)}"`,
    ],
    [
      'a NUL in text',
      withQuestion({ id: 'q', type: 'nps', text: 'a\u0000b' }),
      'survey.questions[0].text: expected text without NUL (U+0000) or lone UTF-16 surrogates (the backend cannot store them), got "a\\u0000b"',
    ],
    [
      'a lone surrogate in a translation',
      withQuestion({ id: 'q', type: 'nps', text: { en: 'x\uD800' } }),
      'survey.questions[0].text.en: expected text without NUL (U+0000) or lone UTF-16 surrogates (the backend cannot store them), got "x\\ud800"',
    ],
    [
      'text that is neither a string nor per locale',
      withQuestion({ id: 'q', type: 'nps', text: 5 }),
      'survey.questions[0].text: expected a string or an object of strings per locale ({ "en": "…", "de": "…" }), got 5',
    ],
    [
      'a malformed id',
      { ...minimal, id: 'has space' },
      'survey.id: expected an id of 1–100 letters, digits, _ . : or -, got "has space"',
    ],
    [
      'a reserved id',
      withQuestion({ id: 'constructor', type: 'nps', text: 'x' }),
      'survey.questions[0].id: expected an id that is not a reserved JavaScript name (__proto__, constructor, prototype, toString, …), got "constructor"',
    ],
    [
      'a date that does not parse',
      { ...minimal, startsAt: 'soon' },
      'survey.startsAt: expected an ISO 8601 date, e.g. 2026-11-23T10:00:00Z, got "soon"',
    ],
    [
      'a property value of the wrong kind',
      withTouchpoint({ type: 'event', event: 'x', where: [{ prop: 'p', op: 'eq', value: {} }] }),
      'survey.touchpoints[0].where[0].value: expected a string, number or boolean, got an object',
    ],
    [
      'a condition that is not one',
      withQuestion({ id: 'q', type: 'nps', text: 'x', showIf: 'yes' }),
      'survey.questions[0].showIf: expected a condition: { all: [...] }, { any: [...] }, { not: {...} } or { question, op, value }, got "yes"',
    ],
    [
      'a display limit of the wrong kind',
      { ...minimal, fatigue: { displayLimit: 'twice' } },
      'survey.fatigue.displayLimit: expected "once", "untilAnswered" or an integer 1–1000000, got "twice"',
    ],
    [
      'no choices',
      withQuestion({ id: 'q', type: 'single', text: 'x', choices: [] }),
      'survey.questions[0].choices: expected at least one choice, got an array of 0',
    ],
    [
      'no questions',
      { ...minimal, questions: [] },
      'survey.questions: expected at least one question, got an array of 0',
    ],
    [
      'a regex that does not compile',
      withTouchpoint({ type: 'pageview', url: [{ op: 'regex', value: '([' }] }),
      'survey.touchpoints[0].url[0].value: expected a valid regular expression for op "regex" (Invalid regular expression: /([/: Unterminated character class); for a literal text use op "contains", got "(["',
    ],
    [
      'a cycle',
      {
        ...minimal,
        audience: (() => {
          const a: Record<string, unknown> = {}
          a.self = a
          return a
        })(),
      },
      'survey.audience.self: expected plain data, got a cycle (an object that contains itself)',
    ],
    ['a BigInt', { ...minimal, version: 1n }, 'survey.version: expected JSON data, got a bigint'],
  ])('%s (in the same words as the schema)', (_, input, line) => {
    expect(linesOf(input)).toEqual([line])
    expect(schemaLinesOf(input)).toEqual([line])
  })

  it('reports a getter that throws and a Proxy that throws, without throwing', () => {
    const getter = Object.defineProperty({ ...minimal }, 'questions', {
      enumerable: true,
      get: () => {
        throw new Error('nope')
      },
    })
    const proxy = new Proxy(minimal, {
      ownKeys: () => {
        throw new Error('trap')
      },
    })
    expect(linesOf(getter)).toEqual([
      'survey.questions: expected plain data, reading it threw: nope (a getter or Proxy?)',
    ])
    expect(linesOf(proxy)).toEqual(['survey: expected plain data, reading it threw: trap (a getter or Proxy?)'])
  })

  it("checks references with the schema's own rules, once the fields are well-formed", () => {
    const input = {
      ...minimal,
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2026-11-01T00:00:00Z',
      questions: [
        { id: 'a', type: 'nps', text: 'x', showIf: { question: 'b', op: 'answered' } },
        {
          id: 'b',
          type: 'text',
          text: 'y',
          minLength: 9,
          maxLength: 2,
          jumps: [{ if: { question: 'b', op: 'npsCategory', value: 'promoter' }, to: 'nowhere' }],
        },
        {
          id: 'b',
          type: 'single',
          text: 'z',
          choices: [
            { id: 'c', text: 'C' },
            { id: 'c', text: 'D' },
          ],
        },
        {
          id: 'd',
          type: 'csat',
          text: 'w',
          showIf: {
            all: [
              { question: 'a', op: 'gt', value: 'x' },
              { question: 'a', op: 'eq' },
            ],
          },
        },
      ],
      endings: [{ id: 'end', title: 'dup' }],
    }
    expect(linesOf(input)).toEqual([
      'survey.questions[1].minLength: expected minLength ≤ maxLength (2), got 9',
      'survey.questions[2].id: expected a unique question id, "b" is used twice',
      'survey.questions[2].choices[1].id: expected a unique choice id, "c" is used twice',
      'survey.endings[0].id: expected an ending id different from every question id, other ending and "end", "end" is taken',
      'survey.questions[0].showIf.question: expected an earlier question id, got "b"',
      'survey.questions[1].jumps[0].if.question: expected an nps question for op "npsCategory", "b" is not one',
      'survey.questions[1].jumps[0].to: expected a later question id, an ending id or "end", got "nowhere"',
      'survey.questions[3].showIf.all[0].value: expected a number for op "gt", got "x"',
      'survey.questions[3].showIf.all[1]: expected a value for op "eq", got an object',
      'survey.endsAt: expected endsAt after startsAt (2026-12-01T00:00:00Z), got "2026-11-01T00:00:00Z"',
    ])
  })
})

describe('guardSurveys', () => {
  it('keeps the valid surveys, reports each bad one with its index, keeps the first of a duplicate id', () => {
    const result = guardSurveys([minimal, { id: 'x' }, { ...minimal }], 'remoteConfig.surveys')
    expect(result.surveys.map((survey) => survey.id)).toEqual(['min'])
    expect(result.issues).toEqual([
      { path: 'remoteConfig.surveys[1].touchpoints', message: 'expected array, got nothing', surveyId: 'x' },
      { path: 'remoteConfig.surveys[1].questions', message: 'expected array, got nothing', surveyId: 'x' },
      {
        path: 'remoteConfig.surveys[2].id',
        message: 'expected a unique survey id, "min" is defined twice (the first one is kept)',
        surveyId: 'min',
      },
    ])
  })
})
