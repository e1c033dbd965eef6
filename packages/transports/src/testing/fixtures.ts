// Response records and delivery items for the transport tests: every event kind, every answer type.
import type { DeliveryItem, ResponseRecord } from '@touchloop/core'

let counter = 0

/** A UUIDv7-shaped id, unique per call. */
export function responseId(): string {
  counter++
  // Like real UUIDv7s, two ids differ in their leading (time) bits too, not only at the end.
  const time = (0x1936f4e7c3a + counter * 977).toString(16).padStart(12, '0')
  const tail = ((counter * 2654435761) % 2 ** 48).toString(16).padStart(12, '0')
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${tail.slice(0, 3)}-8${tail.slice(3, 6)}-${tail}`
}

export function makeRecord(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  return {
    id: responseId(),
    revision: 1,
    event: 'answered',
    surveyId: 'nps-checkout',
    surveyVersion: 3,
    touchpoint: 'checkout-complete',
    answers: { score: 9 },
    anonymousId: 'anon-7f3a',
    locale: 'en-GB',
    url: 'https://shop.example/checkout/done',
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:04.000Z',
    ...overrides,
  }
}

export function toItem(record: ResponseRecord, attempt = 1): DeliveryItem {
  return { key: `${record.id}:${record.revision}`, record, attempt }
}

/** One response through its whole life, plus a second user's dismissal: four events, two ids. */
export function sampleBatch(): DeliveryItem[] {
  const id = responseId()
  const shown = makeRecord({ id, revision: 0, event: 'shown', answers: {} })
  const answered = makeRecord({ id, revision: 1, event: 'answered', answers: { score: 9 } })
  const completed = makeRecord({
    id,
    revision: 2,
    event: 'completed',
    userId: 'user-42',
    answers: { score: 9, reasons: ['speed', 'price'], comment: 'Fast checkout', subscribe: true },
    otherText: { reasons: 'the colours' },
    timings: { score: 1200, reasons: 3400 },
    endingId: 'thanks',
  })
  const dismissed = makeRecord({ revision: 1, event: 'dismissed', answers: {}, locale: undefined, url: undefined })
  return [shown, answered, completed, dismissed].map((record) => toItem(record))
}

/** A record whose JSON is about `bytes` long (a long free-text answer). */
export function bigRecord(bytes: number): ResponseRecord {
  return makeRecord({ answers: { comment: 'x'.repeat(bytes) } })
}
