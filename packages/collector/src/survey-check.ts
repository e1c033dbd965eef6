// Checks a structurally valid record against the survey it answers, when the collector knows it: the
// survey exists, every answer belongs to one of its questions and has that question's type and range,
// text is within the question's limit. A record that fails gets a per-item 422 with the reason.
import type { ChoiceQuestion, Question, ResponseRecord, Survey } from '@touchloop/core'
import { MAX_ANSWER_TEXT } from '@touchloop/core/schema'
import { SCORE_RANGES, type ScoreType } from './aggregates'

export interface SurveyCatalog {
  /** True when surveys are known at all: then a record for an unknown survey is refused. */
  readonly enforced: boolean
  /** The definition of `version` when known, else the survey's current one. */
  get(surveyId: string, version?: number): Survey | undefined
  /** The current definition of every known survey. */
  list(): readonly Survey[]
  /** Before checking a batch: when it names a survey or version this copy does not know, look again now
   * (another collector on the same database may have just published it). Never rejects. */
  ensureKnown?(records: readonly unknown[]): Promise<void>
}

/** A fixed catalog (one version per survey); the collector itself uses the live ./survey-registry. */
export function createSurveyCatalog(surveys: readonly Survey[]): SurveyCatalog {
  const byId = new Map(surveys.map((survey) => [survey.id, survey]))
  return { enforced: byId.size > 0, get: (id) => byId.get(id), list: () => [...byId.values()] }
}

const isInt = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

function choiceIds(question: ChoiceQuestion): Set<string> {
  const ids = new Set(question.choices.map((choice) => choice.id))
  if (question.other) ids.add('other')
  return ids
}

/** Why `value` is not a valid answer to `question`, or undefined when it is. */
export function answerProblem(question: Question, value: unknown): string | undefined {
  switch (question.type) {
    case 'nps':
    case 'csat':
    case 'ces': {
      const [min, max] = SCORE_RANGES[question.type as ScoreType]
      return isInt(value, min, max) ? undefined : `expected a whole number ${min}–${max}`
    }
    case 'rating':
      return isInt(value, 1, question.scale) ? undefined : `expected a whole number 1–${question.scale}`
    case 'single':
      return typeof value === 'string' && choiceIds(question).has(value) ? undefined : 'expected one of its choice ids'
    case 'multi': {
      const ids = choiceIds(question)
      const ok =
        Array.isArray(value) &&
        new Set(value).size === value.length &&
        value.every((item) => typeof item === 'string' && ids.has(item))
      return ok ? undefined : 'expected distinct choice ids'
    }
    case 'text': {
      const max = Math.min(question.maxLength ?? MAX_ANSWER_TEXT, MAX_ANSWER_TEXT)
      return typeof value === 'string' && value.length <= max ? undefined : `expected text of at most ${max} characters`
    }
    case 'cta':
    case 'consent':
      return typeof value === 'boolean' ? undefined : 'expected true or false'
  }
}

/** Why the record does not fit its survey, or undefined when it does (or the survey is unknown and not enforced). */
export function recordProblem(record: ResponseRecord, catalog: SurveyCatalog): string | undefined {
  // The version the answer was given under: a later edit must not invalidate answers already given.
  const survey = catalog.get(record.surveyId, record.surveyVersion)
  if (!survey) return catalog.enforced ? `surveyId: unknown survey "${record.surveyId}"` : undefined
  const questions = new Map(survey.questions.map((question) => [question.id, question]))
  for (const [questionId, value] of Object.entries(record.answers)) {
    const question = questions.get(questionId)
    if (!question) return `answers.${questionId}: not a question of survey "${survey.id}"`
    const problem = answerProblem(question, value)
    if (problem) return `answers.${questionId}: ${problem}`
  }
  for (const questionId of Object.keys(record.otherText ?? {})) {
    const question = questions.get(questionId)
    if (!question || (question.type !== 'single' && question.type !== 'multi') || !question.other) {
      return `otherText.${questionId}: not a question with an "Other" choice`
    }
  }
  for (const questionId of Object.keys(record.timings ?? {})) {
    if (!questions.has(questionId)) return `timings.${questionId}: not a question of survey "${survey.id}"`
  }
  if (
    record.endingId !== undefined &&
    record.endingId !== 'end' &&
    !(survey.endings ?? []).some((ending) => ending.id === record.endingId)
  ) {
    return `endingId: not an ending of survey "${survey.id}"`
  }
  return undefined
}
