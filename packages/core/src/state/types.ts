// What core remembers about this user between page loads. Versioned: see migrate.ts.
import type { Traits } from '../api'
import type { AnswerValue } from '../model'

export const STATE_VERSION = 2

export interface SurveyHistory {
  /** Times displayed (not counting previews). */
  shown: number
  lastShownAt?: number
  completedAt?: number
  dismissedAt?: number
  /** Displays per touchpoint name, for the per-touchpoint cap. */
  byTouchpoint?: Record<string, number>
}

/** A response on screen or half-answered when the page went away; resumed on the next load. */
export interface OpenResponse {
  responseId: string
  surveyId: string
  surveyVersion: number
  touchpoint: string
  /** Last revision enqueued. */
  revision: number
  answers: Record<string, AnswerValue>
  timings?: Record<string, number>
  otherText?: Record<string, string>
  /** The question to resume at. */
  currentQuestionId?: string
  locale?: string
  createdAt: string
}

export interface SessionState {
  id: string
  startedAt: number
  lastActivityAt: number
  /** Surveys shown in this session. */
  shown: number
  /** Displays per touchpoint name in this session. */
  byTouchpoint: Record<string, number>
}

export interface TouchloopState {
  v: typeof STATE_VERSION
  anonymousId: string
  userId?: string
  traits: Traits
  /** Page loads. */
  visits: number
  sessions: number
  session: SessionState
  /** When any survey was last shown (global quiet period). */
  lastShownAt?: number
  surveys: Record<string, SurveyHistory>
  /** Matching occurrences per event touchpoint (`surveyId#index`), for `nth`. */
  occurrences: Record<string, number>
  open?: OpenResponse
}
