// Admin authentication: `Authorization: Bearer <admin token>` for the JSON API, or a dashboard session:
// a random id in an HttpOnly cookie, stored in the database only as its SHA-256 (so any collector
// instance on the same database knows it, and a leaked database does not hold usable cookies).
// Tokens are compared in constant time (on their SHA-256 digests, so the length does not leak either).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { SqlQueryable } from './db/sql'

export const SESSION_COOKIE = 'touchloop_session'
export const SESSION_HOURS = 12

const digest = (value: string) => createHash('sha256').update(value).digest()

export function tokenMatches(candidate: string | undefined, adminToken: string): boolean {
  if (!candidate) return false
  return timingSafeEqual(digest(candidate), digest(adminToken))
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S{1,500})\s*$/i.exec(header ?? '')
  return match?.[1]
}

export interface RequestFacts {
  /** Behind a TLS-terminating proxy: trust X-Forwarded-For / X-Forwarded-Proto. */
  trustProxy: boolean
}

/** The client's address: the socket's, or with trustProxy the last hop the proxy appended. */
export function clientIp(c: Context, facts: RequestFacts): string {
  if (facts.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim()
    if (forwarded) return forwarded.slice(0, 64)
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'unknown'
}

export function isHttps(c: Context, facts: RequestFacts): boolean {
  if (facts.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true
  return new URL(c.req.url).protocol === 'https:'
}

export interface AdminAuth {
  isAdmin(c: Context): Promise<boolean>
  /** Starts a dashboard session: sets the cookie. */
  startSession(c: Context): Promise<void>
  endSession(c: Context): Promise<void>
}

export function createAdminAuth(db: SqlQueryable, adminToken: string, facts: RequestFacts): AdminAuth {
  const hashOf = (id: string) => digest(id).toString('hex')
  return {
    async isAdmin(c) {
      if (tokenMatches(bearerToken(c.req.header('authorization')), adminToken)) return true
      const id = getCookie(c, SESSION_COOKIE)
      if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return false
      const { rows } = await db.query<{ ok: number }>(
        'select 1 as ok from sessions where id_hash = $1 and expires_at > now()',
        [hashOf(id)],
      )
      return rows.length > 0
    },
    async startSession(c) {
      const id = randomBytes(32).toString('base64url')
      await db.query("delete from sessions where expires_at < now() - interval '1 day'")
      await db.query(`insert into sessions (id_hash, expires_at) values ($1, now() + make_interval(hours => $2::int))`, [
        hashOf(id),
        SESSION_HOURS,
      ])
      setCookie(c, SESSION_COOKIE, id, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: isHttps(c, facts),
        maxAge: SESSION_HOURS * 3600,
      })
    },
    async endSession(c) {
      const id = getCookie(c, SESSION_COOKIE)
      if (id) await db.query('delete from sessions where id_hash = $1', [hashOf(id)])
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, facts) })
    },
  }
}
