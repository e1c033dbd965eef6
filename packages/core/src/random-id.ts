// Random ids of the page-load stage (the session record's session id, the anonymous user id): UUIDv4,
// crypto.randomUUID where it exists (secure contexts), built from crypto.getRandomValues elsewhere.
// The time-ordered UUIDv7 of answers (ids.ts) shares the bytes and the formatting, and stays lazy.

/** `count` random bytes: crypto.getRandomValues where present, else `random` (tests, old runtimes). */
export function randomBytes(count: number, random: () => number): Uint8Array {
  const bytes = new Uint8Array(count)
  const cryptoApi = typeof crypto === 'undefined' ? undefined : crypto
  if (cryptoApi?.getRandomValues) return cryptoApi.getRandomValues(bytes)
  for (let i = 0; i < count; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}

/** 16 bytes as a UUID string (8-4-4-4-12 lowercase hex). */
export function formatUuid(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A random UUIDv4. `random` is the fallback where crypto is missing (injectable for tests). */
export function randomId(random: () => number = Math.random): string {
  const cryptoApi = typeof crypto === 'undefined' ? undefined : crypto
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID()
  const bytes = randomBytes(16, random)
  bytes[6] = 0x40 | ((bytes[6] ?? 0) & 0x0f) // version 4
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f) // RFC 9562 variant
  return formatUuid(bytes)
}
