// Contract of the delivery core (durable queue + delivery loop), as used by createTouchloop().
import type { DeliveryLimits, TouchloopEvents } from '../api'
import type { Environment } from '../env'
import type { ResponseRecord } from '../model'
import type { Transport } from '../transport'

export type Emit = <E extends keyof TouchloopEvents>(event: E, payload: TouchloopEvents[E]) => void

export interface DeliveryOptions {
  transports: Transport[]
  env: Environment
  emit: Emit
  limits?: DeliveryLimits
  batchSize?: number
  /** Per-request timeout. */
  timeoutMs?: number
  /** 'memory' never touches IndexedDB. */
  persistence?: 'indexeddb' | 'memory'
  /** Namespaces the IndexedDB database. */
  storageKey?: string
}

export interface Delivery {
  /** Resolves after the record is durably stored for every transport (memory when degraded). */
  enqueue(record: ResponseRecord): Promise<void>
  /** Settles when every queue is empty or blocked. */
  flush(): Promise<void>
  destroy(): void
}
