// The state stage as page load sees it: the session record (state/session-tick.ts, synchronous) and a
// lazily imported chunk (state/index.ts: IndexedDB state, fatigue, targeting, occurrence counts),
// loaded the first time something needs it: a touchpoint that matched, show()/start()/identify()/
// reset()/setConsent(), a survey left open on an earlier page, or a visit page load could not count
// itself (no session record yet beside an existing state database, or blocked localStorage). What
// waits for it runs in call order, so an identify() before a track() is applied before that track() is
// decided.
import type { TouchloopOptions } from '../api'
import type { Environment } from '../env'
import { createLazyStage } from '../lazy-stage'
import { createSessionCounter, identityOf, stateDatabaseName } from './session-tick'

export interface StateStageOptions {
  env: Environment
  options: TouchloopOptions
  languages(): readonly string[]
  warn(message: string, error?: unknown): void
  reportError(where: string, error: unknown): void
  /** Settles once the surveys are checked (survey-sources.ts): loaded in parallel with the chunk, awaited before use. */
  surveysChecked?: () => Promise<unknown>
}

export type StateStage = ReturnType<typeof createStateStage>

export function createStateStage({ env, options, languages, warn, reportError, surveysChecked }: StateStageOptions) {
  // setConsent(true) before the stage loads: it starts persisting when it loads.
  let consent = options.consent
  const stage = createLazyStage(
    () =>
      Promise.all([import('./index'), surveysChecked?.()]).then(async ([{ createStateCore }]) => {
        const created = createStateCore({ env, options: { ...options, consent }, session, languages, warn })
        await created.store.ready
        return created
      }),
    'state stage',
    reportError,
  )
  const session = createSessionCounter({
    env,
    databaseName: stateDatabaseName(options.storageKey),
    persist: options.consent !== 'pending' && options.persistence !== 'memory',
    // Init waits for the counts (visit touchpoints), so this load does not wait for idle.
    seed: stage.load,
  })

  return {
    ...stage,
    session,
    /**
     * identify(): applied by the state stage, in call order; not even loaded when the stored state has
     * this very call already (the same user and traits as the last identify() it stored).
     */
    identify(userId: string, traits: unknown) {
      const identity = identityOf(userId, traits)
      if (!stage.started() && identity !== undefined && session.get()?.identity === identity) return
      stage.use((core) => core.identify(userId, traits, identity))
    },
    /** setConsent(): false erases the stored state (loads the stage); true before it loaded just persists from then on. */
    setConsent(granted: boolean) {
      session.setPersist(granted)
      if (granted && !stage.started()) {
        consent = 'granted'
        return
      }
      stage.use((core) => core.setConsent(granted).catch((error) => reportError('setConsent', error)))
    },
    /** Settles when the stored state has caught up (nothing to do if the stage never loaded). */
    flush: async () => {
      await (await stage.settled())?.store.flush()
    },
  }
}
