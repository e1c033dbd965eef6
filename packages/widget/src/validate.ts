// Checks an answer before it is handed to core, returning the UI string key (and value) to show.
// Text length and format checks live with the text question in ./more-types.
import type { AnswerValue, Question } from '@touchloop/core'
import type { MoreTypes } from './body'
import type { StringKey } from './strings'

export interface Problem {
  key: StringKey
  n?: number
}

export function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

const choseOther = (value: AnswerValue | undefined) =>
  value === 'other' || (Array.isArray(value) && value.includes('other'))

/** The first problem with `value` for `question`, or undefined when it may be submitted (or skipped). */
export function validateAnswer(
  question: Question,
  value: AnswerValue | undefined,
  otherText: string,
  isAnswered: (value: AnswerValue | undefined) => boolean,
  more?: MoreTypes,
): Problem | undefined {
  const empty = !isAnswered(value) || (question.type === 'consent' && value !== true)
  if (empty || (question.required && choseOther(value) && !otherText.trim())) {
    return question.required ? { key: 'required' } : undefined
  }
  return more?.validate(question, value!)
}

export { choseOther }
