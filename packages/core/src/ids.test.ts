import { describe, expect, it } from 'vitest'
import { uuidv7, uuidv7Time } from './ids'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuidv7', () => {
  it('has the v7 layout and encodes the creation time', () => {
    const now = Date.UTC(2026, 10, 23, 10, 0, 0)
    const id = uuidv7(now)
    expect(id).toMatch(UUID_V7)
    expect(uuidv7Time(id)).toBe(now)
  })

  it('sorts by creation, even many ids within one millisecond', () => {
    const now = Date.UTC(2027, 0, 1)
    const ids = Array.from({ length: 5000 }, () => uuidv7(now))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    for (const id of ids) expect(id).toMatch(UUID_V7)
    const later = uuidv7(now + 1)
    expect(later > ids.at(-1)!).toBe(true)
  })
})
