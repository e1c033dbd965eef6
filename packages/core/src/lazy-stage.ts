// One lazily loaded stage behind its page-load handle (the state stage, the survey stage): its chunk is
// imported on first use; what waits for it runs in call order once it is there; a failed load is
// reported, settles what waited (`failed`) and is tried again on the next use.
export interface LazyStage<T> {
  /** The loaded stage (rejects when it cannot load; already reported). */
  load(): Promise<T>
  /** Runs `action` with the stage, after whatever waits for it already. */
  use(action: (loaded: T) => void, failed?: () => void): void
  /** Runs `action` after whatever waits for the stage, without loading it. */
  inOrder(action: () => void): void
  /** The stage if loaded. */
  current(): T | undefined
  /** Whether it is loaded or loading (then new work must queue behind what waits). */
  started(): boolean
  /** The stage once a load in progress has finished (undefined if none started, or it failed). */
  settled(): Promise<T | undefined>
}

export function createLazyStage<T>(
  open: () => Promise<T>,
  name: string,
  reportError: (where: string, error: unknown) => void,
): LazyStage<T> {
  let loaded: T | undefined
  let loading: Promise<T> | undefined
  const waiting: [action: (loaded: T) => void, failed?: () => void][] = []
  const run = (action: (loaded: T) => void, value: T) => {
    try {
      action(value)
    } catch (error) {
      reportError(name, error)
    }
  }
  const load = () =>
    (loading ??= open().then(
      (value) => {
        loaded = value
        for (const [action] of waiting.splice(0)) run(action, value)
        return value
      },
      (error) => {
        loading = undefined // a failed chunk load may succeed later
        reportError(`loading the ${name}`, error)
        for (const [, failed] of waiting.splice(0)) failed?.()
        throw error
      },
    ))
  return {
    load,
    use(action, failed) {
      if (loaded !== undefined && waiting.length === 0) return run(action, loaded)
      waiting.push([action, failed])
      load().catch(() => {})
    },
    inOrder(action) {
      if (waiting.length === 0) action()
      else waiting.push([action, action])
    },
    current: () => loaded,
    started: () => loading !== undefined || loaded !== undefined,
    settled: () => (loading ? loading.catch(() => undefined) : Promise.resolve(loaded)),
  }
}
