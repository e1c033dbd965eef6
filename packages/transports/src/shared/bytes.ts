// UTF-8 byte length: request budgets (keepalive's 64 KB, server body limits) count bytes, not characters.
let encoder: TextEncoder | undefined

export function byteLength(text: string): number {
  encoder ??= new TextEncoder()
  return encoder.encode(text).byteLength
}

/**
 * The browser's keepalive budget is 64 KiB for all in-flight keepalive requests of the page; leave room for
 * the headers and for another library's beacon.
 */
export const UNLOAD_BUDGET_BYTES = 60 * 1024

/**
 * The longest prefix of `batch` whose encoded body fits `budget` bytes (none if even one item does not fit).
 * Later items stay queued: the next page load sends them.
 */
export function fitToBudget<T>(
  batch: readonly T[],
  encode: (items: readonly T[]) => string,
  budget: number,
): { items: T[]; body: string } | undefined {
  let count = batch.length
  while (count > 0) {
    const items = batch.slice(0, count)
    const body = encode(items)
    const size = byteLength(body)
    if (size <= budget) return { items, body }
    // Shrink in proportion to the overshoot, at least by one, so a huge batch needs few re-encodes.
    count = Math.min(count - 1, Math.floor((count * budget) / size))
  }
  return undefined
}
