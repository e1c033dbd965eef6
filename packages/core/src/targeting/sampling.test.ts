import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashToUnit, isSampled } from './sampling'

describe('stable sampling', () => {
  it('gives the same answer for the same user and survey, every time', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.double({ min: 0, max: 1, noNaN: true }), (user, survey, rate) => {
        expect(isSampled(rate, user, survey)).toBe(isSampled(rate, user, survey))
      }),
    )
  })

  it('is monotonic in the rate: a user in the 10% sample is in the 50% sample', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (user, survey) => {
        if (isSampled(0.1, user, survey)) expect(isSampled(0.5, user, survey)).toBe(true)
      }),
    )
  })

  it('samples roughly the requested share of many users, independently per survey', () => {
    const users = Array.from({ length: 10_000 }, (_, i) => `anon-${i}`)
    const inA = users.filter((u) => isSampled(0.25, u, 'survey-a'))
    const inB = users.filter((u) => isSampled(0.25, u, 'survey-b'))
    expect(inA.length / users.length).toBeGreaterThan(0.23)
    expect(inA.length / users.length).toBeLessThan(0.27)
    const both = inA.filter((u) => inB.includes(u)).length
    // Independent slices: about 25% of 25%, not the same users again.
    expect(both / users.length).toBeGreaterThan(0.04)
    expect(both / users.length).toBeLessThan(0.085)
  })

  it('handles the edges and stays in [0, 1)', () => {
    expect(isSampled(undefined, 'u', 's')).toBe(true)
    expect(isSampled(1, 'u', 's')).toBe(true)
    expect(isSampled(0, 'u', 's')).toBe(false)
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = hashToUnit(text)
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThan(1)
      }),
    )
  })
})
