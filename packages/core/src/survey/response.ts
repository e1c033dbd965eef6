// One displayed survey's response: the widget's callbacks become revisions of one ResponseRecord,
// enqueued in order, and the open response is kept in state so a reload can resume it.
import type { Environment } from '../env'
import { uuidv7 } from '../ids'
import type { AnswerValue, ResponseRecord, Survey } from '../model'
import type { OpenResponse } from '../state/types'
import { toWellFormedText } from '../well-formed'
import type { AnswerEvent } from '../widget-contract'
import { nextStep } from './flow'

export interface ResponseSink {
  /** Resolves once the record is durably queued. */
  enqueue(record: ResponseRecord): Promise<void>
  /** The open response changed (undefined: closed). Persist it for resume. */
  save(open: OpenResponse | undefined): void
  identity(): { userId?: string; anonymousId: string }
}

export interface ResponseSession {
  readonly id: string
  readonly open: OpenResponse
  /** Revision 0 ('shown'), unless resuming. */
  shown(): Promise<void>
  answer(answer: AnswerEvent): Promise<void>
  complete(endingId?: string): Promise<void>
  dismiss(): Promise<void>
}

/** Page URL without query and hash: those often carry tokens or personal data. */
export function reportableUrl(url: string): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.origin + parsed.pathname
  } catch {
    return undefined
  }
}

/** A fresh answers object without a prototype: no answer can shadow or be read from `Object.prototype`. */
export function answersObject(from: Record<string, AnswerValue> = {}): Record<string, AnswerValue> {
  return Object.assign(Object.create(null) as Record<string, AnswerValue>, from)
}

/** Text the user typed, made storable: lone surrogates become U+FFFD, NUL is removed (see ../well-formed.ts). */
export function storableAnswer(value: AnswerValue): AnswerValue {
  if (typeof value === 'string') return toWellFormedText(value)
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? toWellFormedText(item) : item))
  return value
}

export function createResponseSession(
  survey: Survey,
  touchpoint: string,
  locale: string,
  env: Environment,
  sink: ResponseSink,
  resume?: OpenResponse,
): ResponseSession {
  const open: OpenResponse = resume
    ? structuredClone(resume)
    : {
        responseId: uuidv7(env.now(), env.random),
        surveyId: survey.id,
        surveyVersion: survey.version ?? 0,
        touchpoint,
        revision: -1,
        answers: answersObject(),
        locale,
        createdAt: new Date(env.now()).toISOString(),
      }
  open.answers = answersObject(open.answers) // a resumed copy comes back from storage with a prototype
  const questionIds = new Set(survey.questions.map((question) => question.id))
  let chain: Promise<void> = Promise.resolve()
  let closed = false

  function write(event: ResponseRecord['event'], endingId?: string): Promise<void> {
    open.revision++
    const identity = sink.identity()
    const record: ResponseRecord = {
      id: open.responseId,
      revision: open.revision,
      event,
      surveyId: open.surveyId,
      surveyVersion: open.surveyVersion,
      touchpoint: open.touchpoint,
      answers: { ...open.answers },
      anonymousId: identity.anonymousId,
      createdAt: open.createdAt,
      updatedAt: new Date(env.now()).toISOString(),
    }
    if (open.timings && Object.keys(open.timings).length) record.timings = { ...open.timings }
    if (open.otherText && Object.keys(open.otherText).length) record.otherText = { ...open.otherText }
    if (endingId) record.endingId = endingId
    // The app's user id is made storable like typed text (no NUL, no lone surrogate).
    if (identity.userId) record.userId = toWellFormedText(identity.userId)
    if (open.locale) record.locale = open.locale
    const url = reportableUrl(env.url())
    if (url) record.url = url
    sink.save(event === 'completed' || event === 'dismissed' ? undefined : structuredClone(open))
    // Revisions are queued strictly in order, even when the widget does not await onComplete.
    const queued = chain.then(() => sink.enqueue(record))
    chain = queued.catch(() => {})
    return queued
  }

  return {
    id: open.responseId,
    open,
    shown() {
      if (resume) return Promise.resolve()
      return write('shown')
    },
    answer({ questionId, value, msToAnswer, otherText }) {
      if (closed) return Promise.resolve()
      if (!questionIds.has(questionId)) {
        return Promise.reject(new Error(`expected a question id of survey "${survey.id}", got "${questionId}"`))
      }
      open.answers[questionId] = storableAnswer(value)
      if (msToAnswer !== undefined) open.timings = { ...open.timings, [questionId]: Math.round(msToAnswer) }
      if (otherText !== undefined) open.otherText = { ...open.otherText, [questionId]: toWellFormedText(otherText) }
      const step = nextStep(survey, questionId, open.answers)
      if (step.kind === 'question') open.currentQuestionId = step.questionId
      else delete open.currentQuestionId
      return write('answered')
    },
    complete(endingId) {
      if (closed) return Promise.resolve()
      closed = true
      return write('completed', endingId)
    },
    dismiss() {
      if (closed) return Promise.resolve()
      closed = true
      return write('dismissed')
    },
  }
}
