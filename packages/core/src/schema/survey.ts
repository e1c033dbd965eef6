// zod/mini schemas of the survey model in ../model.ts. A type test (survey.test-d.ts) keeps
// z.infer of these equal to the model types. Cross-field rules (unique ids, rules that refer to
// existing questions) live in survey-rules.ts.
import { z } from 'zod/mini'
import type { Condition } from '../model'
import {
  COUNT_MAX,
  DEVICES,
  DISPLAY_LIMIT_MESSAGE,
  DISPLAY_LIMITS,
  LOCALE_TAG_MAX,
  LOCALE_TAG_MESSAGE,
  maxLengthMessage,
  PROPERTY_OPS,
  regexProblem,
  SCALAR_MESSAGE,
  STATUSES,
  SURVEY_NAME_MAX,
  TOUCHPOINT_NAME_MAX,
  TOUCHPOINT_TYPE_MESSAGE,
  URL_OPS,
  URL_VALUE_MAX,
  VISIT_SCOPES,
} from './checks'
import {
  CONDITION_MESSAGE,
  CONDITION_OPS,
  MODES,
  NPS_CATEGORIES,
  POSITIONS,
  QUESTION_TYPE_MESSAGE,
  SCALE_DISPLAYS,
  TEXT_FORMATS,
} from './checks-body'
import { idString, intRange, isoDate, localizedText, nonEmptyString, numberRange, wellFormedString } from './primitives'
import { checkSurveyReferences } from './survey-rules'

// The production guard (guard.ts) describes the same format without zod; guard.property.test.ts keeps
// the two in step. A change here needs the same change there.

const scalarValue = z.union([wellFormedString, z.number(), z.boolean()], SCALAR_MESSAGE)

export const npsCategorySchema = z.enum(NPS_CATEGORIES)

const leafCondition = z.strictObject({
  question: idString,
  op: z.enum(CONDITION_OPS),
  value: z.optional(scalarValue),
})

export const conditionSchema: z.ZodMiniType<Condition> = z.union(
  [
    z.strictObject({
      get all() {
        return z.array(conditionSchema)
      },
    }),
    z.strictObject({
      get any() {
        return z.array(conditionSchema)
      },
    }),
    z.strictObject({
      get not() {
        return conditionSchema
      },
    }),
    leafCondition,
  ],
  CONDITION_MESSAGE,
)

export const jumpRuleSchema = z.strictObject({ if: conditionSchema, to: idString })

const questionBase = {
  id: idString,
  text: localizedText,
  description: z.optional(localizedText),
  required: z.optional(z.boolean()),
  showIf: z.optional(conditionSchema),
  jumps: z.optional(z.array(jumpRuleSchema)),
}
const scaleLabels = { lowLabel: z.optional(localizedText), highLabel: z.optional(localizedText) }
const display = z.optional(z.enum(SCALE_DISPLAYS))

export const choiceSchema = z.strictObject({ id: idString, text: localizedText })

export const questionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...questionBase, type: z.literal('nps'), ...scaleLabels }),
    z.strictObject({ ...questionBase, type: z.literal('csat'), display, ...scaleLabels }),
    z.strictObject({ ...questionBase, type: z.literal('ces'), ...scaleLabels }),
    z.strictObject({ ...questionBase, type: z.literal('rating'), scale: intRange(3, 10), display, ...scaleLabels }),
    z.strictObject({
      ...questionBase,
      type: z.enum(['single', 'multi']),
      choices: z.array(choiceSchema).check(z.minLength(1, 'expected at least one choice')),
      other: z.optional(z.union([z.boolean(), z.strictObject({ text: z.optional(localizedText) })])),
      shuffle: z.optional(z.boolean()),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('text'),
      multiline: z.optional(z.boolean()),
      placeholder: z.optional(localizedText),
      minLength: z.optional(intRange(0, 100_000)),
      maxLength: z.optional(intRange(1, 100_000)),
      format: z.optional(z.enum(TEXT_FORMATS)),
    }),
    z.strictObject({ ...questionBase, type: z.literal('cta'), buttonText: localizedText, url: nonEmptyString }),
    z.strictObject({ ...questionBase, type: z.literal('consent'), label: localizedText }),
  ],
  QUESTION_TYPE_MESSAGE,
)

export const endingSchema = z.strictObject({
  id: idString,
  if: z.optional(conditionSchema),
  title: localizedText,
  text: z.optional(localizedText),
  cta: z.optional(z.strictObject({ text: localizedText, url: nonEmptyString })),
})

export const propertyConditionSchema = z.strictObject({
  prop: nonEmptyString,
  op: z.enum(PROPERTY_OPS),
  value: z.optional(scalarValue),
})

