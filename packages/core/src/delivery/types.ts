// Contract of the delivery core (durable queue + delivery loop), as used by createTouchloop().
import type { DeadLetter, DeadLetterFilter, DeliveryLimits, TouchloopEvents } from '../api'
import type { Environment } from '../env'
import type { ResponseRecord } from '../model'
import type { Transport } from '../transport'
import type { BackoffPolicy } from './policy'
import type { QueueStore } from './store'

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
  // Additive options of the delivery issue (all optional, with defaults in docs/delivery.md):
  /** How long a claimed batch stays in flight before another flusher may resend it. Default 30 s (at least timeoutMs + 1 s). */
  leaseMs?: number
  /** A hanging IndexedDB open degrades to memory after this long. Default 3 s. */
  openTimeoutMs?: number
  backoff?: Partial<BackoffPolicy>
  /** Byte budget of one sendOnUnload batch (fetch keepalive allows 64 KB in flight per page). Default 60 000. */
  unloadBudgetBytes?: number
  /** Overrides (tests, custom storage): a queue store, an IDBFactory, Web Locks / BroadcastChannel (null = off). */
  store?: QueueStore
  indexedDB?: IDBFactory
  locks?: LockManager | null
  broadcast?: ((name: string) => BroadcastChannel) | null
}

export interface Delivery {
  /** Resolves after the record is durably stored for every transport (memory when degraded). */
  enqueue(record: ResponseRecord): Promise<void>
  /** Settles when every queue is empty or blocked. */
  flush(): Promise<void>
  /** Every dead letter, oldest first. */
  deadLetters(): Promise<DeadLetter[]>
  /** Moves matching dead letters back to their queue (new attempt count, same key) and sends them; resolves how many. */
  retryDeadLetters(filter?: DeadLetterFilter): Promise<number>
  /** Deletes matching dead letters; resolves how many. */
  discardDeadLetters(filter?: DeadLetterFilter): Promise<number>
  destroy(): void
}
