// Token buckets per client (write key, IP address, login attempts), in this process's memory: with
// several collector instances each enforces its own limits (docs/collector.md says so). The map is
// bounded, so a flood of distinct keys costs memory once, not forever.

export interface RateLimit {
  /** Tokens added per second (0 turns the limit off). */
  perSecond: number
  /** Bucket size: the burst allowed at once. */
  burst: number
}

export interface RateLimiter {
  /** Takes `cost` tokens for `key`; answers how many seconds to wait when there are not enough. */
  take(key: string, cost?: number): { ok: true } | { ok: false; retryAfterSeconds: number }
}

const MAX_TRACKED = 100_000

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(key, cost = 1) {
      if (limit.perSecond <= 0) return { ok: true }
      const time = now()
      let bucket = buckets.get(key)
      if (bucket) {
        bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.at) / 1000) * limit.perSecond)
        bucket.at = time
        buckets.delete(key) // re-inserted below: the map's order is least recently used first
      } else {
        if (buckets.size >= MAX_TRACKED) buckets.delete(buckets.keys().next().value!)
        bucket = { tokens: limit.burst, at: time }
      }
      buckets.set(key, bucket)
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost
        return { ok: true }
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / limit.perSecond)) }
    },
  }
}
