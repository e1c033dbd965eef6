import { describe, expect, it } from 'vitest'
import { isWellFormedText } from './schema/primitives'
import { toWellFormedText } from './well-formed'

const samples: Array<[string, boolean]> = [
  ['plain', true],
  ['emoji 😀 pair', true],
  ['', true],
  ['nul \u0000 inside', false],
  ['lone high \uD83D end', false],
  ['\uDE00 lone low at start', false],
  ['lone low \uDE00 inside', false],
  ['reversed \uDE00\uD83D pair', false],
  ['two highs \uD83D\uD83D\uDE00', false],
]

describe('well-formed text', () => {
  it.each(samples)('%j is well-formed: %s (the schema check)', (text, expected) => {
    expect(isWellFormedText(text)).toBe(expected)
  })

  it('repairs typed text: lone surrogates become U+FFFD, NUL is removed, pairs are kept', () => {
    expect(toWellFormedText('a\u0000b\uD83Dc\uDE00d😀')).toBe('ab\uFFFDc\uFFFDd😀')
  })

  it.each(samples)('the repair and the check agree on %j', (text, wellFormed) => {
    expect(toWellFormedText(text) === text).toBe(wellFormed)
    expect(isWellFormedText(toWellFormedText(text))).toBe(true)
  })
})
