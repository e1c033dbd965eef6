// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SqlDb } from './db/sql'
import { readStats, scoreTypesFrom } from './stats'
import { type Cursor, createResponseStore, type ResponseStore } from './store'
import { describeEachDatabase, makeRecord } from './test-support'

const survey = {
  id: 'post-checkout-nps',
  touchpoints: [],
  questions: [
    { id: 'nps', type: 'nps' as const, text: 'x' },
    { id: 'comment', type: 'text' as const, text: 'y' },
  ],
}
const { scoreTypeOf, fingerprint } = scoreTypesFrom([survey])

describeEachDatabase('response store', (open) => {
  let db: SqlDb
  let store: ResponseStore
  let day = '2026-11-23'
  beforeAll(async () => {
    db = await open()
    store = await createResponseStore(db, { scoreTypeOf, scoreTypesFingerprint: fingerprint, today: () => day })
  }, 60_000)
  afterAll(() => store.close())

  const all = async (surveyId: string) => (await store.list({ surveyId, limit: 1000 })).responses

  it('tells each record of a mixed batch what happened to it, and keeps the highest revision', async () => {
    const first = makeRecord({ surveyId: 's-mixed', revision: 1, answers: { nps: 3 } })
    const second = { ...first, revision: 2, answers: { nps: 9 } }
    const other = makeRecord({ surveyId: 's-mixed', revision: 0, event: 'shown', answers: {} })

    expect(await store.upsert([first, second, second, other])).toEqual(['superseded', 'stored', 'duplicate', 'stored'])
    expect(await store.upsert([first, second])).toEqual(['superseded', 'duplicate'])
    expect(await store.upsert([{ ...second, surveyId: 'another-survey', revision: 5 }])).toEqual(['conflict'])

    const stored = await all('s-mixed')
    expect(stored).toHaveLength(2)
    expect(stored.find((row) => row.id === first.id)).toMatchObject({ revision: 2, answers: { nps: 9 } })
  })

  it('accepts later revisions only from the client that created the response', async () => {
    const mine = makeRecord({ surveyId: 's-owner', anonymousId: 'anon-owner', answers: { nps: 9 } })
    await store.upsert([mine])
    const hijack = { ...mine, revision: 7, anonymousId: 'anon-attacker', answers: { nps: 0 } }
    expect(await store.upsert([hijack])).toEqual(['not_owner'])
    expect((await all('s-owner'))[0]).toMatchObject({ revision: 1, answers: { nps: 9 }, anonymousId: 'anon-owner' })
    expect(await store.upsert([{ ...mine, revision: 2, answers: { nps: 10 } }])).toEqual(['stored'])
  })

  it('stores a large batch in one go, each record once', async () => {
    const batch = Array.from({ length: 500 }, (_, index) =>
      makeRecord({ surveyId: 's-large', answers: { nps: index % 11 } }),
    )
    expect((await store.upsert(batch)).every((outcome) => outcome === 'stored')).toBe(true)
    expect(await store.upsert(batch)).toEqual(batch.map(() => 'duplicate'))
    expect(await all('s-large')).toHaveLength(500)
  })

  it('keeps a version beyond 32 bits (a survey versioned by a timestamp)', async () => {
    const record = makeRecord({ surveyId: 's-version', surveyVersion: 1_764_547_200_000 })
    expect(await store.upsert([record])).toEqual(['stored'])
    expect((await all('s-version'))[0]?.surveyVersion).toBe(1_764_547_200_000)
  })

  it('keeps the aggregates equal to the rows through revisions, erasure and retention', async () => {
    day = '2026-11-20'
    const a = makeRecord({ surveyId: 'post-checkout-nps', touchpoint: 'agg', revision: 0, event: 'shown', answers: {} })
    const b = makeRecord({
      surveyId: 'post-checkout-nps',
      touchpoint: 'agg',
      anonymousId: 'anon-b',
      answers: { nps: 2 },
    })
    await store.upsert([a, b])
    day = '2026-11-21' // a later revision stays in the day the response was first received
    await store.upsert([
      {
        ...a,
        revision: 2,
        event: 'completed',
        answers: { nps: 10, comment: 'great' },
        timings: { nps: 3000, comment: 9000 },
      },
    ])
    const [group] = await readStats(db, { surveyId: 'post-checkout-nps', touchpoint: 'agg' })
    expect(group).toMatchObject({
      responses: 2,
      answered: 2,
      completed: 1,
      completionRate: 0.5,
      medianSecondsToComplete: 15,
    })
    expect(group?.questions).toEqual([
      expect.objectContaining({ questionId: 'nps', count: 2, score: 0, promoters: 1, detractors: 1, passives: 0 }),
    ])
    expect(await readStats(db, { surveyId: 'post-checkout-nps', touchpoint: 'agg', from: '2026-11-21' })).toEqual([])

    expect(await store.erase({ anonymousId: 'anon-b' })).toBe(1)
    const [after] = await readStats(db, { surveyId: 'post-checkout-nps', touchpoint: 'agg' })
    expect(after).toMatchObject({ responses: 1, completed: 1 })
    expect(after?.questions[0]).toMatchObject({ count: 1, score: 100 })
  })

  it('retention deletes answers received more than N days ago and keeps the aggregate counts', async () => {
    day = '2026-10-01'
    const old = makeRecord({ surveyId: 's-retention', answers: { nps: 10 } })
    const recent = makeRecord({ surveyId: 's-retention', answers: { nps: 0 } })
    await store.upsert([old, recent])
    await db.query(`update responses set received_at = now() - interval '40 days' where id = $1`, [old.id])
    expect(await store.deleteOlderThan(30)).toBe(1)
    expect((await all('s-retention')).map((row) => row.id)).toEqual([recent.id])
    const [group] = await readStats(db, { surveyId: 's-retention', touchpoint: 'checkout_completed' })
    expect(group).toMatchObject({ responses: 2 })
  })

  it('folds the spread aggregate rows of past days into one, with the same stats', async () => {
    day = '2026-09-01'
    for (let i = 0; i < 12; i++) {
      await store.upsert([
        makeRecord({ surveyId: 's-compact', answers: { nps: i % 11 }, event: 'completed', timings: { nps: 3000 } }),
      ])
    }
    const before = await readStats(db, { surveyId: 's-compact' })
    day = '2026-09-02'
    await store.compactAggregates()
    expect(await readStats(db, { surveyId: 's-compact' })).toEqual(before)
    const { rows } = await db.query<{ shard: number }>(
      `select shard from agg_responses where survey_id = 's-compact' union all
       select shard from agg_scores where survey_id = 's-compact' union all
       select shard from agg_durations where survey_id = 's-compact'`,
    )
    expect(new Set(rows.map((row) => row.shard))).toEqual(new Set([0]))
    expect(rows.length).toBe(1 + 11 + 1) // one row per key: responses, 11 NPS values, one time bucket
  })

  it('saturates dropped counts instead of overflowing', async () => {
    await store.addDropped({ 'max-age': 9_007_199_254_740_000 })
    await store.addDropped({ 'max-age': 9_007_199_254_740_000 })
    await store.addDropped({ 'max-age': 807 })
    expect((await store.dropped())['max-age']).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('pages with a cursor, newest first, each response once', async () => {
    const records = Array.from({ length: 25 }, () => makeRecord({ surveyId: 's-page' }))
    for (const record of records) await store.upsert([record])
    const seen: string[] = []
    let cursor: Cursor | undefined
    for (let page = 0; page < 10; page++) {
      const result = await store.list({ surveyId: 's-page', limit: 10, cursor })
      seen.push(...result.responses.map((r) => r.id))
      if (!result.nextCursor) break
      cursor = result.nextCursor
    }
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
    // A byte budget ends a page early (at least one row), with a cursor to go on.
    const tight = await store.list({ surveyId: 's-page', maxBytes: 1 })
    expect(tight.responses).toHaveLength(1)
    expect(tight.nextCursor).toBeDefined()
  })
})

describe('aggregates rebuild', () => {
  it('recomputes when the survey definitions change which questions are scores', async () => {
    const { createPgliteDb } = await import('./db/pglite')
    const db = await createPgliteDb('memory://')
    const untyped = scoreTypesFrom([{ ...survey, questions: [{ id: 'score', type: 'text', text: 'x' }] }])
    let store = await createResponseStore(db, {
      scoreTypeOf: untyped.scoreTypeOf,
      scoreTypesFingerprint: untyped.fingerprint,
    })
    await store.upsert([makeRecord({ answers: { score: 9 } as never })])
    expect((await readStats(db))[0]?.questions).toEqual([])
    const typed = scoreTypesFrom([{ ...survey, questions: [{ id: 'score', type: 'nps', text: 'x' }] }])
    store = await createResponseStore(db, { scoreTypeOf: typed.scoreTypeOf, scoreTypesFingerprint: typed.fingerprint })
    expect((await readStats(db))[0]?.questions).toEqual([
      expect.objectContaining({ questionId: 'score', count: 1, score: 100 }),
    ])
    await store.close()
  }, 60_000)
})
