import { describe, expect, it } from 'vitest'
import { backoffDelay, classifyStatus, DEFAULT_BACKOFF, parseRetryAfter, pausesQueue } from './policy'
import { batchKey } from './send'

describe('classifyStatus', () => {
  it.each([
    [200, 'delivered'],
    [201, 'delivered'],
    [202, 'delivered'],
    [204, 'delivered'],
    [0, 'retry'],
    [408, 'retry'],
    [425, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [413, 'split'],
    [501, 'dead-letter'],
    [505, 'dead-letter'],
    [400, 'dead-letter'],
    [401, 'dead-letter'],
    [404, 'dead-letter'],
    [409, 'dead-letter'],
    [422, 'dead-letter'],
    [302, 'dead-letter'],
  ])('status %i → %s', (status, outcome) => {
    expect(classifyStatus(status)).toBe(outcome)
  })

  it('pauses the whole queue only for 429 and 503', () => {
    expect([429, 503].every(pausesQueue)).toBe(true)
    expect([0, 408, 500, 502].some(pausesQueue)).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 23, 8)
  const max = 600_000
  it('reads delta seconds', () => expect(parseRetryAfter('120', now, max)).toBe(120_000))
  it('reads an HTTP date', () => expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now, max)).toBe(30_000))
  it('clamps a date in the past to 0', () =>
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now, max)).toBe(0))
  it('clamps a huge value to the maximum', () => {
    expect(parseRetryAfter('99999999999', now, max)).toBe(max)
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now, max)).toBe(max)
  })
  it.each(['', 'soon', '-5', '1.5', '12abc', null, undefined])('ignores garbage %s', (value) => {
    expect(parseRetryAfter(value, now, max)).toBeUndefined()
  })
})

describe('backoffDelay', () => {
  it('is full jitter within the doubling window, capped', () => {
    expect(backoffDelay(1, 0)).toBe(0)
    expect(backoffDelay(1, 0.999)).toBeLessThan(DEFAULT_BACKOFF.baseMs)
    expect(backoffDelay(3, 0.5)).toBe(2 * DEFAULT_BACKOFF.baseMs)
    expect(backoffDelay(100, 0.999)).toBeLessThan(DEFAULT_BACKOFF.capMs)
    expect(backoffDelay(100, 0.5)).toBe(DEFAULT_BACKOFF.capMs / 2)
  })
})

describe('batchKey', () => {
  it('is stable for the same keys and differs for others', () => {
    expect(batchKey(['a:1', 'b:2'])).toBe(batchKey(['a:1', 'b:2']))
    expect(batchKey(['a:1', 'b:2'])).not.toBe(batchKey(['a:1', 'b:3']))
    expect(batchKey(['a:1', 'b:2'])).not.toBe(batchKey(['a:1b:2']))
  })
})
