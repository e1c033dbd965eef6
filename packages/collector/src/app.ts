// The collector's HTTP API as a Hono app (runtime-agnostic; startCollector() serves it on Node).
import type { Survey } from '@touchloop/core'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { createAdminAuth } from './auth'
import { type CollectorContext, errorCode } from './context'
import { createRateLimiter, type RateLimit } from './rate-limit'
import { registerAdminApi } from './routes/admin'
import { registerDashboard } from './routes/dashboard'
import { registerIngest } from './routes/ingest'
import { registerLoopApi } from './routes/loop'
import { QueryError } from './routes/query'
import { registerSurveys } from './routes/surveys'
import { registerWebhookApi } from './routes/webhooks'
import type { ResponseStore } from './store'
import { createSurveyRegistry, type SurveyRegistry } from './survey-registry'
import type { WriteKey } from './write-keys'

export interface RateLimits {
  /** Writes per client IP address (default 20/s, burst 100). */
  perIp?: RateLimit
  /** Writes per write key (default 500/s, burst 2,000). */
  perKey?: RateLimit
  /** Sign-in attempts per client IP address (default 5 per minute, burst 5). */
  login?: RateLimit
}

export interface CollectorAppOptions {
  store: ResponseStore
  /** Required for the admin API and the dashboard. */
  adminToken: string
  /** Public write keys, one per site, each with the origins allowed to use it. */
  writeKeys?: WriteKey[]
  /** Secret keys for server-to-server writes (Authorization: Bearer). */
  secretKeys?: string[]
  /** Extra origins that get CORS headers (the write keys' origins always do). */
  corsOrigins?: string[]
  /** Survey definitions: answers are checked against them and the stats know NPS/CSAT/CES questions. */
  surveys?: Survey[]
  /** The live surveys (files + those published over the admin API); made from `surveys` when omitted.
   * startCollector() passes the one its store reads score types from. */
  surveyRegistry?: SurveyRegistry
  /** Largest request body accepted, in bytes (default 512 kB); larger answers 413 so clients split. */
  maxBodyBytes?: number
  /** Behind a TLS-terminating reverse proxy: trust X-Forwarded-For and X-Forwarded-Proto. */
  trustProxy?: boolean
  rateLimits?: RateLimits
  /** Where failures are reported (default console.error): a message and codes/counts, never answers. */
  log?: (message: string, details?: Record<string, string | number>) => void
}

export const DEFAULT_MAX_BODY_BYTES = 512_000
const DEFAULT_LIMITS: Required<RateLimits> = {
  perIp: { perSecond: 20, burst: 100 },
  perKey: { perSecond: 500, burst: 2000 },
  login: { perSecond: 5 / 60, burst: 5 },
}

export function createCollectorApp(options: CollectorAppOptions): Hono {
  const { store, adminToken } = options
  if (!adminToken) throw new TypeError('createCollectorApp: adminToken is required (the demo uses "demo").')
  const writeKeys = options.writeKeys ?? []
  const facts = { trustProxy: options.trustProxy === true }
  const limits = { ...DEFAULT_LIMITS, ...options.rateLimits }
  const log =
    options.log ??
    ((message: string, details?: Record<string, string | number>) =>
      console.error(`touchloop collector: ${message}${details ? ` ${JSON.stringify(details)}` : ''}`))
  const surveys = options.surveyRegistry ?? createSurveyRegistry(store.db, options.surveys ?? [], { log })
  const ctx: CollectorContext = {
    store,
    db: store.db,
    catalog: surveys,
    auth: createAdminAuth(store.db, adminToken, facts),
    facts,
    access: { writeKeys, secretKeys: options.secretKeys ?? [] },
    limits: {
      perIp: createRateLimiter(limits.perIp),
      perKey: createRateLimiter(limits.perKey),
      login: createRateLimiter(limits.login),
    },
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log,
  }
  const corsOrigins = new Set([...(options.corsOrigins ?? []), ...writeKeys.flatMap((key) => key.origins)])
  const app = new Hono()

  app.use('*', async (c, next) => {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
  })
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (corsOrigins.has('*') || corsOrigins.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
      // If-None-Match: the SDK's remoteConfig revalidates GET /v1/surveys; it reads the ETag.
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization', 'If-None-Match'],
      exposeHeaders: ['Retry-After', 'ETag'],
      maxAge: 600,
    }),
  )
  app.get('/healthz', (c) => c.json({ ok: true }))
  registerSurveys(app, ctx, surveys) // before ingest: it loads the catalog ingest checks answers against
  // Before the admin API: POST /v1/responses answers here, so the admin check on /v1/responses (GET, HEAD) never
  // runs for writes.
  registerIngest(app, ctx)
  registerAdminApi(app, ctx)
  registerLoopApi(app, ctx)
  registerWebhookApi(app, ctx)
  registerDashboard(app, ctx, adminToken)

  app.notFound((c) => c.json({ error: 'not_found' }, 404))
  app.onError((error, c) => {
    // Middleware refusals (csrf: 403) and bad query parameters are answers, not failures.
    if (error instanceof HTTPException) return error.getResponse()
    if (error instanceof QueryError) return c.json({ error: 'invalid_query', message: error.message }, 400)
    ctx.log(`${c.req.method} ${new URL(c.req.url).pathname} failed`, { code: errorCode(error) })
    return c.json({ error: 'internal_error', message: 'Unexpected collector error; see the collector log.' }, 500)
  })
  return app
}
