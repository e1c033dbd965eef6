import { describe, expect, it } from 'vitest'
import { fillPeriods } from './trend'

const point = (period: string, responses: number) => ({ period, responses, completed: responses, scores: {} })

describe('fillPeriods', () => {
  const today = new Date('2026-11-12T15:00:00Z')

  it('is empty without points or a start', () => {
    expect(fillPeriods([], 'day', undefined, today)).toEqual([])
  })

  it('fills every day from the start to today, keeping the points with answers', () => {
    const filled = fillPeriods([point('2026-11-09', 2), point('2026-11-11', 1)], 'day', '2026-11-08', today)
    expect(filled.map((p) => [p.period, p.responses])).toEqual([
      ['2026-11-08', 0],
      ['2026-11-09', 2],
      ['2026-11-10', 0],
      ['2026-11-11', 1],
      ['2026-11-12', 0],
    ])
  })

  it('weeks start on the Monday of the first day (UTC), like the aggregates', () => {
    // 2026-11-04 is a Wednesday: its week starts on Monday 2 Nov.
    const filled = fillPeriods([point('2026-11-09', 3)], 'week', '2026-11-04', today)
    expect(filled.map((p) => [p.period, p.responses])).toEqual([
      ['2026-11-02', 0],
      ['2026-11-09', 3],
    ])
  })

  it('without a start, begins at the first point', () => {
    expect(fillPeriods([point('2026-11-11', 1)], 'day', undefined, today).map((p) => p.period)).toEqual([
      '2026-11-11',
      '2026-11-12',
    ])
  })
})
