// Admin guard of the dashboard's JSON routes. The session cookie is SameSite=Strict already; on top,
// a state-changing request authenticated by the cookie must carry the `X-Touchloop-Dashboard` header
// (a custom header: a cross-site page cannot send it without a CORS preflight, which is refused) and,
// when the browser sends Origin, come from this collector's own origin. Bearer-token clients are not
// exposed to CSRF and skip both checks.
import type { Context, Next } from 'hono'
import { bearerToken } from '../auth'
import { type CollectorContext, unauthorized } from '../context'

export const DASHBOARD_HEADER = 'X-Touchloop-Dashboard'
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}

export function dashboardAdmin(ctx: CollectorContext) {
  return async (c: Context, next: Next) => {
    if (!(await ctx.auth.isAdmin(c))) return unauthorized(c)
    if (!SAFE.has(c.req.method) && !bearerToken(c.req.header('authorization'))) {
      const origin = c.req.header('origin')
      // Behind a trusted proxy that rewrites Host, the browser's host is in X-Forwarded-Host.
      const hosts = [
        c.req.header('host'),
        ctx.facts.trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined,
      ]
      const originHost = origin ? hostOf(origin) : undefined
      if (c.req.header(DASHBOARD_HEADER) !== '1' || (origin && !(originHost && hosts.includes(originHost)))) {
        return c.json(
          { error: 'forbidden', message: `Send the ${DASHBOARD_HEADER}: 1 header from the dashboard's own origin.` },
          403,
        )
      }
    }
    return next()
  }
}

/** A JSON object body of at most `maxBytes`, or undefined. */
export async function jsonObject(c: Context, maxBytes = 16_000): Promise<Record<string, unknown> | undefined> {
  const text = await c.req.text().catch(() => '')
  if (text.length > maxBytes) return undefined
  try {
    const body = JSON.parse(text) as unknown
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
