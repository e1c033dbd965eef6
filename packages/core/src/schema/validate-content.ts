// What a survey file holds, validated with the zod schema (authoring time: `touchloop validate`, the
// Vite plugin): one survey, an array of surveys, or a remote config document `{ "surveys": [...] }`.
import type { SurveyConfigIssue } from './survey-list'
import { checkSurvey } from './survey-list'
import { parseSurvey, validateSurveys } from './validate'

export interface ContentValidation {
  /** How many valid surveys it holds. */
  surveys: number
  issues: SurveyConfigIssue[]
}

export function validateSurveyContent(content: unknown): ContentValidation {
  const list = Array.isArray(content)
    ? content
    : content && typeof content === 'object' && Array.isArray((content as { surveys?: unknown }).surveys)
      ? (content as { surveys: unknown[] }).surveys
      : undefined
  if (list) {
    const result = validateSurveys(list, 'surveys')
    return { surveys: result.surveys.length, issues: result.issues }
  }
  const one = checkSurvey(content, '', parseSurvey)
  return one.ok ? { surveys: 1, issues: [] } : { surveys: 0, issues: one.issues }
}
