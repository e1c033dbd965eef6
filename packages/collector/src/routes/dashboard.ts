// The dashboard at `/` (the built app; its JSON comes from ./loop and ./webhooks) and its sign-in.
// Sign-in attempts are rate limited per client address; a successful one starts a session (../auth),
// never a cookie holding the admin token.
import type { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { clientIp, tokenMatches } from '../auth'
import type { CollectorContext } from '../context'
import { APP_CSP, LOGIN_CSP, loadDashboardBundle, renderLogin, renderNotBuilt } from '../dashboard'

export function registerDashboard(app: Hono, ctx: CollectorContext, adminToken: string): void {
  const bundle = loadDashboardBundle()
  app.use('/login', csrf())
  app.use('/logout', csrf())
  app.get('/', async (c) => {
    c.header('Cache-Control', 'no-store')
    if (!(await ctx.auth.isAdmin(c))) {
      c.header('Content-Security-Policy', LOGIN_CSP)
      return c.html(renderLogin(), 401)
    }
    c.header('Content-Security-Policy', APP_CSP)
    return c.html(bundle ? bundle.index : renderNotBuilt(), bundle ? 200 : 503)
  })
  // Hashed file names: immutable. Public (the app's code holds no data).
  app.get('/dashboard/assets/:name', (c) => {
    const asset = bundle?.assets.get(c.req.param('name'))
    if (!asset) return c.json({ error: 'not_found' }, 404)
    c.header('Content-Type', asset.type)
    c.header('Cache-Control', 'public, max-age=31536000, immutable')
    return c.body(asset.body as Uint8Array<ArrayBuffer>)
  })
  app.post('/login', async (c) => {
    c.header('Content-Security-Policy', LOGIN_CSP)
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
