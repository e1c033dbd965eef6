// Admin authentication: `Authorization: Bearer <token>` for the JSON API, or the HttpOnly cookie the
// dashboard's sign-in form sets. Tokens are compared in constant time (on their SHA-256 digests, so
// the length does not leak either).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'

export const ADMIN_COOKIE = 'touchloop_admin'

const digest = (value: string) => createHash('sha256').update(value).digest()

export function tokenMatches(candidate: string | undefined, adminToken: string): boolean {
  if (!candidate) return false
  return timingSafeEqual(digest(candidate), digest(adminToken))
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '')
  return match?.[1]?.trim()
}

export function isAdmin(c: Context, adminToken: string): boolean {
  return (
    tokenMatches(bearerToken(c.req.header('authorization')), adminToken) ||
    tokenMatches(getCookie(c, ADMIN_COOKIE), adminToken)
  )
}
