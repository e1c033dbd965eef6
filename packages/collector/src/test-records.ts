// Builders for tests of the collector (not exported from the package).
import type { ResponseRecord } from '@touchloop/core'

let counter = 0

export function makeRecord(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  counter++
  const now = new Date(Date.UTC(2026, 10, 23, 10, 0, counter)).toISOString()
  return {
    id: `0193b0a0-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`,
    revision: 1,
    event: 'answered',
    surveyId: 'post-checkout-nps',
    surveyVersion: 1,
    touchpoint: 'checkout_completed',
    answers: { nps: 9 },
    anonymousId: 'anon-1',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
}
