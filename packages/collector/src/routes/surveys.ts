// Surveys served by the collector and the admin API that publishes them.
// Public:  GET /v1/surveys: the published set for the SDK's remoteConfig, with an ETag (If-None-Match → 304).
// Admin:   GET /v1/admin/surveys (list with responses and NPS), PUT /v1/surveys/:id (validate and
//          publish a new version), GET /v1/surveys/:id, GET /v1/surveys/:id/versions,
//          GET /v1/surveys/:id/export[?version=n], POST /v1/surveys/:id/pause|resume, DELETE /v1/surveys/:id (archive).
import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { bearerToken, clientIp, SESSION_COOKIE } from '../auth'
import { type CollectorContext, errorCode, requireAdmin, tooManyRequests } from '../context'
import { readStats } from '../stats'
import { checkSurveyDocument, exportDocument } from '../survey-document'
import type { SurveyRegistry } from '../survey-registry'
import {
  publishSurvey,
  readSurveyHistory,
  readSurveyState,
  readSurveyVersion,
  type SurveyAction,
  setSurveyStatus,
} from '../survey-repo'
import { intParam, QueryError } from './query'

/** The largest survey JSON accepted by PUT /v1/surveys/:id. */
export const MAX_SURVEY_BYTES = 256_000
const ID = /^[A-Za-z0-9_.:-]{1,100}$/
const ACTOR = /^[\p{L}\p{N} _.@'+-]{1,100}$/u
export const ACTOR_HEADER = 'X-Touchloop-Actor'

const storageUnavailable = (c: Context) => {
  c.header('Retry-After', '5')
  return c.json(
    { error: 'storage_unavailable', message: 'The collector could not read its surveys; retry later.' },
    503,
  )
}

/** Whether an If-None-Match header names this ETag (weak comparison, as for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = etag.replace(/^W\//, '')
  return header
    .slice(0, 2000)
    .split(',')
    .some((candidate) => {
      const tag = candidate.trim()
      return tag === '*' || tag.replace(/^W\//, '') === bare
    })
}

export function registerSurveys(app: Hono, ctx: CollectorContext, registry: SurveyRegistry): void {
  const admin = requireAdmin(ctx)

  // Ingest checks answers against the live catalog: load it first (at most every few seconds on
  // PostgreSQL, where another collector may have published a survey).
  app.use('/v1/responses', async (c, next) => {
    if (c.req.method !== 'POST') return next()
    try {
      await registry.refresh()
    } catch (error) {
      ctx.log('loading the surveys failed', { code: errorCode(error) })
      return storageUnavailable(c)
    }
    return next()
  })

  app.get('/v1/surveys', async (c) => {
    const limited = ctx.limits.perIp.take(clientIp(c, ctx.facts))
    if (!limited.ok) {
      return tooManyRequests(c, limited.retryAfterSeconds, 'Too many requests from this address; retry later.')
    }
    try {
      await registry.refresh()
    } catch (error) {
      ctx.log('loading the surveys failed', { code: errorCode(error) })
      return storageUnavailable(c)
    }
    const { body, etag } = registry.served()
    c.header('ETag', etag)
    // Browsers and proxies may keep a copy but must revalidate it (cheap: a 304) before each use.
    c.header('Cache-Control', 'no-cache')
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304)
    c.header('Content-Type', 'application/json; charset=utf-8')
    return c.body(body)
  })

  /** A storage failure answers 503 with Retry-After (the client may retry), not 500. */
  const guarded = (handler: (c: Context) => Promise<Response>) => async (c: Context) => {
    try {
      return await handler(c)
    } catch (error) {
      if (error instanceof QueryError) throw error
      ctx.log(`${c.req.method} ${c.req.routePath} failed`, { code: errorCode(error) })
      return storageUnavailable(c)
    }
  }

  /** The survey id of the path, else 400. */
  const withId = (handler: (c: Context, id: string) => Promise<Response>) =>
    guarded(async (c) => {
      const id = c.req.param('id') ?? ''
      if (!ID.test(id)) {
        return c.json({ error: 'invalid_survey_id', message: 'A survey id is 1–100 letters, digits, _ . : or -.' }, 400)
      }
      return handler(c, id)
    })

  // A dashboard session is a cookie: a change made with it must come from the collector's own pages
  // (SameSite=Strict keeps other sites out, not sibling subdomains). Bearer tokens are not sent by browsers
  // on their own, so API clients are not asked for an Origin.
  const sameOriginForSessions = async (c: Context, next: () => Promise<void>) => {
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD'
    if (safe || bearerToken(c.req.header('authorization')) || !getCookie(c, SESSION_COOKIE)) return next()
    const origin = c.req.header('origin')
    let host: string | undefined
    try {
      host = origin ? new URL(origin).host : undefined
    } catch {}
    if (!host || host !== new URL(c.req.url).host) {
      return c.json(
        { error: 'cross_origin', message: 'Changes with a dashboard session must come from the dashboard.' },
        403,
      )
    }
    return next()
  }
  app.use('/v1/surveys/*', sameOriginForSessions)

  /** Who is acting: the X-Touchloop-Actor header (a name, up to 100 characters), else "admin". */
  const actorOf = (c: Context): string | undefined => {
    const given = c.req.header(ACTOR_HEADER)?.trim()
    if (given === undefined || given === '') return 'admin'
    return ACTOR.test(given) ? given : undefined
  }
  const invalidActor = (c: Context) =>
    c.json(
      { error: 'invalid_actor', message: `${ACTOR_HEADER}: a name of 1–100 letters, digits, spaces or _ . @ ' + -.` },
      400,
    )

  const notFound = (c: Context, id: string) => c.json({ error: 'survey_not_found', message: `No survey "${id}".` }, 404)

  /** After a write: this instance serves it at once; the aggregates follow a change of score types. */
  async function afterWrite(): Promise<void> {
    const before = registry.fingerprint()
    await registry.refresh({ force: true })
    if (registry.fingerprint() !== before) await ctx.store.rebuildAggregates()
  }

  app.get(
    '/v1/admin/surveys',
    admin,
    guarded(async (c) => {
      await registry.refresh()
      const stats = await readStats(ctx.db)
      const totals = new Map(stats.filter((group) => group.touchpoint === '*').map((group) => [group.surveyId, group]))
      const surveys = registry.known().map(({ id, survey, source, state, served }) => {
        const group = totals.get(id)
        const nps = group?.questions.find((question) => question.type === 'nps')
        return {
          id,
          name: survey.name ?? null,
          // A survey published with "status": "draft" is served but shown only in preview: the studio's draft.
          status:
            survey.status === 'draft' && (state?.status ?? 'published') === 'published'
              ? 'draft'
              : (state?.status ?? 'published'),
          served,
          source,
          version: state?.version ?? survey.version ?? null,
          touchpoints: survey.touchpoints.map(
            (touchpoint) => touchpoint.name ?? (touchpoint.type === 'event' ? touchpoint.event : touchpoint.type),
          ),
          responses: group?.responses ?? 0,
          completed: group?.completed ?? 0,
          nps: nps ? { score: nps.score, count: nps.count } : null,
          updatedAt: state?.updatedAt ?? null,
          updatedBy: state?.updatedBy ?? null,
        }
      })
      return c.json({ surveys })
    }),
  )

  app.put(
    '/v1/surveys/:id',
    admin,
    bodyLimit({
      maxSize: MAX_SURVEY_BYTES,
      onError: (c) =>
        c.json({ error: 'body_too_large', message: `A survey is at most ${MAX_SURVEY_BYTES / 1000} kB of JSON.` }, 413),
    }),
    withId(async (c, id) => {
      const actor = actorOf(c)
      if (!actor) return invalidActor(c)
      let body: unknown
      try {
        body = JSON.parse(await c.req.text())
      } catch (error) {
        return c.json(
          { error: 'invalid_json', issues: [{ path: '(root)', message: `not JSON: ${(error as Error).message}` }] },
          400,
        )
      }
      const checked = checkSurveyDocument(body, id)
      if (!checked.ok) return c.json({ error: 'invalid_survey', issues: checked.issues }, 400)
      const published = await publishSurvey(ctx.db, {
        id,
        definition: checked.definition,
        actor,
        floorVersion: registry.fileVersion(id),
      })
      await afterWrite()
      const { state } = published
      return c.json(
        {
          id,
          outcome: published.outcome,
          version: state.version,
          status: state.status,
          changes: published.changes,
          survey: published.survey,
        },
        published.outcome === 'created' ? 201 : 200,
      )
    }),
  )

  app.get(
    '/v1/surveys/:id',
    admin,
    withId(async (c, id) => {
      const state = await readSurveyState(ctx.db, id)
      if (state) {
        const survey = await readSurveyVersion(ctx.db, id)
        return c.json({ ...state, source: registry.inFiles(id) ? 'files+api' : 'api', survey })
      }
      const file = registry.inFiles(id) ? registry.get(id) : undefined
      if (!file) return notFound(c, id)
      return c.json({ id, status: 'published', version: file.version ?? null, source: 'files', survey: file })
    }),
  )

  app.get(
    '/v1/surveys/:id/versions',
    admin,
    withId(async (c, id) => {
      const state = await readSurveyState(ctx.db, id)
      if (!state) {
        const file = registry.inFiles(id) ? registry.get(id) : undefined
        if (!file) return notFound(c, id)
        return c.json({
          id,
          source: 'files',
          status: 'published',
          version: file.version ?? null,
          versions: [],
          history: [],
        })
      }
      const { versions, history } = await readSurveyHistory(ctx.db, id)
      return c.json({ ...state, source: registry.inFiles(id) ? 'files+api' : 'api', versions, history })
    }),
  )

  app.get(
    '/v1/surveys/:id/export',
    admin,
    withId(async (c, id) => {
      const version =
        c.req.query('version') === undefined ? undefined : intParam(c, 'version', 0, 0, Number.MAX_SAFE_INTEGER)
      const stored = await readSurveyVersion(ctx.db, id, version)
      const file = registry.inFiles(id) ? registry.get(id) : undefined
      const survey = stored ?? (file && (version === undefined || (file.version ?? 0) === version) ? file : undefined)
      if (!survey) return notFound(c, id)
      c.header('Content-Disposition', `attachment; filename="${id}.json"`)
      c.header('Content-Type', 'application/json; charset=utf-8')
      return c.body(exportDocument(survey))
    }),
  )

  const statusRoute = (action: Exclude<SurveyAction, 'publish'>) =>
    withId(async (c, id) => {
      const actor = actorOf(c)
      if (!actor) return invalidActor(c)
      const result = await setSurveyStatus(ctx.db, { id, action, actor })
      if (result.outcome === 'not_found') {
        if (registry.inFiles(id)) {
          return c.json(
            {
              error: 'defined_in_files',
              message: `Survey "${id}" comes from the --surveys folder: change or remove its file, or publish it with PUT /v1/surveys/${id} to manage it here.`,
            },
            409,
          )
        }
        return notFound(c, id)
      }
      if (result.outcome === 'archived') {
        return c.json(
          {
            error: 'survey_archived',
            message: `Survey "${id}" is archived; publish it again with PUT /v1/surveys/${id}.`,
          },
          409,
        )
      }
      if (result.outcome === 'changed') await afterWrite()
      return c.json({ id, outcome: result.outcome, status: result.state.status, version: result.state.version })
    })

  app.post('/v1/surveys/:id/pause', admin, statusRoute('pause'))
  app.post('/v1/surveys/:id/resume', admin, statusRoute('resume'))
  app.delete('/v1/surveys/:id', admin, statusRoute('archive'))
}
