// Keeps the production guard (guard.ts) and the zod schema (survey.ts) in step:
// - every survey the schema accepts passes the guard, with an equal result;
// - a valid survey broken in one place (null, a missing field, a wrong type, a bad enum, a bound
//   crossed, an unknown key, a dangling reference, a duplicate id) gets the same verdict from both;
// - hostile objects (cycles, deep nesting, getters that throw, Proxies, BigInt) anywhere are one issue
//   at their path, and the guard never throws.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Survey } from '../model'
import { surveyArbitrary } from '../test-support/survey-arbitrary'
import { fullSurvey } from '../test-support/survey-fixtures'
import { formatPath, valueAt } from './format-issues'
import { guardSurvey } from './guard'
import { surveySchema } from './survey'
import { checkSurvey } from './survey-list'
import { parseSurvey } from './validate'

type Path = (string | number)[]

/** Every path inside a value (objects and arrays, not the root). */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const next = [...path, Array.isArray(value) ? Number(key) : key]
      out.push(next)
      pathsOf(inner, next, out)
    }
  }
  return out
}

const DELETE = Symbol('delete')

/** A copy of `root` with the value at `path` replaced (or deleted). */
function replaceAt(root: unknown, path: Path, make: (old: unknown) => unknown): unknown {
  const copy = structuredClone(root) as Record<PropertyKey, unknown>
  let holder = copy
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<PropertyKey, unknown>
  const last = path[path.length - 1] as PropertyKey
  const next = make(holder[last])
  if (next === DELETE) {
    if (Array.isArray(holder)) holder.splice(Number(last), 1)
    else delete holder[last]
  } else {
    holder[last] = next
  }
  return copy
}

/** Ways to break one value; each is either refused by the schema or harmless to it (then both accept). */
const breakers: Record<string, (old: unknown) => unknown> = {
  null: () => null,
  delete: () => DELETE,
  'wrong type': (old) => (typeof old === 'string' ? 42 : typeof old === 'object' ? 'text' : [old]),
  'bad enum': () => 'bogus',
  'empty string': () => '',
  'out of range': (old) => (typeof old === 'number' ? old * 1e7 + 1e7 : -1),
  'not an integer': () => 2.5,
  'not finite': () => Number.NaN,
  infinite: () => Number.POSITIVE_INFINITY,
  'unknown key': (old) => (old && typeof old === 'object' && !Array.isArray(old) ? { ...old, extra: 1 } : old),
  'dangling reference': () => 'nowhere',
  'reserved id': () => 'constructor',
  'lone surrogate': () => 'x\uD800',
  'too long': () => 'x'.repeat(2001),
  // Every bound of the format, and one past it: a guard bound that differs from the schema's shows.
  ...Object.fromEntries(
    [-1_000_001, -1_000_000, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 10, 11, 49, 50, 51, 100, 101, 3600, 3601, 3650, 3651]
      .concat([86_400, 86_401, 100_000, 100_001, 1_000_000, 1_000_001, Number.MAX_SAFE_INTEGER, 2 ** 53])
      .map((n) => [`number ${n}`, (old: unknown) => (typeof old === 'number' ? n : old)]),
  ),
  ...Object.fromEntries(
    [1, 49, 50, 51, 99, 100, 101, 199, 200, 201, 499, 500, 501, 1999, 2000].map((n) => [
      `text of ${n}`,
      (old: unknown) => (typeof old === 'string' ? 'x'.repeat(n) : old),
    ]),
  ),
  ...Object.fromEntries(
    ['once', 'untilAnswered', 'end', 'regex', 'nps', '2026-13-45', 'not a date', '(', '-', '[a', '__proto__'].map(
      (text) => [`"${text}"`, (old: unknown) => (typeof old === 'string' ? text : old)],
    ),
  ),
}

const verdicts = (input: unknown) => ({
  guard: checkSurvey(input, 'survey', (plain, at) => guardSurvey(plain, at)),
  schema: checkSurvey(input, 'survey', parseSurvey),
})

