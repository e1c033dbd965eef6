import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestEnv } from '../test-support/test-env'
import { mergeTick } from './session-merge'
import { createSessionCounter, SESSION_TIMEOUT_MS, type SessionTick } from './session-tick'

const NAME = 'touchloop-state-tick-test'
const KEY = `${NAME}:session`

afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
})

/** One page load's counter; `seed` resolves as a failed state stage would (a first visit then). */
function pageLoad(env = createTestEnv(), persist = true, seed = vi.fn(async () => {})) {
  return { counter: createSessionCounter({ env, databaseName: NAME, persist, seed }), seed, env }
}

const stored = (): SessionTick | null => JSON.parse(localStorage.getItem(KEY) ?? 'null')

describe('session record', () => {
  it('counts each page load as a visit and a new session after 30 idle minutes, synchronously', async () => {
    const env = createTestEnv()
    localStorage.setItem(
      KEY,
      JSON.stringify({ visits: 4, sessions: 2, id: 's2', startedAt: 0, lastActivityAt: env.now() }),
    )
    const same = pageLoad(env).counter
    await same.ready
    expect(same.get()).toMatchObject({ visits: 5, sessions: 2, id: 's2' })
    env.advance(SESSION_TIMEOUT_MS + 1)
    const next = pageLoad(env).counter
    expect(next.get()).toMatchObject({ visits: 6, sessions: 3 })
    expect(next.get()?.id).not.toBe('s2')
    expect(stored()).toEqual(next.get())
  })

  it('keeps a long-lived page’s session alive, and starts a new one after 30 idle minutes', () => {
    const env = createTestEnv()
    localStorage.setItem(
      KEY,
      JSON.stringify({ visits: 1, sessions: 1, id: 's1', startedAt: 0, lastActivityAt: env.now() }),
    )
    const fresh = pageLoad(env).counter
    for (let i = 0; i < 3; i++) {
      env.advance(20 * 60 * 1000)
      fresh.touch()
    }
    expect(fresh.get()).toMatchObject({ sessions: 1, id: 's1' })
    env.advance(SESSION_TIMEOUT_MS + 1)
    fresh.touch()
    expect(fresh.get()?.sessions).toBe(2)
  })

  it('reads a corrupt record as none and never throws', async () => {
    localStorage.setItem(KEY, '{not json')
    const { counter } = pageLoad()
    await counter.ready
    expect(counter.get()).toMatchObject({ visits: 1, sessions: 1 })
  })

  it('with consent pending writes nothing; setPersist(true) stores it, setPersist(false) erases it', () => {
    const { counter } = pageLoad(createTestEnv(), false)
    expect(counter.get()).toMatchObject({ visits: 1, sessions: 1 })
    counter.touch()
    expect(localStorage.getItem(KEY)).toBeNull()
    counter.setPersist(true)
    expect(stored()).toEqual(counter.get())
    counter.setPersist(false)
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it('asks the state stage to count the visit when localStorage is blocked, and counts a first visit if it cannot load', async () => {
    vi.spyOn(globalThis, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError')
    })
    const seed = vi.fn(async () => {
      throw new TypeError('Failed to fetch dynamically imported module')
    })
    const { counter } = pageLoad(createTestEnv(), true, seed)
    await counter.ready
    expect(seed).toHaveBeenCalledTimes(1)
    expect(counter.get()).toMatchObject({ visits: 1, sessions: 1 })
  })

  it('asks the state stage when IndexedDB itself cannot be touched (a sandboxed frame), never throwing', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB')
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('blocked', 'SecurityError')
      },
    })
    try {
      const seed = vi.fn(async () => {
        throw new TypeError('Failed to fetch dynamically imported module')
      })
      const { counter } = pageLoad(createTestEnv(), true, seed)
      await counter.ready
      expect(seed).toHaveBeenCalledTimes(1)
      expect(counter.get()).toMatchObject({ visits: 1 })
    } finally {
      if (original) Object.defineProperty(globalThis, 'indexedDB', original)
    }
  })

  it('changes the record another tab stored last, so a tab that loaded earlier never rolls back its counts', () => {
    const env = createTestEnv()
    localStorage.setItem(
      KEY,
      JSON.stringify({ visits: 1, sessions: 1, id: 's1', startedAt: 0, lastActivityAt: env.now() }),
    )
    const first = pageLoad(env).counter // visit 2
    const second = pageLoad(env).counter // another tab, loaded later: visit 3
    expect(second.get()?.visits).toBe(3)
    first.update((tick) => {
      tick.open = 1
    })
    expect(stored()).toMatchObject({ visits: 3, open: 1 })
    expect(first.get()?.visits).toBe(3)
  })

  it('merges two records: larger counts, the newer session whole', () => {
    const older = { visits: 5, sessions: 2, id: 'a', startedAt: 1, lastActivityAt: 10 }
    const newer = { visits: 3, sessions: 3, id: 'b', startedAt: 20, lastActivityAt: 30 }
    const into = { ...older }
    expect(mergeTick(into, newer)).toBe(true)
    expect(into).toEqual({ visits: 5, sessions: 3, id: 'b', startedAt: 20, lastActivityAt: 30 })
    const back = { ...newer }
    expect(mergeTick(back, older)).toBe(false)
    expect(back).toEqual({ visits: 5, sessions: 3, id: 'b', startedAt: 20, lastActivityAt: 30 })
  })
})
