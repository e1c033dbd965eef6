// The callback transport: hands each batch to a function the app provides (any backend, any SDK), with the
// same guarantees as the other adapters: the batch stays queued until the function resolves, a rejection
// (or a timeout) is retried, and every record keeps its stable `${id}:${revision}` key for dedup.
import type { DeliveryItem, ResponseRecord, SendContext, SendResult, Transport } from '@touchloop/core'
import { TouchloopConfigError } from '@touchloop/core'
import { raceAbort } from './shared/abort'
import { optionalFunction, optionalName, optionalPositiveInteger, requireObject } from './shared/options'

export interface CallbackSendContext {
  /** Aborted when the delivery core gives up on this attempt (timeout, destroy): stop and reject. */
  signal: AbortSignal
  /** Same for this batch across retries. */
  idempotencyKey: string
  /** `${id}:${revision}` of each record, in order: dedup by these. */
  keys: string[]
  /** Records evicted since the last successful send, by reason. */
  dropped?: Record<string, number>
}

/** Resolve (with nothing) when stored; reject to retry; or resolve with an HTTP-like answer to refine it. */
export type CallbackSend = (
  records: ResponseRecord[],
  context: CallbackSendContext,
) => // biome-ignore lint/suspicious/noConfusingVoidType: an async function that returns nothing resolves to void.
Promise<void | SendResult> | void | SendResult

export interface CallbackTransportOptions {
  send: CallbackSend
  /** Optional, synchronous, best effort while the page unloads (e.g. navigator.sendBeacon). */
  sendOnUnload?: (records: ResponseRecord[]) => boolean
  /** Records per call. Default 50. */
  maxBatchSize?: number
  /** Names this transport's queue; default `callback`. Give each callback transport its own. */
  name?: string
}

const ADAPTER = 'callback'

function checkResult(value: unknown): SendResult {
  if (value === undefined || value === null) return { status: 200 }
  const status = (value as { status?: unknown }).status
  if (
    typeof value !== 'object' ||
    typeof status !== 'number' ||
    !Number.isInteger(status) ||
    status < 100 ||
    status > 599
  ) {
    // A programming error in the app's function: surfaced through the retry reason, never silently "delivered".
    throw new TypeError(
      'callback transport: send() must resolve with nothing or with { status: <HTTP status>, items?, retryAfter?, reason? }.',
    )
  }
  return value as SendResult
}

export function createCallbackTransport(options: CallbackTransportOptions): Transport {
  requireObject(ADAPTER, options)
  const send = optionalFunction<CallbackSend>(ADAPTER, 'send', options.send)
  if (!send) {
    throw new TouchloopConfigError(
      'callback/missing-send',
      'callback transport: pass `send`, an async function (records, { signal, keys }) that stores the records and rejects on failure.',
    )
  }
  const onUnload = optionalFunction<(records: ResponseRecord[]) => boolean>(
    ADAPTER,
    'sendOnUnload',
    options.sendOnUnload,
  )
  const transport: Transport = {
    name: optionalName(ADAPTER, options.name, 'callback'),
    maxBatchSize: optionalPositiveInteger(ADAPTER, 'maxBatchSize', options.maxBatchSize, 50),

    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      const records = batch.map((item) => item.record)
      const callbackContext: CallbackSendContext = {
        signal: context.signal,
        idempotencyKey: context.idempotencyKey,
        keys: batch.map((item) => item.key),
      }
      if (context.dropped) callbackContext.dropped = context.dropped
      return checkResult(await raceAbort(() => send(records, callbackContext), context.signal))
    },
  }
  if (onUnload) {
    transport.sendOnUnload = (batch: DeliveryItem[]) => {
      try {
        return onUnload(batch.map((item) => item.record)) === true
      } catch {
        return false
      }
    }
  }
  return transport
}
