// fast-check arbitraries of valid survey definitions: every field of the model, optional fields
// present, absent or explicitly undefined, bounds at their edges, localized text, conditions on
// earlier questions, jumps forward. Used to keep the production guard and the zod schema in step.
import fc from 'fast-check'
import { COUNT_MAX, DEVICES, isReservedId, PROPERTY_OPS, STATUSES, URL_OPS, VISIT_SCOPES } from '../schema/checks'
import { CONDITION_OPS, MODES, NPS_CATEGORIES, POSITIONS, SCALE_DISPLAYS, TEXT_FORMATS } from '../schema/checks-body'

type Json = Record<string, unknown>

/** Present, absent, or present as undefined (the schema treats the last two alike). */
function optional<T>(arb: fc.Arbitrary<T>) {
  return fc.option(arb, { nil: undefined, freq: 2 })
}

/** A record whose undefined fields are sometimes dropped, sometimes kept as explicit undefined. */
function shape(model: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Json> {
  return fc.tuple(fc.record(model), fc.boolean()).map(([value, keepUndefined]) => {
    if (keepUndefined) return value
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined))
  })
}

const int = (min: number, max: number) => fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }))
const num = (min: number, max: number) =>
  fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }))

/** Well-formed text: ASCII, any Unicode (surrogate pairs included), or emoji. */
const anyText = (minLength = 0, maxLength = 20) =>
  fc
    .oneof(
      fc.string({ minLength, maxLength }),
      fc.string({ minLength, maxLength, unit: 'grapheme' }),
      fc.constantFrom('😀 ok', 'مرحبا', 'Ünïcödé'),
    )
    .filter((text) => text.length >= minLength && text.length <= maxLength)
const nonEmpty = anyText(1)
const localized = fc.oneof(nonEmpty, fc.dictionary(fc.constantFrom('en', 'de', 'fr', 'ar', 'x'), anyText()))
const scalar = fc.oneof(anyText(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean())
const id = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/).filter((value) => !isReservedId(value) && value !== 'end')

const propertyCondition = fc
  .tuple(nonEmpty, fc.constantFrom(...PROPERTY_OPS), optional(scalar))
  .map(([prop, op, value]) => (value === undefined ? { prop, op } : { prop, op, value }))

const urlRule = shape({
  op: fc.constantFrom(...URL_OPS.filter((op) => op !== 'regex')),
  value: anyText(0, 40),
  not: optional(fc.boolean()),
}).map((rule) => rule)
const regexRule = shape({
  op: fc.constant('regex'),
  value: fc.constantFrom('^/app/(pricing|plans)$', '\\d+', '', '[a-z]{2,}'),
  not: optional(fc.boolean()),
})

const touchpointCommon = {
  name: optional(anyText(1, 200)),
  delaySeconds: optional(num(0, 86_400)),
  cancelOn: optional(fc.array(nonEmpty, { maxLength: 2 })),
  url: optional(fc.array(fc.oneof(urlRule, regexRule), { maxLength: 2 })),
  cap: optional(int(1, COUNT_MAX)),
}

export const touchpointArbitrary = fc.oneof(
  shape({
    ...touchpointCommon,
    type: fc.constant('event'),
    event: anyText(1, 200),
    where: optional(fc.array(propertyCondition, { maxLength: 2 })),
    nth: optional(int(1, COUNT_MAX)),
  }),
  shape({ ...touchpointCommon, type: fc.constant('pageview') }),
  shape({ ...touchpointCommon, type: fc.constant('click'), selector: nonEmpty }),
  shape({ ...touchpointCommon, type: fc.constant('exitIntent') }),
  shape({ ...touchpointCommon, type: fc.constant('scroll'), percent: num(1, 100) }),
  shape({ ...touchpointCommon, type: fc.constant('dwell'), seconds: num(0, 86_400) }),
  shape({
    ...touchpointCommon,
    type: fc.constant('visits'),
    count: int(1, COUNT_MAX),
    per: optional(fc.constantFrom(...VISIT_SCOPES)),
  }),
)

interface Target {
  id: string
  type: string
}

/** A condition on `targets` (the questions it may refer to), nested at most `depth` deep. */
function conditionOn(targets: readonly Target[], depth = 2): fc.Arbitrary<Json> {
  const leaf = fc
    .tuple(fc.constantFrom(...targets), fc.constantFrom(...CONDITION_OPS), scalar, fc.constantFrom(...NPS_CATEGORIES))
    .filter(([target, op]) => op !== 'npsCategory' || target.type === 'nps')
    .map(([target, op, value, category]): Json => {
      if (op === 'answered' || op === 'skipped') return { question: target.id, op }
      if (op === 'npsCategory') return { question: target.id, op, value: category }
      if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
        return { question: target.id, op, value: typeof value === 'number' ? value : 3 }
      }
      return { question: target.id, op, value }
    })
  if (depth === 0) return leaf
  const inner = conditionOn(targets, depth - 1)
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc.array(inner, { maxLength: 2 }).map((all) => ({ all })),
    fc.array(inner, { maxLength: 2 }).map((any) => ({ any })),
    inner.map((not) => ({ not })),
  )
}

