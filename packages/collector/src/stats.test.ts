// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPgliteDb } from './db/pglite'
import { medianFromBuckets, readStats, readTrend, scoreTypesFrom, summarize } from './stats'
import { createResponseStore, type ResponseStore } from './store'
import { makeRecord } from './test-support'

/** Distribution of NPS answers (index = score 0…10) from a list of scores. */
const npsDistribution = (scores: number[]) => {
  const distribution = new Array(11).fill(0)
  for (const score of scores) distribution[score]++
  return distribution
}

describe('summarize', () => {
  it('NPS is promoters% minus detractors%', () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0–6): (3 − 5) / 10 = −20
    expect(summarize('q', 'nps', npsDistribution([9, 10, 10, 7, 8, 0, 3, 5, 6, 6]))).toEqual({
      questionId: 'q',
      type: 'nps',
      count: 10,
      score: -20,
      distribution: [1, 0, 0, 1, 0, 1, 2, 1, 1, 1, 2],
      promoters: 3,
      passives: 2,
      detractors: 5,
    })
  })

  it('all passives score 0; one promoter scores 100', () => {
    expect(summarize('q', 'nps', npsDistribution([7, 8, 8])).score).toBe(0)
    expect(summarize('q', 'nps', npsDistribution([10])).score).toBe(100)
  })

  it('CSAT is the share of 4 and 5 answers; CES is the mean', () => {
    // CSAT 1–5: answers 5, 4, 3, 1 → 2 of 4 satisfied
    expect(summarize('q', 'csat', [1, 0, 1, 1, 1]).score).toBe(50)
    // CES 1–7: answers 1, 2, 7 → 10 / 3
    expect(summarize('q', 'ces', [1, 1, 0, 0, 0, 0, 1]).score).toBe(3.3)
  })

  it('an empty set scores 0 rather than NaN', () => {
    expect(summarize('q', 'nps', npsDistribution([])).score).toBe(0)
    expect(summarize('q', 'ces', new Array(7).fill(0)).score).toBe(0)
  })

  it('the median time bucket holds the middle answer', () => {
    expect(medianFromBuckets([])).toBeNull()
    expect(medianFromBuckets([0, 0, 3])).toBe(10) // all in (5 s, 10 s]
    expect(medianFromBuckets([1, 0, 0, 2])).toBe(15)
  })
})

