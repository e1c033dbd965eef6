import { get, set } from 'idb-keyval'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Survey } from '../model'
import { openStateDatabase } from './storage'
import { createVerdictCache, type SurveyVerdict } from './verdict-cache'

const validator = vi.hoisted(() => ({ version: 1 }))
vi.mock('../schema/version', () => ({
  get SURVEY_VALIDATOR_VERSION() {
    return validator.version
  },
}))
afterEach(() => {
  validator.version = 1
})

const survey = (id: string): Survey => ({
  id,
  version: 0,
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
})
const verdict = (id: string): SurveyVerdict => ({
  surveys: [survey(id)],
  issues: [{ surveyId: 'bad', path: 'surveys[1].sampel', message: 'unknown key "sampel" (check the spelling)' }],
})

let counter = 0
const freshKey = () => `verdict-${++counter}`
const databaseNames = async () => (await indexedDB.databases()).map((db) => db.name ?? '')

describe('createVerdictCache', () => {
  it('gives back what was stored for the same inputs, in a later page load', async () => {
    const storageKey = freshKey()
    const inputs = [survey('a'), { id: 'bad', sampel: 1 }]
    const first = createVerdictCache({ storageKey, persist: true })
    const key = first.keyOf(inputs)!
    expect(await first.read(key)).toBeUndefined()
    first.write(key, verdict('a'))
    await first.flush()

    const second = createVerdictCache({ storageKey, persist: true })
    expect(second.keyOf(structuredClone(inputs))).toBe(key)
    expect(await second.read(key)).toEqual(verdict('a'))
    expect(await second.read(second.keyOf([survey('b')])!)).toBeUndefined()
  })

  it('keys on the validator version: a bumped version misses', async () => {
    const storageKey = freshKey()
    const cache = createVerdictCache({ storageKey, persist: true })
    const before = cache.keyOf([survey('a')])!
    cache.write(before, verdict('a'))
    await cache.flush()
    validator.version = 2
    const after = cache.keyOf([survey('a')])!
    expect(after).not.toBe(before)
    expect(await cache.read(after)).toBeUndefined()
  })

  it('keeps the four newest verdicts (pages may pass different survey lists)', async () => {
    const cache = createVerdictCache({ storageKey: freshKey(), persist: true })
    const keys = ['a', 'b', 'c', 'd', 'e'].map((id) => cache.keyOf([survey(id)])!)
    keys.forEach((key, index) => {
      cache.write(key, verdict(['a', 'b', 'c', 'd', 'e'][index]!))
    })
    await cache.flush()
    expect(await cache.read(keys[0]!)).toBeUndefined()
    for (const key of keys.slice(1)) expect(await cache.read(key)).toBeDefined()
  })

  it('does not fingerprint inputs that are not plain data', () => {
    const cache = createVerdictCache({ storageKey: freshKey(), persist: true })
    expect(cache.keyOf([{ ...survey('a'), startsAt: new Date(0) }])).toBeUndefined()
    const throwing = Object.defineProperty({}, 'id', {
      enumerable: true,
      get() {
        throw new Error('no')
      },
    })
    expect(cache.keyOf([throwing])).toBeUndefined()
  })

  it('ignores a corrupt, foreign or tampered record', async () => {
    const storageKey = freshKey()
    const cache = createVerdictCache({ storageKey, persist: true })
    const key = cache.keyOf([survey('a')])!
    const store = openStateDatabase(storageKey)
    for (const garbage of [
      'not a record',
      { v: 99, entries: [] },
      { v: 1, entries: 'nope' },
      { v: 1, entries: [{ key, check: 'x', surveys: 'nope', issues: [] }] },
      { v: 1, entries: [{ key, check: 'x', surveys: [{ id: 'a' }], issues: [{ path: 1 }] }] },
    ]) {
      await set('surveys', garbage, store)
      expect(await cache.read(key)).toBeUndefined()
    }
    cache.write(key, verdict('a'))
    await cache.flush()
    const record = (await get('surveys', store)) as { entries: { surveys: Survey[] }[] }
    record.entries[0]!.surveys[0]!.sample = 0.5 // changed behind our back: the check no longer matches
    await set('surveys', record, store)
    expect(await cache.read(key)).toBeUndefined()
  })

  it('reads nothing when the storage fails', async () => {
    const cache = createVerdictCache({
      persist: true,
      open: () => {
        throw new Error('blocked')
      },
    })
    const key = cache.keyOf([survey('a')])!
    expect(await cache.read(key)).toBeUndefined()
    cache.write(key, verdict('a'))
    await expect(cache.flush()).resolves.toBeUndefined()
  })

  it('without persistence opens nothing; setPersist(true) stores the verdict, false erases it', async () => {
    const storageKey = freshKey()
    const cache = createVerdictCache({ storageKey, persist: false })
    const key = cache.keyOf([survey('a')])!
    expect(await cache.read(key)).toBeUndefined()
    cache.write(key, verdict('a'))
    await cache.flush()
    await cache.setPersist(false)
    expect((await databaseNames()).filter((name) => name.includes(storageKey))).toEqual([])

    await cache.setPersist(true)
    await cache.flush()
    expect(await createVerdictCache({ storageKey, persist: true }).read(key)).toEqual(verdict('a'))

    await cache.setPersist(false)
    expect(await cache.read(key)).toBeUndefined()
    expect(await get('surveys', openStateDatabase(storageKey))).toBeUndefined()
  })
})
