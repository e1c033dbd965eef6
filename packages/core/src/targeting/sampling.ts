// Stable sampling: the same user gets the same yes/no for a survey on every page and every trigger,
// and different surveys sample independent slices of the audience.

/** FNV-1a 32-bit hash of a string, as a number in [0, 1). */
export function hashToUnit(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  // A final avalanche: FNV's low bits mix poorly for short, similar keys.
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  return (hash >>> 0) / 0x100000000
}

/** Whether this user is in the sample of this survey. `sample` is 0–1 (default 1). */
export function isSampled(sample: number | undefined, userKey: string, surveyId: string): boolean {
  if (sample === undefined || sample >= 1) return true
  if (sample <= 0) return false
  return hashToUnit(`${userKey}\u0000${surveyId}`) < sample
}
