// The page of the http transport's Chromium test: the real adapter, bundled by Vite like an app would.
import type { DeliveryItem, ResponseRecord, SendResult, Transport } from '@touchloop/core'
import { createHttpTransport, type HttpTransportOptions } from '@touchloop/transports/http'

function record(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  const now = new Date().toISOString()
  return {
    id: crypto.randomUUID(),
    revision: 1,
    event: 'answered',
    surveyId: 'nps-e2e',
    surveyVersion: 1,
    touchpoint: 'e2e',
    answers: { score: 9 },
    anonymousId: 'anon-e2e',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
}

const items = (records: ResponseRecord[]): DeliveryItem[] =>
  records.map((r) => ({ key: `${r.id}:${r.revision}`, record: r, attempt: 1 }))

const transports: Transport[] = []
const pending = new Map<string, { controller: AbortController; result: Promise<SendResult> }>()

const api = {
  /** Sends records built in the page; resolves with the SendResult or the error's name and message. */
  async send(
    options: HttpTransportOptions,
    specs: Array<Partial<ResponseRecord>>,
    idempotencyKey = 'e2e-batch',
  ): Promise<{ keys: string[]; result?: SendResult; error?: string }> {
    const batch = items(specs.map((spec) => record(spec)))
    const keys = batch.map((item) => item.key)
    try {
      const result = await createHttpTransport(options).send(batch, {
        signal: new AbortController().signal,
        idempotencyKey,
      })
      return { keys, result }
    } catch (error) {
      return { keys, error: `${(error as Error).name}: ${(error as Error).message}` }
    }
  },
  /** Starts a send that the test aborts later with abort(id). */
  start(id: string, options: HttpTransportOptions): string[] {
    const batch = items([record()])
    const controller = new AbortController()
    pending.set(id, {
      controller,
      result: createHttpTransport(options).send(batch, { signal: controller.signal, idempotencyKey: id }),
    })
    return batch.map((item) => item.key)
  },
  async abort(id: string): Promise<string> {
    const entry = pending.get(id)!
    entry.controller.abort(new DOMException('the delivery core timed out', 'TimeoutError'))
    try {
      await entry.result
      return 'resolved'
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`
    }
  },
  /** Arms the unload path: on pagehide the records go out through sendOnUnload. Returns the records. */
  armUnload(options: HttpTransportOptions, count: number, answerBytes = 0): ResponseRecord[] {
    const transport = createHttpTransport(options)
    transports.push(transport)
    const batch = items(
      Array.from({ length: count }, () => record(answerBytes ? { answers: { comment: 'x'.repeat(answerBytes) } } : {})),
    )
    addEventListener('pagehide', () => {
      ;(window as unknown as { unloadQueued: boolean }).unloadQueued = transport.sendOnUnload!(batch)
    })
    return batch.map((item) => item.record)
  },
}

declare global {
  interface Window {
    transportTest: typeof api
  }
}
window.transportTest = api
