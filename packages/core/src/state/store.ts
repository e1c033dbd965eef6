// In-memory state with write-behind persistence. Reads are synchronous (the trigger engine decides
// without awaiting storage); writes are coalesced and never block. A failing storage (quota, private
// mode, corrupt record) degrades to memory with a warning; it never throws into the page.
import type { Environment } from '../env'
import { randomId } from '../random-id'
import { mergeState } from './merge'
import { readState } from './migrate'
import { mergeTick } from './session-merge'
import { countVisit, SESSION_TIMEOUT_MS, type SessionTick, touchTick } from './session-tick'
import { createIndexedDbStorage, createMemoryStorage, type StateStorage } from './storage'
import { STATE_VERSION, type TouchloopState } from './types'

export { SESSION_TIMEOUT_MS }

export interface StateStoreOptions {
  env: Environment
  persistence?: 'indexeddb' | 'memory'
  storageKey?: string
  /** 'pending': nothing is read from or written to storage until setConsent(true). */
  consent?: 'granted' | 'pending'
  /** Injected storage (tests). */
  storage?: StateStorage
  /** Once the stored state is read: counts this visit (default: startVisit). */
  onLoad?(state: TouchloopState): void
  /** Around each write: the state about to be written, then (`written`) once it is. */
  onWrite?(state: TouchloopState, written: boolean): void
  warn(message: string, error?: unknown): void
}

export interface StateStore {
  /** Settles once the stored state is loaded (or a fresh one created); never rejects. */
  ready: Promise<void>
  get(): TouchloopState
  /** Mutate, then persist in the background (skipped when `mutate` returns false). */
  update(mutate: (state: TouchloopState) => unknown): void
  /** Starts (or stops and erases) persistence. */
  setConsent(granted: boolean): Promise<void>
  /** New anonymous id, no user, no traits; history of this device kept (fatigue still applies). */
  resetUser(): void
  /** Settles when the last write has finished. */
  flush(): Promise<void>
  /** Merges what other tabs stored (before a decision that must count their displays too). */
  sync(): Promise<void>
}

export function createFreshState(env: Environment): TouchloopState {
  const now = env.now()
  return {
    v: STATE_VERSION,
    anonymousId: randomId(env.random),
    traits: {},
    visits: 0,
    sessions: 0,
    session: {
      id: randomId(env.random),
      startedAt: now,
      lastActivityAt: now - SESSION_TIMEOUT_MS - 1,
      shown: 0,
      byTouchpoint: {},
    },
    surveys: {},
    occurrences: {},
  }
}

/** The session counters of `state`, as page load's session record has them. */
export const sessionTickOf = (state: TouchloopState): SessionTick => ({
  visits: state.visits,
  sessions: state.sessions,
  id: state.session.id,
  startedAt: state.session.startedAt,
  lastActivityAt: state.session.lastActivityAt,
})

/**
 * Brings `state` in line with a session record (page load's, or one derived from the state): counts
 * take the larger value; a newer session replaces the stored one, with its own display counts.
 */
export function reconcileSession(state: TouchloopState, tick: SessionTick): void {
  const merged = sessionTickOf(state)
  if (mergeTick(merged, tick)) {
    state.session = {
      id: merged.id,
      startedAt: merged.startedAt,
      lastActivityAt: merged.lastActivityAt,
      shown: 0,
      byTouchpoint: {},
    }
  } else state.session.lastActivityAt = merged.lastActivityAt
  state.visits = merged.visits
  state.sessions = merged.sessions
}

/** Counts this page load as a visit and starts a new session after 30 idle minutes. */
export function startVisit(state: TouchloopState, env: Environment): void {
  const tick = sessionTickOf(state)
  countVisit(tick, env)
  reconcileSession(state, tick)
}

/**
 * Activity in a long-lived page (SPA): keeps the session alive, or starts a new one after 30 idle
 * minutes. Returns false when nothing changed enough to be worth a write (at most one per minute).
 */
export function touchSession(state: TouchloopState, env: Environment): boolean {
  const tick = sessionTickOf(state)
  const changed = touchTick(tick, env)
  reconcileSession(state, tick)
  return changed
}

export function createStateStore(options: StateStoreOptions): StateStore {
  const { env, warn } = options
  let storage: StateStorage =
    options.storage ??
    (options.persistence === 'memory' ? createMemoryStorage() : createIndexedDbStorage(options.storageKey))
  let persist = options.consent !== 'pending'
  let state = createFreshState(env)
  let writing: Promise<void> | undefined
  let dirty = false

  async function load(): Promise<void> {
    if (!persist) return
    let raw: unknown
    try {
      raw = await storage.read()
    } catch (error) {
      warn('touchloop: storage is unavailable, state is kept in memory for this page', error)
      storage = createMemoryStorage()
      return
    }
    if (raw === undefined) return
    try {
      state = readState(raw)
    } catch (error) {
      warn((error as Error).message, error)
      dirty = true
    }
  }

  /** Merges what other tabs stored into this tab's state. */
  async function sync(): Promise<void> {
    if (!persist) return
    let raw: unknown
    try {
      raw = await storage.read()
    } catch {
      return // the write below reports storage trouble
    }
    if (raw === undefined) return
    try {
      state = mergeState(state, readState(raw))
    } catch {
      // Corrupt or foreign record: this tab's state replaces it on the next write.
    }
  }

  async function writeLoop(): Promise<void> {
    while (dirty && persist) {
      dirty = false
      try {
        await sync()
        const snapshot = structuredClone(state)
        options.onWrite?.(snapshot, false)
        await storage.write(snapshot)
        options.onWrite?.(snapshot, true)
      } catch (error) {
        warn('touchloop: could not save state (storage full or blocked); kept in memory for this page', error)
        storage = createMemoryStorage()
      }
    }
  }

  function scheduleWrite(): void {
    dirty = true
    if (!persist) return
    writing ??= writeLoop().finally(() => {
      writing = undefined
    })
  }

  const ready = load().then(() => {
    ;(options.onLoad ?? ((loaded) => startVisit(loaded, env)))(state)
    scheduleWrite()
  })

  return {
    ready,
    get: () => state,
    update(mutate) {
      if (mutate(state) !== false) scheduleWrite()
    },
    async setConsent(granted) {
      if (granted === persist) return
      persist = granted
      if (granted) scheduleWrite()
      else {
        await writing
        try {
          await storage.remove()
        } catch (error) {
          warn('touchloop: could not erase stored state', error)
        }
      }
    },
    resetUser() {
      state.anonymousId = randomId(env.random)
      delete state.userId
      state.traits = {}
      delete state.open
      scheduleWrite()
    },
    async sync() {
      await ready
      await sync()
    },
    async flush() {
      await ready
      while (writing) await writing
    },
  }
}
