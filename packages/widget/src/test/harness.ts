// Test helpers: render a survey into happy-dom and reach into its shadow root.
import type { AnswerEvent, Survey, SurveyRenderContext } from '@touchloop/core'
import { vi } from 'vitest'
import { renderSurvey } from '../index'

// The chunks a survey fetches after its first step, loaded once here: a later import() of them then
// settles within a tick, as a prefetched chunk does in a page.
await Promise.all([import('../later'), import('../more-types')])

export function setup(survey: Survey, overrides: Partial<SurveyRenderContext> = {}) {
  const answers: AnswerEvent[] = []
  const context: SurveyRenderContext = {
    survey,
    locale: 'en',
    answers: {},
    onShown: vi.fn(),
    onAnswer: vi.fn(async (answer: AnswerEvent) => {
      answers.push(answer)
    }),
    onComplete: vi.fn(),
    onDismiss: vi.fn(),
    ...overrides,
  }
  const handle = renderSurvey(context)
  const host = () => document.querySelector('touchloop-survey') as HTMLElement | null
  const root = () => host()!.shadowRoot!
  const $ = <T extends Element = HTMLElement>(selector: string) => root().querySelector(selector) as T | null
  const $$ = <T extends Element = HTMLElement>(selector: string) => [...root().querySelectorAll(selector)] as T[]
  const ready = () => vi.waitFor(() => expect(host()?.shadowRoot?.querySelector('[part=title]')).toBeTruthy())
  const radios = () => $$<HTMLButtonElement>('[role=radio]')
  const next = () => $<HTMLButtonElement>('[part=next]')!.click()
  const title = () => $('[part=title]')?.textContent
  return { context, handle, host, root, $, $$, ready, radios, next, title, answers }
}

export function key(target: Element, key: string, init: KeyboardEventInit = {}) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }))
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

import { expect } from 'vitest'
