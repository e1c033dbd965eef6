import { afterEach, describe, expect, it, vi } from 'vitest'
import { randomId } from './random-id'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('randomId', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is crypto.randomUUID where it exists', () => {
    vi.stubGlobal('crypto', { randomUUID: () => 'from-randomUUID' })
    expect(randomId()).toBe('from-randomUUID')
  })

  it('is a UUIDv4 from getRandomValues without randomUUID (an insecure context)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) })
    expect(randomId()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
  })

  it('is a UUIDv4 from the injected random without crypto, and differs each time', () => {
    vi.stubGlobal('crypto', undefined)
    const ids = Array.from({ length: 100 }, () => randomId())
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(new Set(ids).size).toBe(ids.length)
    expect(randomId(() => 0)).toBe('00000000-0000-4000-8000-000000000000')
  })
})
