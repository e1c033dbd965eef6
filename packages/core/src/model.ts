// The survey model, as TypeScript types. This is the contract between core, widget, transports and
// collector. The zod schemas in ./schema validate exactly these shapes (a type test keeps them equal).

/** Text a survey shows: one string, or one string per locale (`{ en: 'Hi', de: 'Hallo' }`). */
export type LocalizedText = string | Record<string, string>

export type NpsCategory = 'detractor' | 'passive' | 'promoter'

interface QuestionBase {
  /** Stable id, unique in the survey; answers and rules refer to it. */
  id: string
  /** The question as shown (rendered as text, never as HTML). */
  text: LocalizedText
  /** Smaller text under the question. */
  description?: LocalizedText
  /** Default false: the user may skip. */
  required?: boolean
  /** Show this question only when the condition holds on earlier answers. */
  showIf?: Condition
  /** After this question is answered, the first matching rule decides where to go. */
  jumps?: JumpRule[]
}

export interface NpsQuestion extends QuestionBase {
  type: 'nps'
  /** Labels under 0 and 10 ("Not at all likely" / "Extremely likely"). */
  lowLabel?: LocalizedText
  highLabel?: LocalizedText
}
export interface CsatQuestion extends QuestionBase {
  type: 'csat'
  display?: 'number' | 'stars' | 'emoji'
  lowLabel?: LocalizedText
  highLabel?: LocalizedText
}
export interface CesQuestion extends QuestionBase {
  type: 'ces'
  lowLabel?: LocalizedText
  highLabel?: LocalizedText
}
export interface RatingQuestion extends QuestionBase {
  type: 'rating'
  /** Number of points, 3–10. */
  scale: number
  display?: 'number' | 'stars' | 'emoji'
  lowLabel?: LocalizedText
  highLabel?: LocalizedText
}
export interface Choice {
  id: string
  text: LocalizedText
}
export interface ChoiceQuestion extends QuestionBase {
  type: 'single' | 'multi'
  choices: Choice[]
  /** Adds an "Other" choice with a free-text field. */
  other?: boolean | { text?: LocalizedText }
  /** Shuffle the choices (stable per response). */
  shuffle?: boolean
}
export interface TextQuestion extends QuestionBase {
  type: 'text'
  multiline?: boolean
  placeholder?: LocalizedText
  minLength?: number
  maxLength?: number
  format?: 'email' | 'url'
}
export interface CtaQuestion extends QuestionBase {
  type: 'cta'
  buttonText: LocalizedText
  url: string
}
export interface ConsentQuestion extends QuestionBase {
  type: 'consent'
  /** The checkbox label. */
  label: LocalizedText
}

export type Question =
  | NpsQuestion
  | CsatQuestion
  | CesQuestion
  | RatingQuestion
  | ChoiceQuestion
  | TextQuestion
  | CtaQuestion
  | ConsentQuestion
export type QuestionType = Question['type']

/** Conditions on earlier answers (show-if, jumps, endings). */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      question: string
      /** answered / skipped test presence; npsCategory tests an NPS answer's category. */
      op: 'answered' | 'skipped' | 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'includes' | 'npsCategory'
      value?: string | number | boolean | NpsCategory
    }

export interface JumpRule {
  if: Condition
  /** A question id, an ending id, or 'end' (the default ending). */
  to: string
}

export interface Ending {
  id: string
  /** The first ending whose condition holds is shown; one without a condition is the fallback. */
  if?: Condition
  title: LocalizedText
  text?: LocalizedText
  cta?: { text: LocalizedText; url: string }
}

/** Event-property condition for code-event touchpoints. */
export interface PropertyCondition {
  prop: string
  op: 'eq' | 'neq' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists' | 'notExists'
  value?: string | number | boolean
}

export interface UrlRule {
  op: 'exact' | 'contains' | 'startsWith' | 'endsWith' | 'glob' | 'regex'
  value: string
  /** Negate the rule (e.g. "not contains /admin"). */
  not?: boolean
}

/** Touchpoints: when a survey becomes due. */
export type Touchpoint = (
  | { type: 'event'; event: string; where?: PropertyCondition[]; nth?: number }
  | { type: 'pageview'; url?: UrlRule[] }
  | { type: 'click'; selector: string }
  | { type: 'exitIntent' }
  | { type: 'scroll'; percent: number }
  | { type: 'dwell'; seconds: number }
  | { type: 'visits'; count: number; per?: 'visit' | 'session' }
) & {
  /** A name for reporting; defaults to the event name or the trigger type. */
  name?: string
  /** Wait this long before showing; cancelled by navigation or a cancel event. */
  delaySeconds?: number
  cancelOn?: string[]
  /** Page URL rules that must also hold. */
  url?: UrlRule[]
  /** Per-touchpoint cap: show the survey from this touchpoint at most this many times per user. */
  cap?: number
}

export interface Audience {
  /** Trait conditions on identify() traits (all must hold). */
  traits?: PropertyCondition[]
  identified?: boolean
  locales?: string[]
  devices?: Array<'mobile' | 'tablet' | 'desktop'>
}

export interface Fatigue {
  /** Days before this survey may be shown again to the same user. */
  recontactDays?: number
  /** once: shown at most once; untilAnswered: until completed; or a number of displays. */
  displayLimit?: 'once' | 'untilAnswered' | number
  /** Skip the global quiet period for this survey. */
  ignoreGlobalQuietPeriod?: boolean
}

export interface Presentation {
  mode?: 'popover' | 'inline' | 'tab' | 'sheet'
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'center'
  /** For inline: a CSS selector of the host element. */
  target?: string
  /** Seconds a dialog's ending stays before it closes by itself (default 5; 0 keeps it open). An ending with a CTA stays. */
  autoCloseSeconds?: number
}

export interface Survey {
  id: string
  name?: string
  version?: number
  status?: 'active' | 'paused' | 'draft'
  startsAt?: string
  endsAt?: string
  touchpoints: Touchpoint[]
  audience?: Audience
  /** 0–1, stable per user (hash of user/anonymous id and survey id). Default 1. */
  sample?: number
  fatigue?: Fatigue
  /** Higher first when several are due. Default 0. */
  priority?: number
  presentation?: Presentation
  /** Default locale of the texts; translations live inside LocalizedText. */
  defaultLocale?: string
  questions: Question[]
  endings?: Ending[]
}

/** An answer value: number for scales, string for single/text, string[] for multi, boolean for consent/cta. */
export type AnswerValue = number | string | string[] | boolean

/**
 * What is queued and delivered: one revision of one response. Every answer given produces a new
 * revision with all answers so far, so the backend upserts by (id, revision) in any arrival order.
 */
export interface ResponseRecord {
  /** UUIDv7, created on the client when the survey is shown; never changes. */
  id: string
  /** 0 when shown, +1 on every answer, dismissal or completion. */
  revision: number
  /** What produced this revision. */
  event: 'shown' | 'answered' | 'completed' | 'dismissed'
  surveyId: string
  surveyVersion: number
  /** The touchpoint name that made the survey due (or 'manual' for show()). */
  touchpoint: string
  answers: Record<string, AnswerValue>
  /** Milliseconds from question shown to answered, per question. */
  timings?: Record<string, number>
  /** Text typed in the "Other" choice, per question. */
  otherText?: Record<string, string>
  endingId?: string
  userId?: string
  anonymousId: string
  locale?: string
  url?: string
  /** ISO timestamps. */
  createdAt: string
  updatedAt: string
}
