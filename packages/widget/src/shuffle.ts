// Shuffles choices in an order that is stable for one seed (the response id), so a respondent who
// reloads sees the same order, while different respondents see different orders.

function hash(text: string): number {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export function stableShuffle<T>(items: readonly T[], seed: string): T[] {
  const result = [...items]
  let state = hash(seed) || 1
  for (let i = result.length - 1; i > 0; i--) {
    // xorshift32
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    const j = (state >>> 0) % (i + 1)
    ;[result[i], result[j]] = [result[j]!, result[i]!]
  }
  return result
}
