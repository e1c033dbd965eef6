// Coalescing runner: one `task` at a time; calls while it runs ask for one more round, not a queue.
export function createSerial<T>(
  task: () => Promise<T>,
  isDestroyed: () => boolean,
  onError: (error: unknown) => void,
  done?: (value: T) => void,
) {
  let running: Promise<void> | undefined
  let again = false
  const loop = async () => {
    do {
      again = false
      try {
        const value = await task()
        done?.(value)
      } catch (error) {
        if (!isDestroyed()) onError(error)
      }
    } while (again && !isDestroyed())
    // Cleared in the same microtask as the last `again` check, so no request falls in between.
    running = undefined
  }
  return (): Promise<void> => {
    if (isDestroyed()) return Promise.resolve()
    if (running) again = true
    else running = loop()
    return running
  }
}
