// Validates survey definitions one by one: a bad survey is reported and skipped, the others run.
// This module (with zod) is imported lazily by createTouchloop(), off the page-load path.
import type { Survey } from '../model'
import { type FormattedIssue, formatIssues, formatPath } from './format-issues'
import { toPlainData } from './plain-data'
import { surveySchema } from './survey'

export interface SurveyConfigIssue extends FormattedIssue {
  surveyId?: string
}

export interface SurveyValidation {
  surveys: Survey[]
  issues: SurveyConfigIssue[]
}

export function validateSurveys(inputs: readonly unknown[], prefix = 'surveys'): SurveyValidation {
  const result: SurveyValidation = { surveys: [], issues: [] }
  const seen = new Set<string>()
  inputs.forEach((input, index) => {
    validateOne(input, `${prefix}[${index}]`, seen, result)
  })
  return result
}

/** Yields to the main thread once a slice has run this long, so many surveys never make a long task. */
const SLICE_MS = 8

function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Same result as validateSurveys(), in slices of at most ~8 ms between yields to the page. */
export async function validateSurveysInSlices(
  inputs: readonly unknown[],
  prefix = 'surveys',
  now: () => number = () => Date.now(),
): Promise<SurveyValidation> {
  const result: SurveyValidation = { surveys: [], issues: [] }
  const seen = new Set<string>()
  let sliceStart = now()
  for (const [index, input] of inputs.entries()) {
    if (now() - sliceStart >= SLICE_MS) {
      await yieldToMain()
      sliceStart = now()
    }
    validateOne(input, `${prefix}[${index}]`, seen, result)
  }
  return result
}

function validateOne(input: unknown, at: string, seen: Set<string>, result: SurveyValidation): void {
  // One hostile survey (cycle, deep nesting, BigInt, throwing getter, Proxy) is one issue; the others run.
  try {
    const copy = toPlainData(input)
    if (!copy.ok) {
      result.issues.push({ path: formatPath(copy.path, at), message: copy.message, surveyId: safeSurveyId(input) })
      return
    }
    validatePlain(copy.value, at, seen, result)
  } catch (error) {
    result.issues.push({
      path: at,
      message: `could not be validated: ${(error as Error)?.message ?? 'unknown error'}`,
      surveyId: safeSurveyId(input),
    })
  }
}

function safeSurveyId(input: unknown): string | undefined {
  try {
    const id = input && typeof input === 'object' ? (input as { id?: unknown }).id : undefined
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

function validatePlain(input: unknown, at: string, seen: Set<string>, result: SurveyValidation): void {
  const surveyId = safeSurveyId(input)
  const parsed = surveySchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of formatIssues(parsed.error.issues, input, at)) result.issues.push({ ...issue, surveyId })
    return
  }
  if (seen.has(parsed.data.id)) {
    result.issues.push({
      path: `${at}.id`,
      message: `expected a unique survey id, "${parsed.data.id}" is defined twice (the first one is kept)`,
      surveyId,
    })
    return
  }
  seen.add(parsed.data.id)
  result.surveys.push(parsed.data as Survey)
}
