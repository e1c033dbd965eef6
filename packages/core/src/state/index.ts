// The state stage (a lazy chunk, loaded by state/stage.ts): what a display decision needs and page
// load does not. The state store in IndexedDB (migration, merging across tabs), occurrence counts for
// `nth`, the session record's reconciliation, and the gate every display passes (schedule, audience,
// stable sampling, fatigue).
import type { TouchloopOptions } from '../api'
import type { Environment } from '../env'
import type { Survey } from '../model'
import { createGate } from '../targeting/gate'
import type { TouchpointFire } from '../triggers/engine'
import { considerFire, type Decisions, decideRequest, type SurveyRequest } from './decide'
import { mergeTick } from './session-merge'
import type { SessionCounter, SessionTick } from './session-tick'
import { createStateStore, reconcileSession, type StateStore, sessionTickOf, startVisit } from './store'
import { cleanTraits } from './traits'
import type { OpenResponse, TouchloopState } from './types'

export interface StateCoreOptions {
  env: Environment
  options: TouchloopOptions
  session: SessionCounter
  languages(): readonly string[]
  warn(message: string, error?: unknown): void
}

export interface StateCore {
  store: StateStore
  /** Why `survey` may not be shown now (schedule, audience, sampling, fatigue), or undefined. */
  blockReason(survey: Survey, touchpoint?: { name: string; cap?: number }): string | undefined
  /** A touchpoint fired: shown unless the gate says why not (state/decide.ts). */
  considerFire(fire: TouchpointFire, to: Decisions): void
  /** show() / start(). */
  request(request: SurveyRequest, to: Decisions): void
  /** Counts one more matching occurrence of an event touchpoint (`surveyId#index`); returns the count. */
  countOccurrence(key: string): number
  /** Traits as the app passed them: what cannot be stored is dropped with a warning. */
  identify(userId: string, traits: unknown, identity?: string): void
  /** reset(): a new anonymous id, no user (this device's history stays). */
  reset(): void
  setConsent(granted: boolean): Promise<void>
  /** The response left open on an earlier page, if any. */
  open(): OpenResponse | undefined
}

export function createStateCore({ env, options, session, languages, warn }: StateCoreOptions): StateCore {
  const patchSession = (patch: Partial<SessionTick>) => session.update((tick) => Object.assign(tick, patch))
  // The identify() this page applied last (undefined after reset()); false: none, the stored one stands.
  let identity: string | undefined | false = false
  let writingIdentity: string | undefined | false = false
  // Page load counted this visit in its session record (or could not: then it is counted here). Either
  // way the record and the stored state agree from now on.
  const adoptSession = (state: TouchloopState) => {
    const tick = session.get()
    if (!tick) {
      startVisit(state, env)
      return session.set({ ...sessionTickOf(state), ...(state.open ? { open: 1 } : {}) })
    }
    reconcileSession(state, tick)
    session.update((current) => {
      mergeTick(current, sessionTickOf(state))
      if (state.open) current.open = 1
    })
  }
  const store = createStateStore({
    env,
    persistence: options.persistence,
    storageKey: options.storageKey,
    consent: options.consent,
    warn,
    onLoad: adoptSession,
    // The "survey left open" flag is crash-safe like the delivery hint: set before a write that holds an
    // open response, cleared only once a write without one has committed.
    // The identity the record names is likewise only the one a committed write holds.
    onWrite(state, written) {
      if (state.open && !written) patchSession({ open: 1 })
      if (!state.open && written) patchSession({ open: undefined })
      if (!written) writingIdentity = identity
      else if (writingIdentity !== false) patchSession({ identity: writingIdentity })
    },
  })
  const gate = createGate({ env, getState: store.get, options, languages })
  const blockReason: StateCore['blockReason'] = (survey, touchpoint) => {
    const tick = session.get()
    // The session as page load counted it since (SPA navigations, other tabs): session caps apply to it.
    if (tick) store.update((state) => reconcileSession(state, tick))
    return gate(survey, touchpoint)
  }

  return {
    store,
    blockReason,
    considerFire: (fire, to) => considerFire(blockReason, to, fire),
    request: (request, to) => decideRequest(blockReason, to, request),
    countOccurrence(key) {
      let count = 0
      store.update((state) => {
        count = (state.occurrences[key] ?? 0) + 1
        state.occurrences[key] = count
      })
      return count
    },
    identify(userId, traits, called) {
      identity = called
      const clean = cleanTraits(traits, warn)
      store.update((state) => {
        if (state.userId && state.userId !== userId) state.traits = {}
        state.userId = userId
        state.traits = { ...state.traits, ...clean }
      })
    },
    reset() {
      identity = undefined
      store.resetUser()
    },
    setConsent: (granted) => store.setConsent(granted),
    open: () => store.get().open,
  }
}
