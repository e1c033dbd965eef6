// Page-load stage: the visit and session counters (and whether a survey was left open), kept in one
// small localStorage record next to the state database, so page load counts this visit and keeps the
// session alive synchronously, without the state stage (IndexedDB, migration, fatigue) and without
// loading it at idle. The state stage reconciles the stored state with this record when it loads (see
// reconcileSession in state/index.ts and session-merge.ts): counts take the larger value, the newer
// session wins.
// When it cannot be read (blocked storage, or a state database written before the record existed), it
// says "unknown" and the state stage counts the visit in IndexedDB as before, then seeds the record.
import type { Environment } from '../env'
import { randomId } from '../random-id'

/** The state database of one storageKey (IndexedDB); the session record is named after it. */
export const stateDatabaseName = (storageKey = 'default') => `touchloop-state-${storageKey}`

/** A session ends after 30 minutes without activity. */
export const SESSION_TIMEOUT_MS = 30 * 60 * 1000

export interface SessionTick {
  visits: number
  sessions: number
  /** The current session. */
  id: string
  startedAt: number
  lastActivityAt: number
  /** A survey was on screen or half-answered when the page went away: the state stage resumes it. */
  open?: 1
  /** The last identify() the stored state has (identityOf), so the same call on the next page needs no state stage. */
  identity?: string
}

export interface SessionCounter {
  /** Settles once the counts are known (at once, unless the state stage must seed them). */
  ready: Promise<void>
  /** The counts (as the last tab stored them); undefined until known. */
  get(): SessionTick | undefined
  /** Changes the freshest record (another tab's, if it wrote last) and stores it. */
  update(mutate: (tick: SessionTick) => void): void
  /** Activity (a track() or an SPA navigation): keeps the session alive, or starts a new one. */
  touch(): void
  /** Replaces the record (the state stage, after reconciling it with the stored state). */
  set(tick: SessionTick): void
  /** localStorage from now on (true) or memory only, erased (false): follows setConsent(). */
  setPersist(persist: boolean): void
}

export interface SessionCounterOptions {
  env: Environment
  /** The state database's name: the record is `${name}:session`. */
  databaseName: string
  /** Whether the record may be read and written (consent granted, IndexedDB persistence). */
  persist: boolean
  /** Loads the state stage, which counts the visit when this record cannot (and then calls set()). */
  seed(): Promise<unknown>
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined // a sandboxed frame or blocked storage throws on access
  }
}

const isCount = (value: unknown) => typeof value === 'number' && value >= 0

function read(key: string): SessionTick | undefined {
  try {
    const tick = JSON.parse(storage()?.getItem(key) ?? 'null')
    return tick && isCount(tick.visits) && isCount(tick.sessions) && typeof tick.id === 'string' ? tick : undefined
  } catch {
    return undefined // not JSON: written by something else; counted afresh
  }
}

/** What identifies an identify(id, traits) call, or undefined when it is too large to keep here. */
export function identityOf(userId: string, traits: unknown): string | undefined {
  try {
    const text = JSON.stringify([userId, traits ?? {}])
    return text.length <= 512 ? text : undefined
  } catch {
    return undefined // not serialisable (a cycle, a BigInt): the state stage sorts the traits out
  }
}

/** A new session starting now. */
export const newSession = (env: Environment) => {
  const now = env.now()
  return { id: randomId(env.random), startedAt: now, lastActivityAt: now }
}

/**
 * Activity at `now`: a new session after 30 idle minutes. Returns false when nothing changed enough
 * to be worth a write (at most one per minute).
 */
export function touchTick(tick: SessionTick, env: Environment): boolean {
  const idle = env.now() - tick.lastActivityAt
  if (idle > SESSION_TIMEOUT_MS) {
    tick.sessions++
    Object.assign(tick, newSession(env))
    return true
  }
  if (idle < 60_000) return false
  tick.lastActivityAt = env.now()
  return true
}

/** Counts a page load: a visit, in the same session unless it lapsed. */
export function countVisit(tick: SessionTick, env: Environment): void {
  tick.visits++
  touchTick(tick, env)
  tick.lastActivityAt = env.now()
}

/** A fresh record for a device seen for the first time (this page load is its first visit and session). */
const firstVisit = (env: Environment): SessionTick => ({ visits: 1, sessions: 1, ...newSession(env) })

export function createSessionCounter({ env, databaseName, persist, seed }: SessionCounterOptions): SessionCounter {
  const key = `${databaseName}:session`
  let tick: SessionTick | undefined
  let known: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    known = resolve
  })
  const write = () => {
    if (!persist || !tick) return
    try {
      storage()?.setItem(key, JSON.stringify(tick))
    } catch {
      // Quota or blocked storage: the counts stay right for this page; the state database keeps them too.
    }
  }
  // Read-modify-write in one synchronous block, from what other tabs stored last.
  const change = (mutate: (tick: SessionTick) => boolean) => {
    const current = (persist && read(key)) || tick
    if (current && mutate(current)) {
      tick = current
      write()
    }
  }
  const set = (next: SessionTick) => {
    tick = next
    write()
    known()
  }

  // Should the state stage fail to load (offline), this page counts as a first visit: init never waits
  // forever, and the stage reconciles (larger counts win) on a later page.
  const seeding = () => void seed().catch(() => set(firstVisit(env)))

  function countThisVisit() {
    if (!persist) return set(firstVisit(env))
    const stored = storage() && read(key)
    if (stored) {
      countVisit(stored, env)
      return set(stored)
    }
    // No record: a first visit, unless a state database (an earlier version's, or one whose record was
    // lost) holds counts; then, and wherever we cannot tell, the state stage counts this visit.
    if (!storage()) return seeding()
    try {
      const factory = typeof indexedDB === 'undefined' ? undefined : indexedDB
      if (!factory) return set(firstVisit(env)) // no IndexedDB: no older counts anywhere; this record keeps them
      if (typeof factory.databases !== 'function') return seeding()
      factory
        .databases()
        .then(
          (databases) =>
            databases.some((database) => database.name === databaseName) ? seeding() : set(firstVisit(env)),
          seeding,
        )
    } catch {
      seeding() // IndexedDB access blocked (a sandboxed frame): the state stage finds out what still works
    }
  }
  countThisVisit()

  return {
    ready,
    get: () => (tick && persist && read(key)) || tick,
    update: (mutate) =>
      change((current) => {
        mutate(current)
        return true
      }),
    touch: () => change((current) => touchTick(current, env)),
    set,
    setPersist(next) {
      if (next === persist) return
      persist = next
      if (next) {
        // Consent given during this page: counted on what an earlier consented page stored, if anything.
        const stored = read(key)
        if (stored) countVisit(stored, env)
        set(stored ?? (tick as SessionTick))
      } else {
        try {
          storage()?.removeItem(key)
        } catch {
          // Blocked storage: nothing was stored either.
        }
      }
    },
  }
}
