// What core hands the lazily loaded widget, and what the widget hands back.
// Core never imports the widget: it receives a loader (`widget: () => import('@touchloop/widget')`).
import type { AnswerValue, Survey } from './model'
import type {
  firstStep,
  isAnswered,
  isQuestionVisible,
  nextStep,
  previousQuestionId,
  progressOf,
  questionPath,
} from './survey/flow'
import type { resolveText, textDirection } from './survey/text'

export interface AnswerEvent {
  questionId: string
  value: AnswerValue
  /** Milliseconds from the question being shown to this answer. */
  msToAnswer?: number
  /** Text typed into the "Other" field of a choice question. */
  otherText?: string
}

export interface WidgetTheme {
  scheme?: 'light' | 'dark' | 'auto'
  /** CSS custom properties set on the host element, e.g. { '--tl-accent': '#5b21b6' }. */
  vars?: Record<string, string>
  /** Extra CSS applied inside the shadow root only. */
  css?: string
  zIndex?: number
  /** CSP nonce for the rare browsers without constructable stylesheets. */
  nonce?: string
}

/** Core's survey flow and text functions, handed to the widget so it does not bundle a second copy. */
export interface SurveyKit {
  firstStep: typeof firstStep
  nextStep: typeof nextStep
  isAnswered: typeof isAnswered
  isQuestionVisible: typeof isQuestionVisible
  questionPath: typeof questionPath
  previousQuestionId: typeof previousQuestionId
  progressOf: typeof progressOf
  resolveText: typeof resolveText
  textDirection: typeof textDirection
}

export interface SurveyRenderContext {
  survey: Survey
  /** The response id (UUIDv7) of this display; seeds the stable choice shuffle. Optional for older cores. */
  responseId?: string
  /** The locale chosen for this display (BCP 47). */
  locale: string
  /** Answers already given in this response (resuming after a reload). */
  answers: Record<string, AnswerValue>
  /** Where to start (resuming); defaults to the first visible question. */
  currentQuestionId?: string
  theme?: WidgetTheme
  /** For inline presentation: the element to mount in. */
  container?: HTMLElement
  /** Preview mode: shows a badge, nothing is delivered. */
  preview?: boolean
  /** Core's flow and text functions (already in the page). Optional: without it the widget loads its own copy. */
  kit?: SurveyKit
  /** The widget is on screen. */
  onShown(): void
  /** Resolves once the answer is durably stored; the widget moves on after that. */
  onAnswer(answer: AnswerEvent): Promise<void>
  onComplete(endingId?: string): void
  /** The user closed it (close button, Escape). */
  onDismiss(reason: 'close' | 'escape'): void
}

export interface WidgetHandle {
  /** Remove the widget and restore focus. */
  close(): void
}

export interface WidgetModule {
  renderSurvey(context: SurveyRenderContext): WidgetHandle
}
