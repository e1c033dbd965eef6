import { describe, expect, it } from 'vitest'
import { parseStrings, sentences } from './strings'

describe('sentences', () => {
  it('adds a full stop only where a text has no closing punctuation, in any script', () => {
    expect(sentences('Thank you!', '')).toBe('Thank you!')
    expect(sentences('Survey', 'Question 1 of 2', 'How likely are you to recommend us?')).toBe(
      'Survey. Question 1 of 2. How likely are you to recommend us?',
    )
    expect(sentences('ありがとうございました！', 'いただいたご意見は改善に役立てます。')).toBe(
      'ありがとうございました！ いただいたご意見は改善に役立てます。',
    )
    expect(sentences('هل توصي بنا؟', 'شكرًا')).toBe('هل توصي بنا؟ شكرًا.')
  })
})

describe('parseStrings', () => {
  it('keeps English for a field a locale does not have yet', () => {
    expect(parseStrings('Weiter').thanksText).toBe('Your feedback helps us make it better.')
  })
})
