// The state stage as page load sees it: the session record (state/session-tick.ts, synchronous) and a
// lazily imported chunk (state/index.ts: IndexedDB state, fatigue, targeting, occurrence counts),
// loaded the first time something needs it: a touchpoint that matched, show()/start()/identify()/
// reset()/setConsent(), a survey left open on an earlier page, or a visit page load could not count
// itself (no session record yet beside an existing state database, or blocked localStorage). What waits for it runs in call order, so an identify() before a track() is applied
// before that track() is decided.
import type { TouchloopOptions } from '../api'
import type { Environment } from '../env'
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
  let core: StateCore | undefined
  let loading: Promise<StateCore> | undefined
  const waiting: [action: (core: StateCore) => void, failed?: () => void][] = []

  const run = (action: (core: StateCore) => void, loaded: StateCore) => {
    try {
      action(loaded)
    } catch (error) {
      reportError('state', error)
    }
  }

  function load(): Promise<StateCore> {
    loading ??= import('./index')
      .then(async ({ createStateCore }) => {
        const created = createStateCore({ env, options, session, languages, warn })
        await created.store.ready
        return created
      })
      .then(
        (loaded) => {
          core = loaded
          for (const [action] of waiting.splice(0)) run(action, loaded)
          return loaded
        },
        (error) => {
          loading = undefined // a failed chunk load may succeed later
          reportError('loading the state stage', error)
          for (const [, failed] of waiting.splice(0)) failed?.()
          throw error
        },
      )
    return loading
  }

  const session = createSessionCounter({
    env,
    databaseName: stateDatabaseName(options.storageKey),
    persist: options.consent !== 'pending' && options.persistence !== 'memory',
    // Init waits for the counts (visit touchpoints), so this load does not wait for idle.
    seed: () => load(),
  })

  return {
    session,
    /** The loaded stage, or a promise of it (rejects when its chunk cannot load; already reported). */
    load,
    /** Runs `action` with the state stage, after whatever waited for it before. */
    use(action: (core: StateCore) => void, failed?: () => void) {
      if (core && waiting.length === 0) return run(action, core)
      waiting.push([action, failed])
      void load().catch(() => {})
    },
    /**
     * Runs `action` after whatever waits for the state stage, without loading it: `debug: true`
     * explanations stay in call order.
     */
    inOrder(action: () => void): void {
      if (waiting.length === 0) action()
      else waiting.push([action, action])
    },
    /** Settles when the stored state has caught up (nothing to do if the stage never loaded). */
    flush: () => (loading ? loading.then((loaded) => loaded.store.flush()) : Promise.resolve()),
  }
}
