// Many tabs, one queue: one flusher per transport across tabs (Web Locks), and a BroadcastChannel that
// nudges the other tabs when work arrives or a server asked to pause. Both are optimisations: the lease
// claim inside a transaction keeps delivery correct without them.
import type { DeliveryOptions } from './types'

export type CrossTabMessage = { type: 'nudge'; transport: string } | { type: 'pause'; transport: string; until: number }

export function createCrossTab(
  dbName: string,
  options: Pick<DeliveryOptions, 'locks' | 'broadcast'>,
  /** False once the queue is in memory (nothing shared with other tabs). */
  shared: () => boolean,
  receive: (message: CrossTabMessage) => void,
) {
  const locks =
    options.locks === undefined ? (typeof navigator === 'undefined' ? undefined : navigator.locks) : options.locks
  let channel: BroadcastChannel | undefined
  if (shared() && options.broadcast !== null) {
    try {
      channel = options.broadcast ? options.broadcast(dbName) : new BroadcastChannel(dbName)
      channel.onmessage = (event: MessageEvent<CrossTabMessage>) => receive(event.data)
    } catch {
      channel = undefined
    }
  }
  return {
    /** Runs `task` holding the transport's flush lock (directly without Web Locks or once in memory). */
    exclusive: (transport: string, task: () => Promise<void>): Promise<void> =>
      locks && shared() ? locks.request(`${dbName}:${transport}`, task).then(() => {}) : task(),
    post(message: CrossTabMessage): void {
      try {
        channel?.postMessage(message)
      } catch {
        // A closed channel only loses a nudge; the lease and timers still deliver.
      }
    },
    close: () => channel?.close(),
  }
}