// Only `regex` values are regular expressions; the other ops compare literally or as a glob
// (triggers/url.ts), so `/pages/app/**` or `?ref=(promo` are valid values for them.
export const urlRuleSchema = z
  .strictObject({
    op: z.enum(URL_OPS),
    value: wellFormedString.check(z.maxLength(URL_VALUE_MAX, maxLengthMessage(URL_VALUE_MAX))),
    not: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((rule, ctx) => {
      const problem = rule.op === 'regex' ? regexProblem(rule.value) : undefined
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['value'], input: rule.value })
    }),
  )

// The touchpoint name (default: the event name) is delivered as the record's touchpoint, ≤ 200 characters.
const touchpointName = nonEmptyString.check(z.maxLength(TOUCHPOINT_NAME_MAX, maxLengthMessage(TOUCHPOINT_NAME_MAX)))
/** A locale tag as delivered in the record's locale (≤ 50 characters). */
const localeTag = nonEmptyString.check(z.maxLength(LOCALE_TAG_MAX, LOCALE_TAG_MESSAGE))

const touchpointCommon = {
  name: z.optional(touchpointName),
  delaySeconds: z.optional(numberRange(0, 86_400)),
  cancelOn: z.optional(z.array(nonEmptyString)),
  url: z.optional(z.array(urlRuleSchema)),
  cap: z.optional(intRange(1, COUNT_MAX)),
}

export const touchpointSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      ...touchpointCommon,
      type: z.literal('event'),
      event: touchpointName,
      where: z.optional(z.array(propertyConditionSchema)),
      nth: z.optional(intRange(1, COUNT_MAX)),
    }),
    z.strictObject({ ...touchpointCommon, type: z.literal('pageview') }),
    z.strictObject({ ...touchpointCommon, type: z.literal('click'), selector: nonEmptyString }),
    z.strictObject({ ...touchpointCommon, type: z.literal('exitIntent') }),
    z.strictObject({ ...touchpointCommon, type: z.literal('scroll'), percent: numberRange(1, 100) }),
    z.strictObject({ ...touchpointCommon, type: z.literal('dwell'), seconds: numberRange(0, 86_400) }),
    z.strictObject({
      ...touchpointCommon,
      type: z.literal('visits'),
      count: intRange(1, COUNT_MAX),
      per: z.optional(z.enum(VISIT_SCOPES)),
    }),
  ],
  TOUCHPOINT_TYPE_MESSAGE,
)

export const audienceSchema = z.strictObject({
  traits: z.optional(z.array(propertyConditionSchema)),
  identified: z.optional(z.boolean()),
  locales: z.optional(z.array(localeTag)),
  devices: z.optional(z.array(z.enum(DEVICES))),
})

export const fatigueSchema = z.strictObject({
  recontactDays: z.optional(numberRange(0, 3650)),
  displayLimit: z.optional(z.union([z.enum(DISPLAY_LIMITS), intRange(1, COUNT_MAX)], DISPLAY_LIMIT_MESSAGE)),
  ignoreGlobalQuietPeriod: z.optional(z.boolean()),
})

export const presentationSchema = z.strictObject({
  mode: z.optional(z.enum(MODES)),
  position: z.optional(z.enum(POSITIONS)),
  target: z.optional(nonEmptyString),
  autoCloseSeconds: z.optional(numberRange(0, 3600)),
})

export const surveySchema = z
  .strictObject({
    id: idString,
    name: z.optional(wellFormedString.check(z.maxLength(SURVEY_NAME_MAX, maxLengthMessage(SURVEY_NAME_MAX)))),
    // Delivered as surveyVersion; the collector stores it as a bigint, so any safe integer fits
    // (a timestamp such as 1764547200000 is fine).
    version: z.optional(intRange(0, Number.MAX_SAFE_INTEGER)),
    status: z.optional(z.enum(STATUSES)),
    startsAt: z.optional(isoDate),
    endsAt: z.optional(isoDate),
    touchpoints: z.array(touchpointSchema),
    audience: z.optional(audienceSchema),
    sample: z.optional(numberRange(0, 1)),
    fatigue: z.optional(fatigueSchema),
    priority: z.optional(numberRange(-1_000_000, 1_000_000)),
    presentation: z.optional(presentationSchema),
    defaultLocale: z.optional(localeTag),
    questions: z.array(questionSchema).check(z.minLength(1, 'expected at least one question')),
    endings: z.optional(z.array(endingSchema)),
  })
  .check(z.superRefine(checkSurveyReferences))

/** A remote config document: `{ "surveys": [...] }` (each survey validated on its own). */
export const surveyDocumentSchema = z.object({ surveys: z.array(z.unknown()) })
