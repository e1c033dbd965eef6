// PLACEHOLDER (to be replaced by the durable IndexedDB queue of the delivery issue):
// an in-memory queue that sends each record once per transport, retrying on any failure.
import type { DeliveryItem } from '../transport'
import type { Delivery, DeliveryOptions } from './types'

export type { Delivery, DeliveryOptions, Emit } from './types'

export function createDelivery(options: DeliveryOptions): Delivery {
  const queues = new Map(options.transports.map((t) => [t, [] as DeliveryItem[]]))
  let sending: Promise<void> | undefined

  async function sendAll(): Promise<void> {
    for (const [transport, queue] of queues) {
      if (queue.length === 0) continue
      const batch = queue.slice()
      try {
        const result = await transport.send(batch, {
          signal: new AbortController().signal,
          idempotencyKey: batch.map((item) => item.key).join(','),
        })
        if (result.status >= 200 && result.status < 300) {
          queue.splice(0, batch.length)
          options.emit('delivery:sent', { transport: transport.name, keys: batch.map((item) => item.key) })
        }
      } catch {
        for (const item of batch) item.attempt++
      }
    }
  }

  function flush(): Promise<void> {
    sending ??= sendAll().finally(() => {
      sending = undefined
    })
    return sending
  }

  return {
    async enqueue(record) {
      for (const [transport, queue] of queues) {
        const item = { key: `${record.id}:${record.revision}`, record, attempt: 1 }
        queue.push(item)
        options.emit('delivery:queued', { transport: transport.name, record })
      }
      void flush()
    },
    flush,
    destroy() {
      queues.clear()
    },
  }
}
