// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { computeStats, summarize } from './stats'
import { makeRecord } from './test-records'

describe('summarize', () => {
  it('NPS is promoters% minus detractors%', () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0–6): (3 − 5) / 10 = −20
    expect(summarize('q', 'nps', [9, 10, 10, 7, 8, 0, 3, 5, 6, 6])).toEqual({
      questionId: 'q',
      type: 'nps',
      count: 10,
      score: -20,
      promoters: 3,
      passives: 2,
      detractors: 5,
    })
  })

  it('CSAT is the share of 4 and 5 answers; CES is the mean', () => {
    expect(summarize('q', 'csat', [5, 4, 3, 1]).score).toBe(50)
    expect(summarize('q', 'ces', [1, 2, 7]).score).toBe(3.3)
  })

  it('an empty set scores 0 rather than NaN', () => {
    expect(summarize('q', 'nps', []).score).toBe(0)
  })
})

describe('computeStats', () => {
  it('groups per survey and touchpoint, plus all touchpoints of a survey', () => {
    const records = [
      makeRecord({ touchpoint: 'checkout_completed', answers: { nps: 10 }, event: 'completed' }),
      makeRecord({ touchpoint: 'checkout_completed', answers: { nps: 2 } }),
      makeRecord({ touchpoint: 'pricing_page', answers: { nps: 9, comment: 'ok' }, event: 'completed' }),
    ]
    const stats = computeStats(records, [
      { id: 'post-checkout-nps', touchpoints: [], questions: [{ id: 'nps', type: 'nps', text: 'x' }] },
    ])
    const byTouchpoint = Object.fromEntries(stats.map((g) => [g.touchpoint, g]))
    expect(byTouchpoint.checkout_completed).toMatchObject({ responses: 2, completed: 1, questions: [{ score: 0 }] })
    expect(byTouchpoint.pricing_page).toMatchObject({ responses: 1, questions: [{ score: 100 }] })
    expect(byTouchpoint['*']).toMatchObject({ responses: 3, completed: 2, questions: [{ count: 3 }] })
  })

  it('uses the survey definition for question types, and the question id when there is none', () => {
    const defined = [{ id: 'defined', touchpoints: [], questions: [{ id: 'q1', type: 'csat' as const, text: 'x' }] }]
    const stats = computeStats(
      [
        makeRecord({ surveyId: 'defined', answers: { q1: 5, nps: 10 } }),
        makeRecord({ surveyId: 'undefined', answers: { ces: 4, other: 3 } }),
      ],
      defined,
    )
    const questions = (surveyId: string) =>
      stats.find((g) => g.surveyId === surveyId && g.touchpoint === '*')?.questions
    expect(questions('defined')).toEqual([{ questionId: 'q1', type: 'csat', count: 1, score: 100 }])
    expect(questions('undefined')).toEqual([{ questionId: 'ces', type: 'ces', count: 1, score: 4 }])
  })

  it('ignores non-numeric answers to score questions', () => {
    const stats = computeStats([makeRecord({ answers: { nps: 'ten' } })])
    expect(stats[0]?.questions).toEqual([])
  })
})
