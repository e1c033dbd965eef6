// Helpers that turn a ResponseRecord into what analytics tools can hold: flat, string-friendly values.
import type { AnswerValue, ResponseRecord } from '@touchloop/core'

/** Multi-choice answers joined with ", "; everything else as text. */
export function answerText(value: AnswerValue): string {
  return Array.isArray(value) ? value.join(', ') : String(value)
}

/** The question ids answered so far, in the order the answers were given (object insertion order). */
export function answeredQuestionIds(record: ResponseRecord): string[] {
  return Object.keys(record.answers)
}

/** Stable across retries and reloads: the backend's dedup key for one queued item. */
export function itemKey(record: ResponseRecord): string {
  return `${record.id}:${record.revision}`
}