describe('the guard and the zod schema', () => {
  it('accept the same valid surveys, with an equal result', () => {
    fc.assert(
      fc.property(surveyArbitrary, (survey) => {
        const parsed = surveySchema.safeParse(survey)
        expect(parsed.error?.issues ?? []).toEqual([]) // the arbitrary makes valid surveys only
        const guarded = guardSurvey(survey)
        expect(guarded).toEqual({ ok: true, survey: parsed.data })
      }),
      { numRuns: 200 },
    )
  }, 30_000)

  it('agree on a valid survey broken in one place', () => {
    const broken = surveyArbitrary.chain((survey) =>
      fc.record({
        survey: fc.constant(survey),
        path: fc.constantFrom(...pathsOf(survey)),
        breaker: fc.constantFrom(...Object.keys(breakers)),
      }),
    )
    fc.assert(
      fc.property(broken, ({ survey, path, breaker }) => {
        const input = replaceAt(survey, path, breakers[breaker] as (old: unknown) => unknown)
        const { guard, schema } = verdicts(input)
        expect(guard.ok, `${breaker} at ${formatPath(path)}: ${JSON.stringify(guard.ok ? [] : guard.issues)}`).toBe(
          schema.ok,
        )
        if (guard.ok && schema.ok) expect(guard.survey).toEqual(schema.survey)
      }),
      { numRuns: 1000 },
    )
  }, 30_000)

  it('name the path of a null wherever the runtime reads a value', () => {
    const broken = surveyArbitrary.chain((survey) =>
      fc.record({ survey: fc.constant(survey), path: fc.constantFrom(...pathsOf(survey)) }),
    )
    fc.assert(
      fc.property(broken, ({ survey, path }) => {
        const result = guardSurvey(replaceAt(survey, path, () => null))
        expect(result.ok).toBe(false)
        const at = formatPath(path, 'survey')
        if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(at)
      }),
      { numRuns: 300 },
    )
  }, 30_000)
})

/** fullSurvey with every optional field the model has present somewhere. */
const everyField: Survey = {
  ...fullSurvey,
  touchpoints: [
    { ...fullSurvey.touchpoints[0], name: 'bought', delaySeconds: 5, cancelOn: ['x'] } as Survey['touchpoints'][0],
    ...fullSurvey.touchpoints.slice(1),
    { type: 'pageview', url: [{ op: 'regex', value: '^/app$' }] },
  ],
  presentation: { mode: 'inline', position: 'center', target: '#slot', autoCloseSeconds: 5 },
  questions: [
    ...fullSurvey.questions.map((question) => ({ ...question, description: 'More' })),
    { id: 'how', type: 'text', text: 'How?', placeholder: 'Say', minLength: 2, maxLength: 9 },
    { id: 'pts', type: 'rating', text: 'Points', scale: 10, lowLabel: 'Low', highLabel: { en: 'High' } },
    { id: 'cesq', type: 'ces', text: 'Effort', lowLabel: 'Low' },
    { id: 'pick', type: 'single', text: 'Pick', choices: [{ id: 'a', text: 'A' }], other: false },
  ] as Survey['questions'],
}

describe('the guard and the zod schema on every field of a survey', () => {
  it('agree on each way of breaking each value of a survey that has every field', () => {
    expect(surveySchema.safeParse(everyField).success).toBe(true)
    const disagreements: string[] = []
    for (const path of pathsOf(everyField)) {
      for (const [name, breaker] of Object.entries(breakers)) {
        if (breaker(valueAt(everyField, path)) === valueAt(everyField, path)) continue // does not apply here
        const { guard, schema } = verdicts(replaceAt(everyField, path, breaker))
        if (guard.ok !== schema.ok) disagreements.push(`${name} at ${formatPath(path)}: guard ${guard.ok}`)
      }
    }
    expect(disagreements).toEqual([])
  }, 30_000)
})

describe('hostile objects anywhere in a survey', () => {
  const hostile: Record<string, () => unknown> = {
    cycle: () => {
      const loop: Record<string, unknown> = {}
      loop.self = loop
      return loop
    },
    'nested 1,000 deep': () => {
      let deep: unknown = {}
      for (let i = 0; i < 1000; i++) deep = { not: deep }
      return deep
    },
    BigInt: () => 10n,
    'a getter that throws': () =>
      Object.defineProperty({}, 'text', {
        enumerable: true,
        get() {
          throw new Error('nope')
        },
      }),
    'a Proxy that throws': () =>
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('trap')
          },
        },
      ),
    'a function': () => () => 1,
    'a symbol': () => Symbol('x'),
  }

  it('are one issue at their path; the guard never throws', () => {
    const placed = surveyArbitrary.chain((survey) =>
      fc.record({
        survey: fc.constant(survey),
        path: fc.constantFrom(...pathsOf(survey)),
        kind: fc.constantFrom(...Object.keys(hostile)),
      }),
    )
    fc.assert(
      fc.property(placed, ({ survey, path, kind }) => {
        const input = structuredClone(survey) as Record<PropertyKey, unknown>
        let holder = input
        for (const key of path.slice(0, -1)) holder = holder[key] as Record<PropertyKey, unknown>
        holder[path[path.length - 1] as PropertyKey] = (hostile[kind] as () => unknown)()
        const result = guardSurvey(input)
        expect(result.ok).toBe(false)
        if (!result.ok) {
          expect(result.issues).toHaveLength(1)
          expect(result.issues[0]?.path.startsWith(formatPath(path, 'survey'))).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  }, 30_000)
})
