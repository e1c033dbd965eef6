import { describe, expect, it } from 'vitest'
import { canonicalText, fingerprint, hashText } from './fingerprint'

describe('canonicalText', () => {
  it('writes plain data like JSON', () => {
    const value = { id: 'a', n: 1.5, ok: true, none: null, list: [1, 'two', { three: 3 }], text: 'quote " and \n' }
    expect(canonicalText(value)).toBe(JSON.stringify(value))
  })

  it('tells an undefined value from a missing key (zod sees the difference)', () => {
    expect(canonicalText({ a: 1, b: undefined })).not.toBe(canonicalText({ a: 1 }))
    expect(canonicalText([undefined])).not.toBe(canonicalText([null]))
  })

  it('gives undefined for what JSON would silently change: dates, maps, functions, NaN, cycles', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    for (const value of [
      { at: new Date(0) },
      { m: new Map() },
      { f: () => 1 },
      { n: Number.NaN },
      { n: Number.POSITIVE_INFINITY },
      { big: 1n },
      cyclic,
      [new (class Point {})()],
    ]) {
      expect(canonicalText(value)).toBeUndefined()
    }
  })

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null), { a: 1 })
    expect(canonicalText(bare)).toBe('{"a":1}')
  })
})

describe('hashText / fingerprint', () => {
  it('is stable and tells small changes apart', () => {
    const survey = { id: 'nps', questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }] }
    expect(fingerprint(survey)).toBe(fingerprint(structuredClone(survey)))
    const changed = structuredClone(survey)
    changed.questions[0]!.text = 'Recommend!'
    expect(fingerprint(changed)).not.toBe(fingerprint(survey))
    expect(fingerprint({ b: 1, a: 2 })).not.toBe(fingerprint({ a: 2, b: 1 })) // order counts: just a revalidation
  })

  it('spreads one-character changes over many distinct values', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5000; i++) seen.add(hashText(`{"id":"survey-${i}","sample":0.5}`))
    expect(seen.size).toBe(5000)
    expect(hashText('')).toMatch(/^[0-9a-z]+\.[0-9a-z]+\.0$/)
  })
})
