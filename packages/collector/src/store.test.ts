// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { createPgliteStore, type ResponseStore } from './store'
import { makeRecord } from './test-records'

describe('createPgliteStore upsert', () => {
  let store: ResponseStore | undefined
  afterEach(() => store?.close())

  it('tells each record of a mixed batch what happened to it, and keeps the highest revision', async () => {
    store = await createPgliteStore('memory://')
    const first = makeRecord({ revision: 1, answers: { nps: 3 } })
    const second = { ...first, revision: 2, answers: { nps: 9 } }
    const other = makeRecord({ revision: 0, event: 'shown', answers: {} })

    expect(await store.upsert([first, second, second, other])).toEqual(['superseded', 'stored', 'duplicate', 'stored'])
    expect(await store.upsert([first, second])).toEqual(['superseded', 'duplicate'])
    expect(await store.upsert([{ ...second, surveyId: 'another-survey', revision: 5 }])).toEqual(['conflict'])

    const stored = await store.all()
    expect(stored).toHaveLength(2)
    expect(stored.find((row) => row.id === first.id)).toMatchObject({ revision: 2, answers: { nps: 9 } })
  }, 60_000)

  it('stores a large batch in one go, each record once', async () => {
    store = await createPgliteStore('memory://')
    const batch = Array.from({ length: 500 }, (_, index) => makeRecord({ answers: { nps: index % 11 } }))
    const outcomes = await store.upsert(batch)
    expect(outcomes.every((outcome) => outcome === 'stored')).toBe(true)
    expect(await store.upsert(batch)).toEqual(batch.map(() => 'duplicate'))
    expect(await store.all()).toHaveLength(500)
  }, 60_000)
})
