// Headless mode: the app renders a survey itself and reports back through a SurveySession. It is the
// widget's contract seen from the app's side: the same response revisions, fatigue counting, events
// and durable queue (the presenter drives both). Part of the lazy presenter chunk.
import type { SurveySession } from '../api'
import type { AnswerValue, Question, Survey } from '../model'
import type { AnswerEvent } from '../widget-contract'
import { type FlowStep, firstStep, nextStep } from './flow'

/** What the presenter hands a headless session: the same callbacks a widget gets, awaitable. */
export interface SessionCallbacks {
  answer(answer: AnswerEvent): Promise<void>
  complete(endingId?: string): Promise<void>
  dismiss(reason: string): Promise<void>
}

const SCALES: Partial<Record<Question['type'], [number, number]>> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] }

/** Why `value` is not an answer to `question`, or undefined when it is. */
export function answerProblem(question: Question, value: unknown): string | undefined {
  const range = question.type === 'rating' ? ([1, question.scale] as [number, number]) : SCALES[question.type]
  if (range) {
    return Number.isInteger(value) && (value as number) >= range[0] && (value as number) <= range[1]
      ? undefined
      : `expected an integer ${range[0]}–${range[1]} for a ${question.type} question`
  }
  switch (question.type) {
    case 'single':
    case 'text':
      return typeof value === 'string' ? undefined : `expected a string for a ${question.type} question`
    case 'multi':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? undefined
        : 'expected an array of choice ids for a multi question'
    default:
      return typeof value === 'boolean' ? undefined : `expected a boolean for a ${question.type} question`
  }
}

export function createSurveySession(
  survey: Survey,
  responseId: string,
  locale: string,
  callbacks: SessionCallbacks,
  warn: (message: string) => void,
): SurveySession {
  const answers: Record<string, AnswerValue> = Object.create(null)
  let step: FlowStep = firstStep(survey)
  let closed = false
  /** Runs `action` unless the session is closed; resolves whether it was recorded, warns why not. */
  const attempt = async (what: string, action: () => Promise<void>): Promise<boolean> => {
    if (closed) {
      warn(`touchloop: session.${what} ignored: response ${responseId} is already completed or dismissed`)
      return false
    }
    try {
      await action()
      return true
    } catch (error) {
      warn(`touchloop: session.${what} failed: ${(error as Error)?.message ?? error}`)
      return false
    }
  }
  return {
    survey,
    responseId,
    locale,
    get answers() {
      return { ...answers }
    },
    get step() {
      return step
    },
    answer(questionId, value, details = {}) {
      return attempt(`answer("${questionId}")`, async () => {
        const question = survey.questions.find((candidate) => candidate.id === questionId)
        if (!question) throw new Error(`expected a question id of survey "${survey.id}", got "${questionId}"`)
        const problem = answerProblem(question, value)
        if (problem) throw new Error(`${problem}, got ${JSON.stringify(value)}`)
        const event: AnswerEvent = { questionId, value }
        if (typeof details.otherText === 'string') event.otherText = details.otherText
        if (typeof details.msToAnswer === 'number') event.msToAnswer = details.msToAnswer
        answers[questionId] = value
        step = nextStep(survey, questionId, answers)
        await callbacks.answer(event)
      })
    },
    complete(endingId) {
      return attempt('complete()', async () => {
        closed = true
        await callbacks.complete(endingId ?? (step.kind === 'ending' ? step.endingId : undefined))
      })
    },
    dismiss(reason = 'app') {
      return attempt('dismiss()', async () => {
        closed = true
        await callbacks.dismiss(reason)
      })
    },
  }
}
