// Validates survey definitions one by one: a bad survey is reported and skipped, the others run.
// This module (with zod) is imported lazily by createTouchloop(), off the page-load path.
import type { Survey } from '../model'
import { type FormattedIssue, formatIssues } from './format-issues'
import { surveySchema } from './survey'

export interface SurveyConfigIssue extends FormattedIssue {
  surveyId?: string
}

export interface SurveyValidation {
  surveys: Survey[]
  issues: SurveyConfigIssue[]
}

export function validateSurveys(inputs: readonly unknown[], prefix = 'surveys'): SurveyValidation {
  const surveys: Survey[] = []
  const issues: SurveyConfigIssue[] = []
  const seen = new Set<string>()
  inputs.forEach((input, index) => {
    const at = `${prefix}[${index}]`
    const surveyId =
      input && typeof input === 'object' && typeof (input as { id?: unknown }).id === 'string'
        ? (input as { id: string }).id
        : undefined
    const result = surveySchema.safeParse(input)
    if (!result.success) {
      for (const issue of formatIssues(result.error.issues, input, at)) issues.push({ ...issue, surveyId })
      return
    }
    if (seen.has(result.data.id)) {
      issues.push({
        path: `${at}.id`,
        message: `expected a unique survey id, "${result.data.id}" is defined twice (the first one is kept)`,
        surveyId,
      })
      return
    }
    seen.add(result.data.id)
    surveys.push(result.data as Survey)
  })
  return { surveys, issues }
}
