// A tiny typed event emitter. A listener that throws is reported, never propagated: the host
// app's bug in an `on()` callback must not break the SDK (or the next listener).

export interface Emitter<Events extends object> {
  on<E extends keyof Events>(event: E, callback: (payload: Events[E]) => void): () => void
  emit<E extends keyof Events>(event: E, payload: Events[E]): void
  clear(): void
}

export function createEmitter<Events extends object>(
  onListenerError: (event: keyof Events, error: unknown) => void = (event, error) =>
    console.error(`[touchloop] a listener for "${String(event)}" threw`, error),
): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>()
  return {
    on(event, callback) {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      set.add(callback as (payload: never) => void)
      return () => {
        set.delete(callback as (payload: never) => void)
      }
    },
    emit(event, payload) {
      const set = listeners.get(event)
      if (!set) return
      for (const callback of [...set]) {
        try {
          ;(callback as (payload: Events[typeof event]) => void)(payload)
        } catch (error) {
          onListenerError(event, error)
        }
      }
    },
    clear() {
      listeners.clear()
    },
  }
}
