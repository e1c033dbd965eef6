// The wire format of POST /v1/responses (docs/architecture.md). The record schema comes from
// @touchloop/core/schema once it is there; this file only adds the batch envelope and the split
// between "the body is malformed" (400) and "one record is invalid" (422 for that item only).

import type { ResponseRecord } from '@touchloop/core'
import { z } from 'zod'

const answerValue = z.union([z.number(), z.string(), z.array(z.string()), z.boolean()])

/** One revision of one response, as the SDK queues it (model.ts `ResponseRecord`). */
export const responseRecordSchema = z.object({
  id: z.string().min(1).max(128),
  revision: z.number().int().min(0),
  event: z.enum(['shown', 'answered', 'completed', 'dismissed']),
  surveyId: z.string().min(1).max(200),
  surveyVersion: z.number().int().min(0),
  touchpoint: z.string().max(200),
  answers: z.record(z.string(), answerValue),
  timings: z.record(z.string(), z.number()).optional(),
  otherText: z.record(z.string(), z.string()).optional(),
  endingId: z.string().optional(),
  userId: z.string().optional(),
  anonymousId: z.string().max(200),
  locale: z.string().optional(),
  url: z.string().optional(),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
}) satisfies z.ZodType<ResponseRecord>

/** Largest batch the collector takes in one request (items). */
export const MAX_BATCH_RECORDS = 500

/** The envelope. Records are only checked for a usable key here; the rest is per item. */
export const batchSchema = z.object({
  records: z
    .array(z.looseObject({ id: z.string().min(1).max(128), revision: z.number().int().min(0) }))
    .max(MAX_BATCH_RECORDS),
  sentAt: z.string().optional(),
  dropped: z.record(z.string().max(100), z.number().int().min(0)).optional(),
})

export type Batch = z.infer<typeof batchSchema>

export type ItemResult = { status: 200 | 409 | 422; reason?: string }

export function itemKey(record: { id: string; revision: number }): string {
  return `${record.id}:${record.revision}`
}

/** A zod issue list made readable for a `reason` string: "answers.nps: Invalid input". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')
}
