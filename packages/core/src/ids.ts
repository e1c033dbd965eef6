// UUIDv7 (RFC 9562): 48-bit Unix-ms timestamp, then random bits. Sortable by creation time, so the
// backend's primary key index stays append-mostly. Monotonic within one millisecond in one page.

import { formatUuid, randomBytes } from './random-id'

let lastMs = -1
let sequence = 0

/** A new UUIDv7. `now` and `random` are injectable for deterministic tests. */
export function uuidv7(now: number = Date.now(), random: () => number = Math.random): string {
  const bytes = randomBytes(16, random)
  // rand_a (12 bits) doubles as a counter within one millisecond so ids created in the same ms still sort.
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff
    if (sequence === 0) lastMs++
    now = lastMs
  } else {
    lastMs = now
    sequence = ((bytes[6] ?? 0) & 0x07) << 8 // start low: room to count up
  }
  let ms = now
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256
    ms = Math.floor(ms / 256)
  }
  bytes[6] = 0x70 | (sequence >> 8)
  bytes[7] = sequence & 0xff
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  return formatUuid(bytes)
}

/** Milliseconds since the epoch encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)
}
