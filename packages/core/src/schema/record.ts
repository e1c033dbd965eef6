// Schemas of what is queued and delivered (ResponseRecord) and of the POST /v1/responses wire format.
// Every number and string is bounded, so whatever passes can be stored by any backend (no NUL, no lone
// surrogate, no non-finite number, no unbounded size): the collector answers 422 for a record that
// does not pass, and stores the others of its batch.
import { z } from 'zod/mini'
import { idString, intRange, isoDate, isWellFormedText } from './primitives'

/** Text a backend can store: no NUL character, no lone UTF-16 surrogate (one check, in ./primitives). */
export const isStorableText = isWellFormedText

const STORABLE = 'expected text without NUL characters or lone surrogates'

/** A string of at most `max` characters that any backend can store. */
export function storableString(max: number, min = 0) {
  return z
    .string()
    .check(
      z.minLength(min, `expected at least ${min} character${min === 1 ? '' : 's'}`),
      z.maxLength(max, `expected at most ${max} characters`),
      z.refine(isStorableText, STORABLE),
    )
}

/** Keys of answers, timings and otherText: question ids. */
const questionKey = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a question id of 1–100 letters, digits, _ . : or -'))

function boundedRecord<T extends z.core.SomeType>(value: T, maxKeys: number) {
  return z
    .record(questionKey, value)
    .check(z.refine((entries) => Object.keys(entries).length <= maxKeys, `expected at most ${maxKeys} entries`))
}

// The survey schema lets a text question allow up to 100,000 characters: the wire format carries that much.
export const MAX_ANSWER_TEXT = 100_000

export const answerValueSchema = z.union(
  [
    z.number().check(z.refine(Number.isFinite, 'expected a finite number'), z.gte(-1e9), z.lte(1e9)),
    storableString(MAX_ANSWER_TEXT),
    z.array(storableString(500)).check(z.maxLength(100, 'expected at most 100 choices')),
    z.boolean(),
  ],
  'expected a number, string, string[] or boolean',
)

export const responseIdSchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID'))

const isoDateCheck = z.refine<string>((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date')
const WEEK_MS = 7 * 24 * 3600 * 1000

export const responseRecordSchema = z.object({
  id: responseIdSchema,
  revision: intRange(0, 1_000_000),
  event: z.enum(['shown', 'answered', 'completed', 'dismissed']),
  surveyId: idString,
  surveyVersion: intRange(0, Number.MAX_SAFE_INTEGER),
  touchpoint: storableString(200, 1),
  answers: boundedRecord(answerValueSchema, 200),
  timings: z.optional(boundedRecord(z.number().check(z.gte(0), z.lte(WEEK_MS, 'expected at most a week in ms')), 200)),
  otherText: z.optional(boundedRecord(storableString(MAX_ANSWER_TEXT), 200)),
  endingId: z.optional(storableString(100)),
  userId: z.optional(storableString(500)),
  anonymousId: storableString(200, 1),
  locale: z.optional(storableString(50)),
  url: z.optional(storableString(4000)),
  createdAt: z.string().check(z.maxLength(40, 'expected an ISO 8601 date')).check(isoDateCheck),
  updatedAt: z.string().check(z.maxLength(40, 'expected an ISO 8601 date')).check(isoDateCheck),
})

/** Reasons a client may report in `dropped`, and the most it may report per batch. */
export const DROPPED_REASON = /^[a-z0-9_-]{1,40}$/
export const MAX_DROPPED_KEYS = 16

/** Body of POST /v1/responses. */
export const batchBodySchema = z.object({
  records: z
    .array(z.unknown())
    .check(z.minLength(1, 'expected at least one record'), z.maxLength(1000, 'expected at most 1000 records')),
  sentAt: z.optional(isoDate),
  dropped: z.optional(
    z
      .record(
        z.string().check(z.regex(DROPPED_REASON, 'expected a reason of 1–40 lower-case letters, digits, _ or -')),
        z.number().check(z.int('expected a whole number'), z.gte(0), z.lte(1e9, 'expected at most 1e9')),
      )
      .check(
        z.refine(
          (counts) => Object.keys(counts).length <= MAX_DROPPED_KEYS,
          `expected at most ${MAX_DROPPED_KEYS} reasons`,
        ),
      ),
  ),
})
export type BatchBody = z.infer<typeof batchBodySchema>

/** Answer of POST /v1/responses: an outcome per `${id}:${revision}` key. */
export const batchResultSchema = z.object({
  results: z.record(z.string(), z.object({ status: z.number(), reason: z.optional(z.string()) })),
})
export type BatchResult = z.infer<typeof batchResultSchema>
