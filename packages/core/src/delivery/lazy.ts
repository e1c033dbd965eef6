// The delivery stage behind a page-load handle: the queue and its transports are a lazily imported
// chunk, loaded when an answer is enqueued, when flush() or a dead-letter method is called, when the
// page-load hint says answers may be waiting (hint.ts); stage.ts also loads its code with the survey stage.
import type { DeadLetterFilter } from '../api'
import type { ResponseRecord } from '../model'
import type { Delivery } from './types'

export interface LazyDelivery extends Delivery {
  /** Starts loading the delivery stage (idempotent); resolves undefined if it cannot be loaded. */
  load(): Promise<Delivery | undefined>
}

/** `open` imports and creates the real queue; a failure is reported by `open` and retried on the next call. */
export function createLazyDelivery(open: () => Promise<Delivery | undefined>): LazyDelivery {
  let loading: Promise<Delivery | undefined> | undefined
  let loaded: Delivery | undefined
  let destroyed = false
  const load = (): Promise<Delivery | undefined> => {
    if (destroyed) return Promise.resolve(undefined)
    loading ??= open().then((delivery) => {
      if (!delivery)
        loading = undefined // a failed chunk load may succeed later
      else if (destroyed) delivery.destroy()
      else loaded = delivery
      return destroyed ? undefined : delivery
    })
    return loading
  }
  const unavailable = () => new Error('touchloop: the delivery queue is unavailable (see the earlier error)')
  return {
    load,
    async enqueue(record: ResponseRecord) {
      if (destroyed) return
      const delivery = await load()
      if (!delivery) throw unavailable()
      await delivery.enqueue(record)
    },
    async flush() {
      await (await load())?.flush()
    },
    async deadLetters() {
      return (await load())?.deadLetters() ?? []
    },
    async retryDeadLetters(filter?: DeadLetterFilter) {
      return (await load())?.retryDeadLetters(filter) ?? 0
    },
    async discardDeadLetters(filter?: DeadLetterFilter) {
      return (await load())?.discardDeadLetters(filter) ?? 0
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      loaded?.destroy()
    },
  }
}
