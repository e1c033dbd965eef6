// The collector's HTTP API as a Hono app (runtime-agnostic; startCollector() serves it on Node).
import type { ResponseRecord, Survey } from '@touchloop/core'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, setCookie } from 'hono/cookie'
import { cors } from 'hono/cors'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { ADMIN_COOKIE, isAdmin, tokenMatches } from './auth'
import { DASHBOARD_CSP, renderDashboard, renderLogin } from './dashboard'
import { computeStats } from './stats'
import type { ResponseStore } from './store'
import { describeIssues, type ItemResult, itemKey, parseBatch, responseRecordSchema, type WireIssue } from './wire'

export interface CollectorAppOptions {
  store: ResponseStore
  /** Required for GET /v1/responses, GET /v1/stats and the dashboard. */
  adminToken: string
  /** Origins allowed to POST answers from a browser (e.g. 'http://localhost:5173'); '*' allows any. */
  corsOrigins?: string[]
  /** Survey definitions, so the stats know which questions are NPS, CSAT or CES. */
  surveys?: Survey[]
  /** Largest request body accepted, in bytes (default 1 MB); larger answers 413 so clients split. */
  maxBodyBytes?: number
  /** Where unexpected errors are reported (default console.error). */
  logError?: (message: string, error: unknown) => void
}

export const DEFAULT_MAX_BODY_BYTES = 1_000_000

function invalidBody(c: Context, issues: WireIssue[]) {
  return c.json({ error: 'invalid_body', issues }, 400)
}

export function createCollectorApp(options: CollectorAppOptions): Hono {
  const { store, adminToken, corsOrigins = [], surveys = [] } = options
  if (!adminToken) throw new TypeError('createCollectorApp: adminToken is required (the demo uses "demo").')
  const logError = options.logError ?? ((message, error) => console.error(`touchloop collector: ${message}`, error))
  const app = new Hono()

  app.use('*', async (c, next) => {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
  })
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (corsOrigins.includes('*') || corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  )

  app.get('/healthz', (c) => c.json({ ok: true }))

  app.post(
    '/v1/responses',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'body_too_large', message: 'Send fewer records per request.' }, 413),
    }),
    async (c) => {
      // text/plain is accepted too: it is what CORS-simple requests and sendBeacon send.
      const text = await c.req.text()
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch (error) {
        return invalidBody(c, [
          { code: 'invalid_json', path: [], message: `Body is not JSON: ${(error as Error).message}` },
        ])
      }
      const parsed = parseBatch(body)
      if (!parsed.ok) return invalidBody(c, parsed.issues)

      const results: Record<string, ItemResult> = {}
      const valid: ResponseRecord[] = []
      for (const raw of parsed.records) {
        const record = responseRecordSchema.safeParse(raw)
        if (record.success) valid.push(record.data as ResponseRecord)
        else results[itemKey(raw)] = { status: 422, reason: describeIssues(record.error.issues) }
      }
      try {
        const outcomes = await store.upsert(valid)
        valid.forEach((record, index) => {
          const outcome = outcomes[index]
          results[itemKey(record)] =
            outcome === 'conflict'
              ? { status: 409, reason: `Response id ${record.id} already belongs to another survey.` }
              : outcome === 'stored'
                ? { status: 200 }
                : { status: 200, reason: outcome }
        })
        if (parsed.dropped) await store.addDropped(parsed.dropped)
      } catch (error) {
        logError('storing a batch failed', error)
        c.header('Retry-After', '5')
        return c.json(
          { error: 'storage_unavailable', message: 'The collector could not store the batch; retry later.' },
          503,
        )
      }
      return c.json({ results })
    },
  )

  app.use('/v1/responses', async (c, next) => {
    if (c.req.method !== 'GET') return next()
    if (!isAdmin(c, adminToken)) return unauthorized(c)
    return next()
  })
  app.use('/v1/stats', async (c, next) => (isAdmin(c, adminToken) ? next() : unauthorized(c)))

  app.get('/v1/responses', async (c) => {
    const limit = Number(c.req.query('limit') ?? 100)
    const responses = await store.list({
      surveyId: c.req.query('surveyId'),
      touchpoint: c.req.query('touchpoint'),
      limit: Number.isFinite(limit) ? limit : 100,
    })
    return c.json({ responses })
  })

  app.get('/v1/stats', async (c) => {
    const surveyId = c.req.query('surveyId')
    const records = (await store.all()).filter((r) => !surveyId || r.surveyId === surveyId)
    return c.json({ stats: computeStats(records, surveys) })
  })

  // Dashboard: server-rendered, no script; sign-in sets an HttpOnly cookie.
  app.use('/login', csrf())
  app.use('/logout', csrf())
  app.get('/', async (c) => {
    c.header('Content-Security-Policy', DASHBOARD_CSP)
    c.header('Cache-Control', 'no-store')
    if (!isAdmin(c, adminToken)) return c.html(renderLogin(), 401)
    const [all, responses, dropped] = await Promise.all([store.all(), store.list({ limit: 50 }), store.dropped()])
    return c.html(renderDashboard({ stats: computeStats(all, surveys), responses, dropped }))
  })
  app.post('/login', async (c) => {
    const form = await c.req.parseBody()
    const token = typeof form.token === 'string' ? form.token : undefined
    c.header('Content-Security-Policy', DASHBOARD_CSP)
    if (!tokenMatches(token, adminToken)) return c.html(renderLogin('That token is not the admin token.'), 401)
    setCookie(c, ADMIN_COOKIE, token!, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
    })
    return c.redirect('/', 303)
  })
  app.post('/logout', (c) => {
    deleteCookie(c, ADMIN_COOKIE, { path: '/' })
    return c.redirect('/', 303)
  })

  app.notFound((c) => c.json({ error: 'not_found' }, 404))
  app.onError((error, c) => {
    // Middleware refusals (csrf: 403) are answers, not failures.
    if (error instanceof HTTPException) return error.getResponse()
    logError(`${c.req.method} ${new URL(c.req.url).pathname} failed`, error)
    return c.json({ error: 'internal_error', message: 'Unexpected collector error; see the collector log.' }, 500)
  })
  return app
}

function unauthorized(c: Context) {
  c.header('WWW-Authenticate', 'Bearer realm="touchloop"')
  return c.json({ error: 'unauthorized', message: 'Send Authorization: Bearer <admin token>.' }, 401)
}
