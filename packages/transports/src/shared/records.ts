// Helpers that turn a ResponseRecord into what analytics tools can hold: flat, string-friendly values.
import type { AnswerValue, ResponseRecord } from '@touchloop/core'

/** The value a choice question records for its "Other" choice; the typed text is in `record.otherText`. */
export const OTHER_CHOICE = 'other'

/** Multi-choice answers joined with ", "; everything else as text. */
export function answerText(value: AnswerValue): string {
  return Array.isArray(value) ? value.join(', ') : String(value)
}

/**
 * One answer as text for tools with a single string per answer, the "Other" text included:
 * `speed, price, other: delivery`.
 */
export function answerTextWithOther(record: ResponseRecord, questionId: string): string {
  const value = record.answers[questionId]!
  const other = record.otherText?.[questionId]
  if (other === undefined) return answerText(value)
  const withOther = (choice: string) => (choice === OTHER_CHOICE ? `${OTHER_CHOICE}: ${other}` : choice)
  return Array.isArray(value) ? value.map(withOther).join(', ') : withOther(String(value))
}

/** The question ids answered so far, in the order the answers were given (object insertion order). */
export function answeredQuestionIds(record: ResponseRecord): string[] {
  return Object.keys(record.answers)
}

/** Stable across retries and reloads: the backend's dedup key for one queued item. */
export function itemKey(record: ResponseRecord): string {
  return `${record.id}:${record.revision}`
}
