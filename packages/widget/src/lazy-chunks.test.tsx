// The first NPS step renders from the widget chunk alone: the other question types (./more-types) and
// Back (./later) arrive after it, and moving on waits for them. Here their chunks are held back.
import type { AnswerEvent, Survey, SurveyRenderContext } from '@touchloop/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderSurvey } from './index'

const held = vi.hoisted(() => {
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  return { gate, release: () => release() }
})

vi.mock('./more-types', async (importOriginal) => {
  await held.gate
  return importOriginal()
})
vi.mock('./later', async (importOriginal) => {
  await held.gate
  return importOriginal()
})

const survey: Survey = {
  id: 'nps-then-text',
  touchpoints: [{ type: 'pageview' }],
  questions: [
    { id: 'score', type: 'nps', text: 'How likely are you to recommend us?', required: true },
    { id: 'why', type: 'text', text: 'What is the main reason for your score?', multiline: true },
  ],
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('lazy chunks', () => {
  it('shows the NPS step before the text chunk arrives, answers once, and moves on when it is there', async () => {
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
    }
    renderSurvey(context)
    const root = () => document.querySelector('touchloop-survey')?.shadowRoot
    const title = () => root()?.querySelector('[part=title]')?.textContent
    await vi.waitFor(() => expect(title()).toBe('How likely are you to recommend us?'))
    expect(root()!.querySelectorAll('[role=radio]')).toHaveLength(11)
    root()!.querySelectorAll<HTMLButtonElement>('[role=radio]')[9]!.click()
    const next = root()!.querySelector<HTMLButtonElement>('[part=next]')!
    const tick = () => new Promise((resolve) => setTimeout(resolve, 20))
    next.click()
    await tick()
    // Stored at once; the step waits for its chunk, and a click meanwhile does not answer again.
    expect(answers).toHaveLength(1)
    next.click()
    await tick()
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatchObject({ questionId: 'score', value: 9 })
    expect(title()).toBe('How likely are you to recommend us?')
    held.release()
    await vi.waitFor(() => expect(title()).toBe('What is the main reason for your score?'))
    expect(root()!.querySelector('textarea')).not.toBeNull()
    expect(root()!.querySelector('[part=back]')).not.toBeNull()
    expect(answers).toHaveLength(1)
  })
})
