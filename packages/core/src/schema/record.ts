// Schemas of what is queued and delivered (ResponseRecord) and of the POST /v1/responses wire format.
import { z } from 'zod/mini'
import { idString, intRange, isoDate } from './primitives'

export const answerValueSchema = z.union(
  [z.number(), z.string(), z.array(z.string()), z.boolean()],
  'expected a number, string, string[] or boolean',
)

export const responseIdSchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID'))

export const responseRecordSchema = z.object({
  id: responseIdSchema,
  revision: intRange(0, 1_000_000),
  event: z.enum(['shown', 'answered', 'completed', 'dismissed']),
  surveyId: idString,
  surveyVersion: intRange(0, Number.MAX_SAFE_INTEGER),
  touchpoint: z.string().check(z.minLength(1), z.maxLength(200)),
  answers: z.record(z.string(), answerValueSchema),
  timings: z.optional(z.record(z.string(), z.number())),
  otherText: z.optional(z.record(z.string(), z.string())),
  endingId: z.optional(z.string()),
  userId: z.optional(z.string().check(z.maxLength(500))),
  anonymousId: z.string().check(z.minLength(1), z.maxLength(200)),
  locale: z.optional(z.string().check(z.maxLength(50))),
  url: z.optional(z.string().check(z.maxLength(4000))),
  createdAt: isoDate,
  updatedAt: isoDate,
})

/** Body of POST /v1/responses. */
export const batchBodySchema = z.object({
  records: z
    .array(z.unknown())
    .check(z.minLength(1, 'expected at least one record'), z.maxLength(1000, 'expected at most 1000 records')),
  sentAt: z.optional(isoDate),
  dropped: z.optional(z.record(z.string(), z.number())),
})
export type BatchBody = z.infer<typeof batchBodySchema>

/** Answer of POST /v1/responses: an outcome per `${id}:${revision}` key. */
export const batchResultSchema = z.object({
  results: z.record(z.string(), z.object({ status: z.number(), reason: z.optional(z.string()) })),
})
export type BatchResult = z.infer<typeof batchResultSchema>