const labels = { lowLabel: optional(localized), highLabel: optional(localized) }
const display = optional(fc.constantFrom(...SCALE_DISPLAYS))

function questionFields(type: string): Record<string, fc.Arbitrary<unknown>> {
  switch (type) {
    case 'nps':
    case 'ces':
      return labels
    case 'csat':
      return { ...labels, display }
    case 'rating':
      return { ...labels, display, scale: int(3, 10) }
    case 'single':
    case 'multi':
      return {
        choices: fc
          .uniqueArray(id, { minLength: 1, maxLength: 3 })
          .chain((ids) => fc.tuple(...ids.map((choiceId) => localized.map((text) => ({ id: choiceId, text }))))),
        other: optional(fc.oneof(fc.boolean(), shape({ text: optional(localized) }))),
        shuffle: optional(fc.boolean()),
      }
    case 'text':
      return {
        multiline: optional(fc.boolean()),
        placeholder: optional(localized),
        minLength: optional(int(0, 50)),
        maxLength: optional(int(50, 100_000)),
        format: optional(fc.constantFrom(...TEXT_FORMATS)),
      }
    case 'cta':
      return { buttonText: localized, url: nonEmpty }
    default:
      return { label: localized }
  }
}

const QUESTION_TYPES = ['nps', 'csat', 'ces', 'rating', 'single', 'multi', 'text', 'cta', 'consent']

/** A valid survey: whatever it holds, the zod schema accepts it. */
export const surveyArbitrary: fc.Arbitrary<Json> = fc
  .record({
    ids: fc.uniqueArray(id, { minLength: 2, maxLength: 7 }),
    types: fc.array(fc.constantFrom(...QUESTION_TYPES), { minLength: 5, maxLength: 5 }),
    endingCount: fc.integer({ min: 0, max: 2 }),
  })
  .chain(({ ids, types, endingCount }) => {
    const questionCount = Math.max(1, ids.length - endingCount)
    const questions: Target[] = ids.slice(0, questionCount).map((qid, i) => ({ id: qid, type: types[i % 5] as string }))
    const endingIds = ids.slice(questionCount)
    const question = (target: Target, index: number) => {
      const earlier = questions.slice(0, index)
      const upToHere = questions.slice(0, index + 1)
      const later = [...questions.slice(index + 1).map((q) => q.id), ...endingIds, 'end']
      return shape({
        id: fc.constant(target.id),
        type: fc.constant(target.type),
        text: localized,
        description: optional(localized),
        required: optional(fc.boolean()),
        showIf: earlier.length ? optional(conditionOn(earlier)) : fc.constant(undefined),
        jumps: optional(
          fc.array(shape({ if: conditionOn(upToHere), to: fc.constantFrom(...later) }), { maxLength: 2 }),
        ),
        ...questionFields(target.type),
      })
    }
    return shape({
      id,
      name: optional(anyText(0, 500)),
      version: optional(int(0, Number.MAX_SAFE_INTEGER)),
      status: optional(fc.constantFrom(...STATUSES)),
      startsAt: optional(fc.constant('2026-11-01T00:00:00Z')),
      endsAt: optional(fc.constantFrom('2026-12-01T00:00:00Z', '2027-01-01')),
      touchpoints: fc.array(touchpointArbitrary, { maxLength: 3 }),
      audience: optional(
        shape({
          traits: optional(fc.array(propertyCondition, { maxLength: 2 })),
          identified: optional(fc.boolean()),
          locales: optional(fc.array(anyText(1, 50), { maxLength: 2 })),
          devices: optional(fc.array(fc.constantFrom(...DEVICES), { maxLength: 3 })),
        }),
      ),
      sample: optional(num(0, 1)),
      fatigue: optional(
        shape({
          recontactDays: optional(num(0, 3650)),
          displayLimit: optional(fc.oneof(fc.constantFrom('once', 'untilAnswered'), int(1, COUNT_MAX))),
          ignoreGlobalQuietPeriod: optional(fc.boolean()),
        }),
      ),
      priority: optional(num(-1_000_000, 1_000_000)),
      presentation: optional(
        shape({
          mode: optional(fc.constantFrom(...MODES)),
          position: optional(fc.constantFrom(...POSITIONS)),
          target: optional(nonEmpty),
          autoCloseSeconds: optional(num(0, 3600)),
        }),
      ),
      defaultLocale: optional(anyText(1, 50)),
      questions: fc.tuple(...questions.map(question)),
      endings: endingIds.length
        ? fc.tuple(
            ...endingIds.map((endingId) =>
              shape({
                id: fc.constant(endingId),
                if: optional(conditionOn(questions)),
                title: localized,
                text: optional(localized),
                cta: optional(shape({ text: localized, url: nonEmpty })),
              }),
            ),
          )
        : optional(fc.constant([])),
    })
  })
