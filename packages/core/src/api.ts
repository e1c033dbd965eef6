// The public API: options of createTouchloop() and the instance it returns. The script tag's
// window.touchloop exposes the same methods.
import type { Environment } from './env'
import type { AnswerValue, ResponseRecord, Survey } from './model'
import type { FlowStep } from './survey/flow'
import type { Transport } from './transport'
import type { WidgetModule, WidgetTheme } from './widget-contract'

export type Traits = Record<string, string | number | boolean | null>

export interface DeliveryLimits {
  maxItems?: number
  maxBytes?: number
  /** Milliseconds. */
  maxAgeMs?: number
  maxAttempts?: number
}

export interface TouchloopOptions {
  /** Surveys in code (validated; a bad one is reported and skipped, the others run). */
  surveys?: unknown[]
  /** Surveys fetched from a URL (ETag, stale-while-revalidate, last good copy kept). */
  remoteConfig?: { url: string; timeoutMs?: number; headers?: Record<string, string> }
  /** Where answers go. Each transport has its own queue and retry state. */
  transports?: Transport[]
  /**
   * Loads the widget when a survey is due. Omit for headless mode: listen to `survey:due`, call
   * `start(survey.id)` and render the survey yourself (docs/core.md, "Headless mode").
   */
  widget?: () => Promise<WidgetModule>
  theme?: WidgetTheme
  locale?: string
  /** 'pending': nothing is written to storage until setConsent(true). */
  consent?: 'granted' | 'pending'
  /** 'memory' keeps state and the queue in memory only (lost on reload). */
  persistence?: 'indexeddb' | 'memory'
  /** Global quiet period between any two surveys, in days. */
  quietPeriodDays?: number
  /** Max surveys shown per session. */
  sessionCap?: number
  /** Last-moment veto by the host app. */
  beforeShow?: (survey: Survey) => boolean | Promise<boolean>
  /** Custom audience predicate. */
  audience?: (survey: Survey, context: { userId?: string; traits: Traits; locale: string }) => boolean
  delivery?: DeliveryLimits & { batchSize?: number; timeoutMs?: number }
  /** Namespace for storage (several apps on one origin). */
  storageKey?: string
  env?: Partial<Environment>
  /** Explains on the console (console.debug) every decision: why a survey was or was not shown. */
  debug?: boolean
}

export interface ShowOptions {
  /** Bypass targeting, sampling and fatigue (testing). */
  force?: boolean
  /** Preview: shown, but nothing is delivered or counted. */
  preview?: boolean
  /** For inline presentation. */
  container?: HTMLElement
  touchpoint?: string
  /**
   * Takes the survey back: aborting removes it from the waiting queue (show() resolves false), or closes
   * it when on screen (a `survey:dismissed` with reason `removed`), so the next survey can show. For a
   * component that unmounts the container of an inline survey.
   */
  signal?: AbortSignal
}

export interface StartOptions {
  /** The touchpoint name recorded (from `survey:due`); default `manual`. */
  touchpoint?: string
  /** Bypass targeting, sampling and fatigue (still counted and delivered). */
  force?: boolean
}

/**
 * A survey response rendered by the app itself (headless mode), from `start()`. Each call writes a new
 * revision to the durable queue, exactly like the widget: `answer()` resolves once the revision is
 * stored. Every method resolves false (and warns why) when refused: an unknown question, a value that
 * does not fit the question, a response already completed or dismissed. Never rejects.
 */
export interface SurveySession {
  readonly survey: Survey
  /** The response id (UUIDv7) of this display. */
  readonly responseId: string
  /** The locale chosen for this display. */
  readonly locale: string
  /** The answers given so far (a copy). */
  readonly answers: Record<string, AnswerValue>
  /** Where to go next: the first question, then the step after the last answer (show-if and jumps applied). */
  readonly step: FlowStep
  /** nps 0–10, csat 1–5, ces 1–7, rating 1–scale, single/text a string, multi string[], cta/consent a boolean. */
  answer(
    questionId: string,
    value: AnswerValue,
    details?: { otherText?: string; msToAnswer?: number },
  ): Promise<boolean>
  /** Closes the response as completed (`endingId`: default the ending the answers lead to). */
  complete(endingId?: string): Promise<boolean>
  /** Closes the response as dismissed (`reason` reported in `survey:dismissed`; default `app`). */
  dismiss(reason?: string): Promise<boolean>
}

export interface TouchloopEvents {
  'survey:due': { survey: Survey; touchpoint: string }
  'survey:shown': { surveyId: string; responseId: string }
  'question:answered': { surveyId: string; responseId: string; questionId: string; value: AnswerValue }
  'survey:completed': { surveyId: string; responseId: string; endingId?: string }
  'survey:dismissed': { surveyId: string; responseId: string; reason: string }
  'config:error': { surveyId?: string; path: string; message: string }
  'delivery:queued': { transport: string; record: ResponseRecord }
  'delivery:sent': { transport: string; keys: string[] }
  'delivery:retry': { transport: string; keys: string[]; attempt: number; delayMs: number; reason: string }
  'delivery:dropped': { transport: string; keys: string[]; reason: string }
  'delivery:dead-letter': { transport: string; keys: string[]; reason: string; status?: number }
  'delivery:degraded': { transport?: string; reason: string }
  error: { message: string; error?: unknown }
}
export type TouchloopEventName = keyof TouchloopEvents

/** An answer a backend refused (non-retryable status) or that ran out of attempts, kept with the reason. */
export interface DeadLetter {
  /** The transport (queue) that gave up on it. */
  transport: string
  /** `${id}:${revision}` */
  key: string
  record: ResponseRecord
  /** The backend's reason, `rejected with status N`, or `max-attempts: <last failure>`. */
  reason: string
  /** The HTTP status of the refusal (0: network error or timeout). */
  status?: number
  /** Sends made before it was dead-lettered. */
  attempts: number
  /** When it was dead-lettered (epoch ms). */
  at: number
}

/** Which dead letters to retry or discard; omitted fields match everything. */
export interface DeadLetterFilter {
  transport?: string
  /** `${id}:${revision}` keys. */
  keys?: string[]
}

export interface Touchloop {
  track(name: string, props?: Record<string, unknown>): void
  identify(id: string, traits?: Traits): void
  show(surveyId: string, options?: ShowOptions): Promise<boolean>
  /**
   * Headless mode: starts a response the app renders itself. Same checks as show() (targeting, sampling,
   * fatigue; one survey at a time) and the same counting; resolves undefined when it may not be shown.
   */
  start(surveyId: string, options?: StartOptions): Promise<SurveySession | undefined>
  on<E extends TouchloopEventName>(event: E, callback: (payload: TouchloopEvents[E]) => void): () => void
  /** Settles when every queue is empty or blocked (offline, paused by the server). */
  flush(): Promise<void>
  /** Answers a backend refused or that ran out of attempts, oldest first. Resolves [] when storage fails. */
  deadLetters(): Promise<DeadLetter[]>
  /**
   * Moves matching dead letters back to their queue (attempts start again, same id and revision, so the
   * backend still dedups) and sends them. Resolves how many were moved (0 on error, reported as `error`).
   */
  retryDeadLetters(filter?: DeadLetterFilter): Promise<number>
  /** Deletes matching dead letters for good. Resolves how many were deleted (0 on error, reported as `error`). */
  discardDeadLetters(filter?: DeadLetterFilter): Promise<number>
  setConsent(granted: boolean): void
  /** Forget the user (logout): new anonymous id, traits cleared. */
  reset(): void
  destroy(): void
}
