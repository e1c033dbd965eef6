// Issue 12, items 1, 5 and 6: URL rule values by op, hostile survey objects, reserved ids, and the
// strings and numbers the backend can store.
import { describe, expect, it } from 'vitest'
import { validateSurveys, validateSurveysInSlices } from './validate'

const minimal = {
  id: 'min',
  touchpoints: [{ type: 'event', event: 'x' }],
  questions: [{ id: 'q', type: 'nps', text: 'Recommend?' }],
}

function issuesOf(input: unknown): string[] {
  return validateSurveys([input]).issues.map((issue) => `${issue.path}: ${issue.message}`)
}

describe('URL rule values (item 1)', () => {
  it.each([
    { op: 'glob', value: '/pages/app/**' },
    { op: 'glob', value: '**/pricing' },
    { op: 'glob', value: '*/pricing' },
    { op: 'contains', value: '?utm_source=mail' },
    { op: 'contains', value: '?ref=(promo' },
    { op: 'regex', value: '^/pages/app/(pricing|plans)$' },
  ])('accepts %o', (rule) => {
    expect(issuesOf({ ...minimal, touchpoints: [{ type: 'pageview', url: [rule] }] })).toEqual([])
  })

  it('still refuses a regex that does not compile, naming the op', () => {
    const issues = issuesOf({ ...minimal, touchpoints: [{ type: 'pageview', url: [{ op: 'regex', value: '*/x' }] }] })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(/^surveys\[0\]\.touchpoints\[0\]\.url\[0\]\.value: expected a valid regular expression/)
  })
})

describe('hostile survey objects (item 5)', () => {
  const loop: Record<string, unknown> = {}
  loop.not = loop
  let deep: unknown = { question: 'q', op: 'answered' }
  for (let i = 0; i < 5000; i++) deep = { not: deep }
  const withShowIf = (showIf: unknown) => ({
    ...minimal,
    id: 'hostile',
    questions: [minimal.questions[0], { id: 'q2', type: 'text', text: 'Why?', showIf }],
  })
  const throwingGetter = {
    ...minimal,
    id: 'getter',
    get questions(): unknown {
      throw new Error('nope')
    },
  }
  const crashingProxy = new Proxy(
    { ...minimal, id: 'proxy' },
    {
      ownKeys() {
        throw new Error('proxy trap')
      },
    },
  )

  it.each([
    ['a cyclic condition', withShowIf(loop), 'surveys[0].questions[1].showIf.not', /cycle/],
    ['not nested 5,000 deep', withShowIf(deep), 'surveys[0].questions[1].showIf', /nested at most 64/],
    ['a BigInt', { ...minimal, id: 'big', version: 10n }, 'surveys[0].version', /got a bigint/],
    ['a getter that throws', throwingGetter, 'surveys[0].questions', /threw: nope/],
    ['a Proxy that throws', crashingProxy, 'surveys[0]', /threw: proxy trap/],
  ])('%s is one config issue; the valid survey beside it runs', async (_, hostile, path, message) => {
    const result = await validateSurveysInSlices([hostile, minimal])
    expect(result.surveys.map((survey) => survey.id)).toEqual(['min'])
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]?.path.startsWith(path)).toBe(true)
    expect(result.issues[0]?.message).toMatch(message)
  })

  it.each(['__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty'])(
    'refuses the reserved question id %s',
    (id) => {
      const input = JSON.parse(JSON.stringify({ ...minimal, questions: [{ id, type: 'text', text: 'x' }] })) as unknown
      expect(issuesOf(input)).toEqual([
        `surveys[0].questions[0].id: expected an id that is not a reserved JavaScript name (__proto__, constructor, prototype, toString, …), got "${id}"`,
      ])
    },
  )

  it('reports a "__proto__" key of a survey object as an unknown key instead of a prototype', () => {
    const input = JSON.parse(`{"id":"min","touchpoints":[{"type":"event","event":"x"}],"__proto__":{"x":1},
      "questions":[{"id":"q","type":"nps","text":"Recommend?"}]}`)
    expect(issuesOf(input)).toEqual(['surveys[0]: unknown key "__proto__" (check the spelling)'])
  })
})

describe('strings and numbers the backend can store (item 6)', () => {
  it.each([
    [
      'a NUL in question text',
      { ...minimal, questions: [{ id: 'q', type: 'nps', text: 'a\u0000b' }] },
      'questions[0].text',
    ],
    [
      'a lone surrogate in a translation',
      { ...minimal, questions: [{ id: 'q', type: 'nps', text: { en: 'x\uD800' } }] },
      'questions[0].text.en',
    ],
    ['a NUL in the name', { ...minimal, name: '\u0000' }, 'name'],
    [
      'a lone surrogate in a choice',
      { ...minimal, questions: [{ id: 'q', type: 'single', text: 'x', choices: [{ id: 'a', text: '\uDC00' }] }] },
      'questions[0].choices[0].text',
    ],
    [
      'a NUL in a URL rule',
      { ...minimal, touchpoints: [{ type: 'pageview', url: [{ op: 'contains', value: '\u0000' }] }] },
      'touchpoints[0].url[0].value',
    ],
  ])('refuses %s with its path', (_, input, path) => {
    const issues = issuesOf(input)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(`surveys[0].${path}: expected text without NUL (U+0000) or lone UTF-16 surrogates`)
  })

  it('accepts a version up to Number.MAX_SAFE_INTEGER (the collector stores a bigint), not above', () => {
    expect(issuesOf({ ...minimal, version: 1764547200000 })).toEqual([])
    expect(issuesOf({ ...minimal, version: Number.MAX_SAFE_INTEGER })).toEqual([])
    expect(issuesOf({ ...minimal, version: 2 ** 53 })).toEqual([
      'surveys[0].version: expected an integer ≥ 0, got 9007199254740992',
    ])
  })

  it.each([
    [{ priority: 1e300 }, 'surveys[0].priority: expected a number -1000000–1000000, got 1e+300'],
    [{ priority: Number.POSITIVE_INFINITY }, 'surveys[0].priority: expected a number -1000000–1000000, got null'],
    [
      { fatigue: { displayLimit: 1e12 } },
      'surveys[0].fatigue.displayLimit: expected an integer 1–1000000, got 1000000000000',
    ],
    [
      { touchpoints: [{ type: 'event', event: 'x', nth: 2 ** 40 }] },
      'surveys[0].touchpoints[0].nth: expected an integer 1–1000000, got 1099511627776',
    ],
    [
      { touchpoints: [{ type: 'event', event: 'x'.repeat(201) }] },
      'surveys[0].touchpoints[0].event: expected at most 200 characters',
    ],
    [{ defaultLocale: 'x'.repeat(51) }, 'surveys[0].defaultLocale: expected a locale tag of at most 50 characters'],
  ])('bounds %o', (patch, expected) => {
    const issues = issuesOf({ ...minimal, ...patch })
    expect(issues).toHaveLength(1)
    expect(issues[0]?.startsWith(expected)).toBe(true)
  })
})
