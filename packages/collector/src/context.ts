// What every route of the collector app shares.
import type { Context, Next } from 'hono'
import type { AdminAuth, RequestFacts } from './auth'
import type { SqlDb } from './db/sql'
import type { RateLimiter } from './rate-limit'
import type { ResponseStore } from './store'
import type { SurveyCatalog } from './survey-check'
import type { WriteAccessConfig } from './write-keys'

export interface CollectorContext {
  store: ResponseStore
  db: SqlDb
  catalog: SurveyCatalog
  auth: AdminAuth
  facts: RequestFacts
  access: WriteAccessConfig
  limits: { perKey: RateLimiter; perIp: RateLimiter; login: RateLimiter }
  maxBodyBytes: number
  /** Where failures are reported: a message, an error code and counts, never request bodies or answers. */
  log: (message: string, details?: Record<string, string | number>) => void
}

export function unauthorized(c: Context) {
  c.header('WWW-Authenticate', 'Bearer realm="touchloop"')
  return c.json({ error: 'unauthorized', message: 'Send Authorization: Bearer <admin token>.' }, 401)
}

/** Admin only, for every method (Hono answers HEAD with the GET handler: HEAD must be checked too). */
export function requireAdmin(ctx: CollectorContext) {
  return async (c: Context, next: Next) => ((await ctx.auth.isAdmin(c)) ? next() : unauthorized(c))
}

export function tooManyRequests(c: Context, retryAfterSeconds: number, message: string) {
  c.header('Retry-After', String(retryAfterSeconds))
  return c.json({ error: 'rate_limited', message }, 429)
}

/** Names what failed without the data: a Postgres error code or the error's name. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code.length < 40) return code
  return error instanceof Error ? error.name : typeof error
}
