// What every stage of one instance shares: its environment, its events and how it reports trouble
// (console + the 'error' event; `debug: true` explains decisions on console.debug).
import type { TouchloopEvents, TouchloopOptions } from './api'
import { createEmitter } from './emitter'
import { createBrowserEnvironment, type Environment } from './env'
import { watchNavigation } from './triggers/navigation'

export type Context = ReturnType<typeof createContext>

export function createContext(options: TouchloopOptions) {
  const env: Environment = {
    ...createBrowserEnvironment(),
    onNavigate: (callback) => watchNavigation(callback),
    ...options.env,
  }
  const emitter = createEmitter<TouchloopEvents>()
  const emit = emitter.emit
  const log = (...args: unknown[]) => {
    if (options.debug) console.debug('[touchloop]', ...args)
  }
  const warn = (message: string, error?: unknown) => {
    console.warn(message, ...(error === undefined ? [] : [error]))
    emit('error', { message, error })
  }
  const reportError = (where: string, error: unknown) =>
    warn(`touchloop: ${where} failed: ${(error as Error)?.message ?? String(error)}`, error)
  /** `fn`, reporting what it throws instead of throwing it into the page. */
  const guard =
    <A extends unknown[], R>(where: string, fn: (...args: A) => R, fallback: R) =>
    (...args: A): R => {
      try {
        return fn(...args)
      } catch (error) {
        reportError(where, error)
        return fallback
      }
    }
  return { options, env, emitter, emit, log, warn, reportError, guard }
}
