// Work that may wait until the page is idle (loading a lazy stage), never longer than a second.
import type { Environment } from './env'

export type WhenIdle = (task: () => void) => void

export function createWhenIdle(env: Pick<Environment, 'setTimeout'>): WhenIdle {
  return (task) => {
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => unknown })
      .requestIdleCallback
    if (typeof idle === 'function') idle(task, { timeout: 1000 })
    else env.setTimeout(task, 1)
  }
}
