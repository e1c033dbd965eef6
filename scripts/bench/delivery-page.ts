// The page used by the delivery browser tests and `pnpm bench`: the real delivery queue with the real
// http transport, posting to /v1/responses on the page's own origin (the harness proxies it to a
// collector). Query: ?timeout=ms&lease=ms&batch=n&endpoint=url (post elsewhere, e.g. straight to a
// collector with CORS)&key=writeKey (the collector's public write key, when posting to it directly).
// Exposes window.touchloopTest.

import { createDelivery } from '../../packages/core/src/delivery/index'
import { createBrowserEnvironment, type ResponseRecord } from '../../packages/core/src/index'
import { createHttpTransport } from '../../packages/transports/src/http'

const params = new URLSearchParams(location.search)
const number = (name: string, fallback: number) => Number(params.get(name) ?? fallback)
const events: Array<{ event: string; payload: unknown }> = []

const delivery = createDelivery({
  transports: [
    createHttpTransport({
      url: params.get('endpoint') ?? '/v1/responses',
      writeKey: params.get('key') ?? undefined,
      maxBatchSize: number('batch', 50),
    }),
  ],
  env: createBrowserEnvironment(),
  emit: (event, payload) => {
    // Queued records are dropped from the log: the bench enqueues thousands.
    const logged = event === 'delivery:queued' ? { transport: (payload as { transport: string }).transport } : payload
    events.push({ event, payload: logged })
  },

  timeoutMs: number('timeout', 10_000),
  leaseMs: number('lease', 30_000),
  openTimeoutMs: number('openTimeout', 3_000),
})

/** A UUIDv7: 48 bits of milliseconds, then random bits with the version and variant set. */
function uuidv7(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const ms = Date.now()
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function record(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  const now = new Date().toISOString()
  return {
    id: uuidv7(),
    revision: 1,
    event: 'answered',
    surveyId: 'nps-e2e',
    surveyVersion: 1,
    touchpoint: 'checkout',
    answers: { score: 9 },
    anonymousId: 'anon-e2e',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
}

declare global {
  interface Window {
    touchloopTest: {
      delivery: typeof delivery
      events: typeof events
      record: typeof record
      /** Enqueues and resolves with the record once it is durably stored. */
      answer(overrides?: Partial<ResponseRecord>): Promise<ResponseRecord>
    }
  }
}

window.touchloopTest = {
  delivery,
  events,
  record,
  async answer(overrides) {
    const value = record(overrides)
    await delivery.enqueue(value)
    return value
  },
}
