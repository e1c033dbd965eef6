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
import type { StateCore } from './index'
import { createSessionCounter, stateDatabaseName } from './session-tick'

export interface StateStageOptions {
  env: Environment
  options: TouchloopOptions
  languages(): readonly string[]
  warn(message: string, error?: unknown): void
  reportError(where: string, error: unknown): void
}

export type StateStage = ReturnType<typeof createStateStage>

export function createStateStage({ env, options, languages, warn, reportError }: StateStageOptions) {
  const stage = createLazyStage(
    () =>
      import('./index').then(async ({ createStateCore }) => {
        const created = createStateCore({ env, options, session, languages, warn })
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
    /** Settles when the stored state has caught up (nothing to do if the stage never loaded). */
    flush: async () => {
      await (await stage.settled())?.store.flush()
    },
  }
}
