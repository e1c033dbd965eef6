// Checks an answer before it is handed to core, returning the UI string key (and value) to show.
import { type AnswerValue, isAnswered, type Question } from '@touchloop/core'
import type { StringKey } from './strings'

export interface Problem {
  key: StringKey
  n?: number
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** The first problem with `value` for `question`, or undefined when it may be submitted. */
export function validateAnswer(
  question: Question,
  value: AnswerValue | undefined,
  otherText = '',
): Problem | undefined {
  if (!isAnswered(value) || (question.type === 'consent' && value !== true)) {
    return question.required ? { key: 'required' } : undefined
  }
  if (
    (value === 'other' || (Array.isArray(value) && value.includes('other'))) &&
    question.required &&
    !otherText.trim()
  ) {
    if ('choices' in question && question.other) return { key: 'required' }
  }
  if (question.type !== 'text' || typeof value !== 'string') return undefined
  const text = value.trim()
  if (question.minLength && text.length < question.minLength) return { key: 'tooShort', n: question.minLength }
  if (question.maxLength && text.length > question.maxLength) return { key: 'tooLong', n: question.maxLength }
  if (question.format === 'email' && !EMAIL.test(text)) return { key: 'email' }
  if (question.format === 'url' && !isHttpUrl(text)) return { key: 'url' }
  return undefined
}
