// The admin JSON API: responses (cursor paging), stats and trends from the aggregates, client drop
// counts, and erasure of one user's data. Every route needs the admin token or a dashboard session.
import type { Hono } from 'hono'
import { type CollectorContext, requireAdmin } from '../context'
import { readStats, readTrend, type StatsFilter } from '../stats'
import { cursorParam, encodeCursor, intParam, QueryError, queryParam } from './query'

export function registerAdminApi(app: Hono, ctx: CollectorContext): void {
  const admin = requireAdmin(ctx)
  for (const path of ['/v1/responses', '/v1/stats', '/v1/trend', '/v1/dropped', '/v1/erase']) app.use(path, admin)

  const statsFilter = (c: Parameters<typeof queryParam>[0]): StatsFilter => ({
    surveyId: queryParam(c, 'surveyId', 'id'),
    touchpoint: queryParam(c, 'touchpoint', 'text'),
    from: queryParam(c, 'from', 'day'),
    to: queryParam(c, 'to', 'day'),
  })

  app.get('/v1/responses', async (c) => {
    const page = await ctx.store.list({
      surveyId: queryParam(c, 'surveyId', 'id'),
      touchpoint: queryParam(c, 'touchpoint', 'text'),
      since: queryParam(c, 'since', 'iso'),
      until: queryParam(c, 'until', 'iso'),
      answeredOnly: c.req.query('answered') === 'true',
      cursor: cursorParam(c),
      limit: intParam(c, 'limit', 100, 1, 1000),
    })
    return c.json({
      responses: page.responses,
      ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}),
    })
  })

  app.get('/v1/stats', async (c) => c.json({ stats: await readStats(ctx.db, statsFilter(c)) }))

  app.get('/v1/trend', async (c) => {
    const surveyId = queryParam(c, 'surveyId', 'id')
    if (!surveyId) throw new QueryError('surveyId', 'required')
    const interval = c.req.query('interval') ?? 'day'
    if (interval !== 'day' && interval !== 'week') throw new QueryError('interval', 'expected day or week')
    return c.json({ trend: await readTrend(ctx.db, { ...statsFilter(c), surveyId }, interval) })
  })

  app.get('/v1/dropped', async (c) => c.json({ dropped: await ctx.store.dropped() }))

  // Erasure (right to be forgotten): every response of one user, by userId or anonymousId.
  app.post('/v1/erase', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return c.json({ error: 'invalid_body', message: 'Send JSON: {"userId": "…"} or {"anonymousId": "…"}.' }, 400)
    }
    const { userId, anonymousId } = (body ?? {}) as { userId?: unknown; anonymousId?: unknown }
    const valid = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= 500
    if (!(valid(userId) || valid(anonymousId)) || (userId !== undefined && !valid(userId)) || (anonymousId !== undefined && !valid(anonymousId))) {
      return c.json({ error: 'invalid_body', message: 'Send JSON: {"userId": "…"} or {"anonymousId": "…"} (1–500 characters).' }, 400)
    }
    let erased = 0
    if (valid(userId)) erased += await ctx.store.erase({ userId: userId as string })
    if (valid(anonymousId)) erased += await ctx.store.erase({ anonymousId: anonymousId as string })
    ctx.log('erased responses', { count: erased })
    return c.json({ erased })
  })
}