describe('readStats and readTrend over the aggregates', () => {
  let store: ResponseStore
  let day = '2026-11-02'
  const surveys = [
    {
      id: 'post-checkout-nps',
      touchpoints: [],
      questions: [
        { id: 'nps', type: 'nps' as const, text: 'x' },
        { id: 'csat', type: 'csat' as const, text: 'y' },
      ],
    },
  ]
  beforeAll(async () => {
    const { scoreTypeOf, fingerprint } = scoreTypesFrom(surveys)
    store = await createResponseStore(await createPgliteDb('memory://'), {
      scoreTypeOf,
      scoreTypesFingerprint: fingerprint,
      today: () => day,
    })
  }, 60_000)
  afterAll(() => store.close())

  it('is empty without responses', async () => {
    expect(await readStats(store.db)).toEqual([])
    expect(await readTrend(store.db, { surveyId: 'post-checkout-nps' }, 'day')).toEqual([])
  })

  it('groups per survey and touchpoint, plus all touchpoints of a survey, over many days', async () => {
    // Monday 2 Nov: 10 and 2 at checkout; Tuesday 3 Nov: 9 on the pricing page; Monday 9 Nov: 8.
    const plan: Array<[string, string, number, 'completed' | 'answered']> = [
      ['2026-11-02', 'checkout_completed', 10, 'completed'],
      ['2026-11-02', 'checkout_completed', 2, 'answered'],
      ['2026-11-03', 'pricing_page', 9, 'completed'],
      ['2026-11-09', 'checkout_completed', 8, 'completed'],
    ]
    for (const [when, touchpoint, nps, event] of plan) {
      day = when
      await store.upsert([makeRecord({ touchpoint, event, answers: { nps, csat: 5 } })])
    }
    const stats = await readStats(store.db)
    const byTouchpoint = Object.fromEntries(stats.map((group) => [group.touchpoint, group]))
    expect(byTouchpoint.checkout_completed).toMatchObject({ responses: 3, completed: 2 })
    expect(byTouchpoint.checkout_completed?.questions[0]).toMatchObject({ questionId: 'csat', score: 100, count: 3 })
    expect(byTouchpoint.checkout_completed?.questions[1]).toMatchObject({ questionId: 'nps', score: 0, count: 3 })
    // all touchpoints: promoters 10, 9; passive 8; detractor 2 → (2 − 1) / 4 = 25
    expect(byTouchpoint['*']?.questions[1]).toMatchObject({ score: 25, promoters: 2, passives: 1, detractors: 1 })

    const daily = await readTrend(store.db, { surveyId: 'post-checkout-nps' }, 'day')
    expect(daily.map((point) => [point.period, point.responses, point.scores.nps?.score])).toEqual([
      ['2026-11-02', 2, 0],
      ['2026-11-03', 1, 100],
      ['2026-11-09', 1, 0],
    ])
    const weekly = await readTrend(store.db, { surveyId: 'post-checkout-nps' }, 'week')
    expect(weekly.map((point) => [point.period, point.responses, point.scores.nps?.score])).toEqual([
      ['2026-11-02', 3, 33.3],
      ['2026-11-09', 1, 0],
    ])
    const filtered = await readStats(store.db, { from: '2026-11-03', to: '2026-11-08', touchpoint: 'pricing_page' })
    expect(filtered.map((group) => [group.touchpoint, group.responses])).toEqual([
      ['*', 1],
      ['pricing_page', 1],
    ])
  })

  it('one response: its score, a 100% or 0% rate, the median of its one duration, and one trend point', async () => {
    day = '2026-12-01'
    await store.upsert([
      makeRecord({
        surveyId: 'post-checkout-nps',
        touchpoint: 'single',
        event: 'completed',
        answers: { nps: 6, csat: 2 },
        timings: { nps: 4000, csat: 3000 },
      }),
    ])
    const [all, single] = await readStats(store.db, { touchpoint: 'single' })
    expect(single).toMatchObject({
      touchpoint: 'single',
      responses: 1,
      completed: 1,
      completionRate: 1,
      medianSecondsToComplete: 10,
    })
    expect(all?.touchpoint).toBe('*')
    // CSAT 2 is not satisfied: 0 %. NPS 6 is a detractor: −100.
    expect(single?.questions).toEqual([
      { questionId: 'csat', type: 'csat', count: 1, score: 0, distribution: [0, 1, 0, 0, 0] },
      {
        questionId: 'nps',
        type: 'nps',
        count: 1,
        score: -100,
        distribution: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
        promoters: 0,
        passives: 0,
        detractors: 1,
      },
    ])
    expect(await readTrend(store.db, { surveyId: 'post-checkout-nps', touchpoint: 'single' }, 'week')).toEqual([
      {
        period: '2026-11-30',
        responses: 1,
        completed: 1,
        scores: { csat: { type: 'csat', score: 0, count: 1 }, nps: { type: 'nps', score: -100, count: 1 } },
      },
    ])
  })

  it('all passives through the aggregates: NPS 0 with every answer a passive', async () => {
    day = '2026-12-02'
    await store.upsert([7, 8, 8, 7].map((nps) => makeRecord({ touchpoint: 'passives', answers: { nps } })))
    const [, group] = await readStats(store.db, { touchpoint: 'passives' })
    expect(group).toMatchObject({
      responses: 4,
      answered: 4,
      completed: 0,
      completionRate: 0,
      medianSecondsToComplete: null,
    })
    expect(group?.questions[0]).toMatchObject({ score: 0, count: 4, promoters: 0, passives: 4, detractors: 0 })
  })
})
