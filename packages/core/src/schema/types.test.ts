// Keeps the zod schemas and the model types in model.ts equal. Checked by `tsc` (pnpm typecheck);
// the runtime part only asserts the test ran.
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod/mini'
import type {
  Audience,
  Choice,
  Condition,
  Ending,
  Fatigue,
  JumpRule,
  Presentation,
  PropertyCondition,
  Question,
  ResponseRecord,
  Survey,
  Touchpoint,
  UrlRule,
} from '../model'
import type { responseRecordSchema } from './record'
import type {
  audienceSchema,
  choiceSchema,
  conditionSchema,
  endingSchema,
  fatigueSchema,
  jumpRuleSchema,
  presentationSchema,
  propertyConditionSchema,
  questionSchema,
  surveySchema,
  touchpointSchema,
  urlRuleSchema,
} from './survey'

/** Mutual assignability: `(A | B) & C` and `(A & C) | (B & C)` count as the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

describe('schema types', () => {
  it('z.infer of every schema equals its model type', () => {
    expectTypeOf<z.infer<typeof questionSchema>>().toEqualTypeOf<Question>()
    expectTypeOf<z.infer<typeof conditionSchema>>().toEqualTypeOf<Condition>()
    expectTypeOf<z.infer<typeof jumpRuleSchema>>().toEqualTypeOf<JumpRule>()
    expectTypeOf<z.infer<typeof endingSchema>>().toEqualTypeOf<Ending>()
    expectTypeOf<z.infer<typeof choiceSchema>>().toEqualTypeOf<Choice>()
    expectTypeOf<z.infer<typeof propertyConditionSchema>>().toEqualTypeOf<PropertyCondition>()
    expectTypeOf<z.infer<typeof urlRuleSchema>>().toEqualTypeOf<UrlRule>()
    expectTypeOf<z.infer<typeof audienceSchema>>().toEqualTypeOf<Audience>()
    expectTypeOf<z.infer<typeof fatigueSchema>>().toEqualTypeOf<Fatigue>()
    expectTypeOf<z.infer<typeof presentationSchema>>().toEqualTypeOf<Presentation>()
    expectTypeOf<z.infer<typeof responseRecordSchema>>().toEqualTypeOf<ResponseRecord>()
    // The model writes Touchpoint as `(A | B | …) & Common`; zod infers `(A & Common) | …`: the same
    // set of values, so these two are compared by mutual assignability.
    const touchpointOk: Same<z.infer<typeof touchpointSchema>, Touchpoint> = true
    const surveyOk: Same<z.infer<typeof surveySchema>, Survey> = true
    expect([touchpointOk, surveyOk]).toEqual([true, true])
  })
})
