import { describe, expect, it } from 'vitest'
import { isWellFormedText, toWellFormedText } from './well-formed'

describe('well-formed text', () => {
  it.each([
    ['plain', true],
    ['emoji 😀 pair', true],
    ['nul \u0000 inside', false],
    ['lone high \uD83D end', false],
    ['\uDE00 lone low at start', false],
    ['lone low \uDE00 inside', false],
    ['reversed \uDE00\uD83D pair', false],
  ])('%j → %s', (text, expected) => {
    expect(isWellFormedText(text)).toBe(expected)
  })

  it('repairs typed text: lone surrogates become U+FFFD, NUL is removed, pairs are kept', () => {
    expect(toWellFormedText('a\u0000b\uD83Dc\uDE00d😀')).toBe('ab\uFFFDc\uFFFDd😀')
    expect(toWellFormedText('fine')).toBe('fine')
  })
})
