// What a call settles with when it cannot act: each async method's own "nothing done" result (core's
// show() resolves false, deadLetters() [] on failure, …). Used by boot.ts and the loader (index.ts);
// kept out of stub.ts because that is a dist entry of its own, and boot.js importing from it would
// add a request at page load.
import type { QueuedCall } from './stub'

/** A settled promise of the method's fallback result for an async method, undefined for the others. */
export function declined(method: unknown): Promise<unknown> | undefined {
  switch (method) {
    case 'show':
      return Promise.resolve(false)
    case 'start':
    case 'flush':
      return Promise.resolve(undefined)
    case 'deadLetters':
      return Promise.resolve([])
    case 'retryDeadLetters':
    case 'discardDeadLetters':
      return Promise.resolve(0)
    default:
      return undefined
  }
}

/**
 * When the SDK cannot start: settles every call the stub queued as declined, and does the same for
 * later calls, so no `await touchloop.flush()` waits forever.
 */
export function declineQueuedCalls(queue: QueuedCall[]): void {
  const decline = (...calls: QueuedCall[]) => {
    for (const call of calls) call.r?.(declined(call[0]))
    return 0
  }
  decline(...queue.splice(0))
  queue.push = decline
}
