import { afterEach, describe, expect, it } from 'vitest'
import { createTestEnv } from '../test-support/test-env'
import { createIndexedDbStorage, createMemoryStorage, type StateStorage } from './storage'
import { createFreshState, createStateStore, SESSION_TIMEOUT_MS, startVisit, touchSession } from './store'

const warnings: string[] = []
const warn = (message: string) => warnings.push(message)
afterEach(() => {
  warnings.length = 0
})

let dbCounter = 0
const uniqueKey = () => `test-${++dbCounter}-${Math.random().toString(36).slice(2)}`

describe('state store', () => {
  it('persists to IndexedDB and reads it back on the next page load', async () => {
    const env = createTestEnv()
    const storageKey = uniqueKey()
    const first = createStateStore({ env, storageKey, warn })
    await first.ready
    first.update((state) => {
      state.userId = 'u1'
    })
    await first.flush()
    const second = createStateStore({ env, storageKey, warn })
    await second.ready
    expect(second.get().userId).toBe('u1')
    expect(second.get().anonymousId).toBe(first.get().anonymousId)
    expect(second.get().visits).toBe(2)
    expect(second.get().sessions).toBe(1) // same session: less than 30 idle minutes
    expect(warnings).toEqual([])
  })

  it('starts a new session after 30 idle minutes', async () => {
    const env = createTestEnv()
    const storage = createMemoryStorage()
    const first = createStateStore({ env, storage, warn })
    await first.flush()
    env.advance(SESSION_TIMEOUT_MS + 1)
    const second = createStateStore({ env, storage, warn })
    await second.ready
    expect(second.get().sessions).toBe(2)
    expect(second.get().session.id).not.toBe(first.get().session.id)
  })

  it('activity in a long-lived page keeps the session alive; 30 idle minutes start a new one', () => {
    const env = createTestEnv()
    const state = createFreshState(env)
    startVisit(state, env)
    const first = state.session.id
    expect(touchSession(state, env)).toBe(false) // nothing worth a write yet
    for (let i = 0; i < 4; i++) {
      env.advance(20 * 60 * 1000)
      expect(touchSession(state, env)).toBe(true)
    }
    expect(state.session.id).toBe(first)
    env.advance(SESSION_TIMEOUT_MS + 1)
    touchSession(state, env)
    expect(state.session.id).not.toBe(first)
    expect(state.sessions).toBe(2)
  })

  it('resets corrupt state with a warning, never a crash', async () => {
    const env = createTestEnv()
    const storage = createMemoryStorage()
    await storage.write({ v: 2, anonymousId: 42 })
    const store = createStateStore({ env, storage, warn })
    await store.flush()
    expect(warnings).toEqual(['touchloop state was reset: anonymousId: expected a string'])
    expect(typeof store.get().anonymousId).toBe('string')
    expect(await storage.read()).toMatchObject({ v: 2, anonymousId: store.get().anonymousId })
  })

  it('keeps working in memory when storage fails (full disk, blocked)', async () => {
    const env = createTestEnv()
    const failing: StateStorage = {
      read: async () => undefined,
      write: async () => {
        throw new DOMException('quota', 'QuotaExceededError')
      },
      remove: async () => {},
    }
    const store = createStateStore({ env, storage: failing, warn })
    await store.flush()
    store.update((state) => {
      state.visits = 10
    })
    await store.flush()
    expect(store.get().visits).toBe(10)
    expect(warnings).toEqual([
      'touchloop: could not save state (storage full or blocked); kept in memory for this page',
    ])
  })

  it('with consent pending writes nothing until setConsent(true), and erases on setConsent(false)', async () => {
    const env = createTestEnv()
    const written: unknown[] = []
    const memory = createMemoryStorage()
    const spy: StateStorage = {
      read: async () => {
        written.push('read')
        return memory.read()
      },
      write: async (value) => {
        written.push('write')
        await memory.write(value)
      },
      remove: async () => {
        written.push('remove')
        await memory.remove()
      },
    }
    const store = createStateStore({ env, storage: spy, consent: 'pending', warn })
    await store.ready
    store.update((state) => {
      state.userId = 'u1'
    })
    await store.flush()
    expect(written).toEqual([])
    await store.setConsent(true)
    await store.flush()
    // After consent: merge what other tabs stored, then write.
    expect(written).toEqual(['read', 'write'])
    expect(await memory.read()).toMatchObject({ userId: 'u1' })
    await store.setConsent(false)
    expect(written).toEqual(['read', 'write', 'remove'])
    expect(await memory.read()).toBeUndefined()
  })

  it('does not even open IndexedDB while consent is pending', async () => {
    const env = createTestEnv()
    const storageKey = uniqueKey()
    const store = createStateStore({ env, storageKey, consent: 'pending', warn })
    await store.flush()
    const databases = await indexedDB.databases()
    expect(databases.map((db) => db.name)).not.toContain(`touchloop-state-${storageKey}`)
    await store.setConsent(true)
    await store.flush()
    expect(await createIndexedDbStorage(storageKey).read()).toMatchObject({ anonymousId: store.get().anonymousId })
  })

  it('reset gives a new anonymous id and forgets the user, keeping this device’s history', async () => {
    const env = createTestEnv()
    const store = createStateStore({ env, persistence: 'memory', warn })
    await store.ready
    const before = store.get().anonymousId
    store.update((state) => {
      state.userId = 'u1'
      state.traits = { plan: 'pro' }
      state.surveys.nps = { shown: 1 }
    })
    store.resetUser()
    expect(store.get().anonymousId).not.toBe(before)
    expect(store.get().userId).toBeUndefined()
    expect(store.get().traits).toEqual({})
    expect(store.get().surveys.nps).toEqual({ shown: 1 })
  })
})
