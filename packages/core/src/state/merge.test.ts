import { describe, expect, it } from 'vitest'
import { recordShown } from '../fatigue/history'
import { createTestEnv } from '../test-support/test-env'
import { mergeState } from './merge'
import { createMemoryStorage } from './storage'
import { createFreshState, createStateStore } from './store'

describe('state shared by tabs', () => {
  it('merges displays, counts and times by maximum; identity stays local', () => {
    const env = createTestEnv()
    const tabA = createFreshState(env)
    const tabB = structuredClone(tabA)
    recordShown(tabA, 'nps', 'checkout', 100)
    tabA.occurrences['x#0'] = 2
    recordShown(tabB, 'csat', 'pricing', 200)
    tabB.surveys.nps = { shown: 0 }
    tabB.userId = 'someone-else'
    const merged = mergeState(tabA, tabB)
    expect(merged.surveys.nps).toMatchObject({ shown: 1, lastShownAt: 100 })
    expect(merged.surveys.csat).toMatchObject({ shown: 1, lastShownAt: 200 })
    expect(merged.lastShownAt).toBe(200)
    expect(merged.session.shown).toBe(1)
    expect(merged.occurrences).toEqual({ 'x#0': 2 })
    expect(merged.userId).toBeUndefined()
  })

  it('a display in one tab blocks the same survey in another tab that loaded earlier', async () => {
    const env = createTestEnv()
    const storage = createMemoryStorage()
    const warn = () => {}
    const tabA = createStateStore({ env, storage, warn })
    const tabB = createStateStore({ env, storage, warn })
    await Promise.all([tabA.flush(), tabB.flush()])
    tabA.update((state) => recordShown(state, 'nps', 'checkout', env.now()))
    await tabA.flush()
    // Tab B writes its own (older) copy: the merge keeps tab A's display.
    tabB.update((state) => {
      state.occurrences.e = 1
    })
    await tabB.flush()
    await tabB.sync()
    expect(tabB.get().surveys.nps?.shown).toBe(1)
    expect(await storage.read()).toMatchObject({ surveys: { nps: { shown: 1 } }, occurrences: { e: 1 } })
  })
})
