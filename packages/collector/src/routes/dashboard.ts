// The dashboard at `/` and its sign-in. Sign-in attempts are rate limited per client address; a
// successful one starts a session (./auth), never a cookie holding the admin token.
import type { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { clientIp, tokenMatches } from '../auth'
import type { CollectorContext } from '../context'
import { DASHBOARD_CSP, renderDashboard, renderLogin } from '../dashboard'
import { readStats } from '../stats'

export function registerDashboard(app: Hono, ctx: CollectorContext, adminToken: string): void {
  app.use('/login', csrf())
  app.use('/logout', csrf())
  app.get('/', async (c) => {
    c.header('Content-Security-Policy', DASHBOARD_CSP)
    c.header('Cache-Control', 'no-store')
    if (!(await ctx.auth.isAdmin(c))) return c.html(renderLogin(), 401)
    const [stats, page, dropped] = await Promise.all([
      readStats(ctx.db),
      ctx.store.list({ limit: 50, answeredOnly: true }),
      ctx.store.dropped(),
    ])
    return c.html(renderDashboard({ stats, responses: page.responses, dropped }))
  })
  app.post('/login', async (c) => {
    c.header('Content-Security-Policy', DASHBOARD_CSP)
    c.header('Cache-Control', 'no-store')
    const limited = ctx.limits.login.take(clientIp(c, ctx.facts))
    if (!limited.ok) {
      c.header('Retry-After', String(limited.retryAfterSeconds))
      return c.html(renderLogin(`Too many sign-in attempts; try again in ${limited.retryAfterSeconds} s.`), 429)
    }
    let token: string | undefined
    try {
      const form = await c.req.parseBody()
      token = typeof form.token === 'string' ? form.token : undefined
    } catch {
      return c.html(renderLogin('The sign-in form was not sent completely; try again.'), 400)
    }
    if (!tokenMatches(token, adminToken)) return c.html(renderLogin('That token is not the admin token.'), 401)
    await ctx.auth.startSession(c)
    return c.redirect('/', 303)
  })
  app.post('/logout', async (c) => {
    await ctx.auth.endSession(c)
    return c.redirect('/', 303)
  })
}
