// Survey flow as pure functions on the model: conditions, show-if, jump rules, NPS categories, the
// next / previous visible question and the ending. The widget renders; these decide where to go.
import type { AnswerValue, Condition, Ending, NpsCategory, Question, Survey } from '../model'

export type Answers = Readonly<Record<string, AnswerValue>>

/** 0–6 detractor, 7–8 passive, 9–10 promoter. */
export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return 'promoter'
  if (score >= 7) return 'passive'
  return 'detractor'
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === '') return false
  return !(Array.isArray(value) && value.length === 0)
}

function compareNumbers(actual: AnswerValue | undefined, expected: unknown, test: (a: number, b: number) => boolean) {
  return typeof actual === 'number' && typeof expected === 'number' && test(actual, expected)
}

function equals(actual: AnswerValue | undefined, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.length === 1 && actual[0] === expected
  return actual === expected
}

/** An own answer only: `constructor` or `toString` must never be read from an object's prototype. */
export function answerOf(answers: Answers, questionId: string): AnswerValue | undefined {
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined
}

/** Evaluates a condition on the answers given so far. A question never answered fails every test but `skipped`. */
export function evaluateCondition(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, answers))
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, answers))
  if ('not' in condition) return !evaluateCondition(condition.not, answers)
  const actual = answerOf(answers, condition.question)
  const { value } = condition
  switch (condition.op) {
    case 'answered':
      return isAnswered(actual)
    case 'skipped':
      return !isAnswered(actual)
    case 'eq':
      return equals(actual, value)
    case 'neq':
      return isAnswered(actual) && !equals(actual, value)
    case 'gt':
      return compareNumbers(actual, value, (a, b) => a > b)
    case 'gte':
      return compareNumbers(actual, value, (a, b) => a >= b)
    case 'lt':
      return compareNumbers(actual, value, (a, b) => a < b)
    case 'lte':
      return compareNumbers(actual, value, (a, b) => a <= b)
    case 'includes':
      if (Array.isArray(actual)) return actual.includes(value as string)
      return typeof actual === 'string' && typeof value === 'string' && actual.includes(value)
    case 'npsCategory':
      return typeof actual === 'number' && npsCategory(actual) === value
    default:
      return false
  }
}

export function isQuestionVisible(question: Question, answers: Answers): boolean {
  return !question.showIf || evaluateCondition(question.showIf, answers)
}

/** Where the survey goes: a question, or an ending (`endingId` undefined = the built-in thank-you). */
export type FlowStep = { kind: 'question'; questionId: string } | { kind: 'ending'; endingId?: string }

/** The ending shown for these answers: the first whose `if` holds, else the first without a condition. */
export function chooseEnding(survey: Survey, answers: Answers): Ending | undefined {
  const endings = survey.endings ?? []
  return endings.find((ending) => ending.if && evaluateCondition(ending.if, answers)) ?? endings.find((e) => !e.if)
}

function endingStep(survey: Survey, answers: Answers, endingId?: string): FlowStep {
  const explicit = endingId ? survey.endings?.find((ending) => ending.id === endingId) : undefined
  return { kind: 'ending', endingId: (explicit ?? chooseEnding(survey, answers))?.id }
}

/** The first visible question at or after `index`, or the ending. */
function firstVisibleFrom(survey: Survey, index: number, answers: Answers): FlowStep {
  for (let i = Math.max(0, index); i < survey.questions.length; i++) {
    const question = survey.questions[i]!
    if (isQuestionVisible(question, answers)) return { kind: 'question', questionId: question.id }
  }
  return endingStep(survey, answers)
}

export function firstStep(survey: Survey, answers: Answers = {}): FlowStep {
  return firstVisibleFrom(survey, 0, answers)
}

/**
 * The step after `questionId` once it is answered (or skipped): the first matching jump rule wins
 * (a question id, an ending id or 'end'); otherwise the next visible question in order. A jump to a
 * question hidden by its show-if lands on the next visible one after it.
 */
export function nextStep(survey: Survey, questionId: string, answers: Answers): FlowStep {
  const index = survey.questions.findIndex((question) => question.id === questionId)
  if (index < 0) return firstStep(survey, answers)
  const rule = survey.questions[index]!.jumps?.find((jump) => evaluateCondition(jump.if, answers))
  if (rule) {
    if (rule.to === 'end') return endingStep(survey, answers)
    const target = survey.questions.findIndex((question) => question.id === rule.to)
    if (target >= 0) return firstVisibleFrom(survey, target, answers)
    if (survey.endings?.some((ending) => ending.id === rule.to)) return endingStep(survey, answers, rule.to)
  }
  return firstVisibleFrom(survey, index + 1, answers)
}

/**
 * The questions a respondent with these answers walks through, in order, up to (not including)
 * `stopAt` or the ending. Replaying the flow makes "back" work after a reload, when no history is left.
 */
export function questionPath(survey: Survey, answers: Answers, stopAt?: string): string[] {
  const path: string[] = []
  const seen = new Set<string>()
  let step = firstStep(survey, answers)
  while (step.kind === 'question' && step.questionId !== stopAt && !seen.has(step.questionId)) {
    seen.add(step.questionId)
    path.push(step.questionId)
    step = nextStep(survey, step.questionId, answers)
  }
  return path
}

/** The question before `questionId` on the respondent's path, or undefined on the first one. */
export function previousQuestionId(survey: Survey, questionId: string, answers: Answers): string | undefined {
  const path = questionPath(survey, answers, questionId)
  return path[path.length - 1]
}

/**
 * Progress for "2 of 5": `position` is 1-based on the respondent's path; `total` counts the path so
 * far plus the visible questions left in order (jumps may shorten it, so it is an estimate).
 */
export function progressOf(survey: Survey, questionId: string, answers: Answers): { position: number; total: number } {
  const before = questionPath(survey, answers, questionId).length
  const index = survey.questions.findIndex((question) => question.id === questionId)
  let after = 0
  for (let i = index + 1; i < survey.questions.length; i++) {
    if (isQuestionVisible(survey.questions[i]!, answers)) after++
  }
  return { position: before + 1, total: before + 1 + after }
}
