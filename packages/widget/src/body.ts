// Props every question body receives. Values are controlled by the survey view; nothing in a body
// talks to core. Survey text goes through JSX text nodes only, so markup in a config shows as characters.
import type { AnswerValue, Question } from '@touchloop/core'
import type { JSX } from 'preact'
import type { RadioOption } from './radio-group'
import type { Strings } from './strings'
import type { Problem } from './validate'

export interface BodyProps {
  question: Question
  value: AnswerValue | undefined
  setValue(value: AnswerValue | undefined): void
  other: string
  setOther(text: string): void
  /** Resolves a LocalizedText in the display locale. */
  t(text: Question['text'] | undefined): string
  strings: Strings
  rtl: boolean
  seed: string
  /** Id of the error message, when one shows, for aria-describedby. */
  errorId?: string
  onCta(): void
  /** Enter in a single-line field submits the step, like a form. */
  onEnter(): void
  /** The lazily loaded module for every type but the scales. */
  more?: MoreTypes
}

/** The chunk with choice, text, CTA and consent questions (./more-types), loaded only when a survey has one. */
export interface MoreTypes {
  Body(props: BodyProps): JSX.Element | null
  /** Length and format checks of text answers. */
  validate(question: Question, value: AnswerValue): Problem | undefined
  /** CSS for these types, adopted next to the main sheet. */
  css: string
  /** `strings` with the English of these types' strings filled in where the locale has none. */
  strings(strings: Strings): Strings
  /** The points of a scale: NPS 0–10, CSAT 1–5, CES 1–7, rating 1–3…10. */
  scaleRange(question: Question): [number, number]
  /** A scale point drawn as a star or a face (`display: 'stars' | 'emoji'`); undefined for plain numbers. */
  symbol(question: Question, n: number, min: number, max: number, value: unknown): RadioOption | undefined
  /** Keeps a popover or sheet above the on-screen keyboard (see ./keyboard-offset); returns the stop function. */
  watchKeyboardOffset(setVar: (name: string, value: string) => void): () => void
}
