// The wire format of POST /v1/responses (docs/architecture.md), validated with the shared zod/mini
// schemas of @touchloop/core/schema. This file only adds the split between "the body is malformed"
// (400, the whole batch) and "one record is invalid" (422 for that item only, the others are stored).
import { batchBodySchema, responseRecordSchema } from '@touchloop/core/schema'
import { z } from 'zod'

export { batchBodySchema, responseRecordSchema }

/** A record needs at least a usable key (`${id}:${revision}`) to get a per-item answer. */
const keyedRecordSchema = z.looseObject({ id: z.string().min(1).max(128), revision: z.number().int().min(0) })

export type ItemResult = { status: 200 | 409 | 422; reason?: string }
export type WireIssue = { code: string; path: PropertyKey[]; message: string }

export type ParsedBatch =
  | { ok: true; records: Array<{ id: string; revision: number }>; dropped?: Record<string, number> }
  | { ok: false; issues: WireIssue[] }

export function parseBatch(body: unknown): ParsedBatch {
  const envelope = batchBodySchema.safeParse(body)
  if (!envelope.success) return { ok: false, issues: envelope.error.issues as WireIssue[] }
  const issues: WireIssue[] = []
  const records = envelope.data.records.map((raw, index) => {
    const keyed = keyedRecordSchema.safeParse(raw)
    if (!keyed.success)
      issues.push(...keyed.error.issues.map((issue) => ({ ...issue, path: ['records', index, ...issue.path] })))
    return keyed.data as { id: string; revision: number }
  })
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, records, dropped: envelope.data.dropped }
}

export function itemKey(record: { id: string; revision: number }): string {
  return `${record.id}:${record.revision}`
}

/** A zod issue list made readable for a `reason` string: "answers.nps: expected a number, …". */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ')
}
