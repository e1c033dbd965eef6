// The delivery stage as createTouchloop() sees it, on the page-load path: one lazily loaded queue (two
// while a consent-pending memory queue still drains after setConsent(true)), loaded when an answer is
// enqueued, on flush() or a dead-letter method, with the survey stage (a survey is shown only once its
// answers can be queued), or at idle on page load when the hint says answers from an earlier page may be
// waiting. See docs/delivery.md.
import type { TouchloopOptions } from '../api'
import type { Environment } from '../env'
import type { WhenIdle } from '../idle'
import type { ResponseRecord } from '../model'
import { createDeadLetterMethods } from './dead-letters'
import { queueDatabaseName, queueMayHoldAnswers } from './hint'
import { createLazyDelivery, type LazyDelivery } from './lazy'
import type { Emit } from './types'

export interface DeliveryStageOptions {
  options: TouchloopOptions
  env: Environment
  emit: Emit
  whenIdle: WhenIdle
  reportError(where: string, error: unknown): void
}

export function createDeliveryStage({ options, env, emit, whenIdle, reportError }: DeliveryStageOptions) {
  // The queue's chunk, with the code of transports that load theirs lazily (Transport.load).
  const loadModule = () =>
    Promise.all([import('./index'), ...(options.transports ?? []).map((transport) => transport?.load?.())]).then(
      ([module]) => module,
    )
  const open = (persistence: TouchloopOptions['persistence']): LazyDelivery =>
    createLazyDelivery(() =>
      loadModule()
        .then(({ createDelivery }) =>
          createDelivery({
            transports: options.transports ?? [],
            env,
            emit,
            limits: options.delivery,
            batchSize: options.delivery?.batchSize,
            timeoutMs: options.delivery?.timeoutMs,
            persistence,
            storageKey: options.storageKey,
          }),
        )
        .catch((error) => {
          reportError('creating the delivery queue', error)
          return undefined
        }),
    )
  // With consent pending the queue starts in memory; setConsent(true) opens a durable one for what
  // follows, while the memory queue keeps sending what it already holds (see docs/core.md).
  const durable = options.consent !== 'pending' && options.persistence !== 'memory'
  let current = open(durable ? options.persistence : 'memory')
  const retired: LazyDelivery[] = []
  if (durable && (options.transports ?? []).length > 0) {
    void queueMayHoldAnswers(queueDatabaseName(options.storageKey)).then((waiting) => {
      if (waiting) whenIdle(() => void current.load())
    })
  }
  const all = () => [current, ...retired]

  return {
    enqueue: (record: ResponseRecord) => current.enqueue(record),
    /**
     * The queue's code, for the survey stage: a survey is only shown once the code that queues its
     * answers is loaded, so an answer never waits on a chunk that may fail to load (offline).
     */
    loadCode: () => loadModule().then(() => undefined),
    flush: () => Promise.all(all().map((queue) => queue.flush())),
    deadLetterMethods: () => createDeadLetterMethods(all, reportError),
    consentGranted(): void {
      if (options.consent !== 'pending' || options.persistence === 'memory' || retired.length > 0) return
      retired.push(current)
      current = open(options.persistence)
    },
    destroy(): void {
      for (const queue of all()) queue.destroy()
    },
  }
}
