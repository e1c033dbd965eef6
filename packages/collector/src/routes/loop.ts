// The dashboard's JSON API for listening, monitoring and acting: survey labels, the overview (stats and
// trends from the aggregates), response search and detail, the follow-up inbox and its changes, and
// streamed CSV/JSON exports of any filtered view. Admin only (token or session; see ./guard).
import { isStorableText } from '@touchloop/core/schema'
import type { Context, Hono } from 'hono'
import { stream } from 'hono/streaming'
import type { CollectorContext } from '../context'
import { type ExportFormat, exportRows } from '../export'
import {
  changeFollowUp,
  FOLLOW_UP_STATUSES,
  type FollowUpChange,
  type FollowUpStatus,
  followUpHistory,
  inbox,
  inboxCounts,
  readResponse,
  type SearchFilter,
  searchResponses,
} from '../follow-up'
import type { NpsCategory } from '../labels'
import { surveyLabels } from '../labels'
import { readStats, readTrend } from '../stats'
import { dashboardAdmin, jsonObject } from './guard'
import { cursorParam, encodeCursor, intParam, QueryError, queryParam } from './query'

const CATEGORIES = ['detractor', 'passive', 'promoter'] as const
const ID = /^[A-Za-z0-9_.:-]{1,100}$/

function oneOf<T extends string>(c: Context, name: string, allowed: readonly T[]): T | undefined {
  const value = c.req.query(name)
  if (value === undefined || value === '') return undefined
  if (!(allowed as readonly string[]).includes(value))
    throw new QueryError(name, `expected one of ${allowed.join(', ')}`)
  return value as T
}

/**
 * queryParam's 'day' / 'iso', then what PostgreSQL agrees with: JS Date.parse takes "2026-02-31", year 0
 * and "-1", the database refuses them (a 500). A real calendar day, an instant in years 1000–9999, passed
 * on in canonical form. (The admin API's since/until/from/to have the same gap: see the report to the lead.)
 */
export function searchFilterOf(c: Context): SearchFilter {
  return {
    surveyId: queryParam(c, 'surveyId', 'id'),
    touchpoint: queryParam(c, 'touchpoint', 'text'),
    since: queryParam(c, 'since', 'iso'),
    until: queryParam(c, 'until', 'iso'),
    category: oneOf(c, 'category', CATEGORIES),
    text: queryParam(c, 'q', 'text'),
    status: oneOf(c, 'status', FOLLOW_UP_STATUSES),
    answeredOnly: c.req.query('answered') !== 'false',
    cursor: cursorParam(c),
  }
}

const withCursor = <T extends { nextCursor?: { receivedAt: string; id: string } }>(page: T) => ({
  ...page,
  nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : undefined,
})

export function registerLoopApi(app: Hono, ctx: CollectorContext): void {
  const admin = dashboardAdmin(ctx)
  for (const path of ['/v1/dashboard/*', '/v1/follow-ups', '/v1/export', '/v1/responses/:id/*', '/v1/responses/:id']) {
    app.use(path, admin)
  }

  app.get('/v1/dashboard/surveys', (c) => c.json({ surveys: ctx.catalog.list().map(surveyLabels) }))

  app.get('/v1/dashboard/overview', async (c) => {
    const filter = {
      surveyId: queryParam(c, 'surveyId', 'id'),
      touchpoint: queryParam(c, 'touchpoint', 'text'),
      from: queryParam(c, 'from', 'day'),
      to: queryParam(c, 'to', 'day'),
    }
    const interval = oneOf(c, 'interval', ['day', 'week'] as const) ?? 'day'
    // Touchpoints of every survey (unfiltered), for the filter's choices.
    const [stats, all] = await Promise.all([
      readStats(ctx.db, filter),
      readStats(ctx.db, { from: filter.from, to: filter.to }),
    ])
    const surveyIds = [...new Set(stats.map((group) => group.surveyId))]
    const trends = Object.fromEntries(
      await Promise.all(
        surveyIds.map(async (surveyId) => [surveyId, await readTrend(ctx.db, { ...filter, surveyId }, interval)]),
      ),
    )
    const touchpoints = [...new Set(all.map((group) => group.touchpoint).filter((name) => name !== '*'))].sort()
    return c.json({ stats, trends, touchpoints, interval })
  })

  app.get('/v1/dashboard/responses', async (c) => {
    const page = await searchResponses(ctx.db, { ...searchFilterOf(c), limit: intParam(c, 'limit', 25, 1, 200) })
    return c.json(withCursor(page))
  })

  app.get('/v1/responses/:id', async (c) => {
    const id = c.req.param('id').toLowerCase()
    if (!ID.test(id)) throw new QueryError('id', 'expected a response id')
    const response = await readResponse(ctx.db, id)
    if (!response) return c.json({ error: 'not_found', message: `No response ${id}.` }, 404)
    return c.json({ response, history: await followUpHistory(ctx.db, id) })
  })

  app.get('/v1/follow-ups', async (c) => {
    const categories: NpsCategory[] = c.req.query('passives') === 'true' ? ['detractor', 'passive'] : ['detractor']
    const surveyId = queryParam(c, 'surveyId', 'id')
    const [page, counts] = await Promise.all([
      inbox(ctx.db, {
        categories,
        status: oneOf(c, 'status', FOLLOW_UP_STATUSES),
        surveyId,
        cursor: cursorParam(c),
        limit: intParam(c, 'limit', 25, 1, 200),
      }),
      inboxCounts(ctx.db, categories, surveyId),
    ])
    return c.json({ ...withCursor(page), counts })
  })

  app.patch('/v1/responses/:id/follow-up', async (c) => {
    const id = c.req.param('id').toLowerCase()
    const body = await jsonObject(c)
    const invalid = (message: string) => c.json({ error: 'invalid_body', message }, 400)
    if (!ID.test(id)) return c.json({ error: 'not_found', message: 'No such response.' }, 404)
    if (!body) return invalid('Send a JSON object: {"status": "contacted", "assignee": "…", "note": "…"}.')
    const change: FollowUpChange = {}
    for (const key of Object.keys(body)) {
      if (!['status', 'assignee', 'note'].includes(key))
        return invalid(`Unknown field "${key.slice(0, 50)}": send status, assignee or note.`)
    }
    if (body.status !== undefined) {
      if (!FOLLOW_UP_STATUSES.includes(body.status as FollowUpStatus))
        return invalid(`status: expected one of ${FOLLOW_UP_STATUSES.join(', ')}.`)
      change.status = body.status as FollowUpStatus
    }
    for (const [field, max] of [
      ['assignee', 100],
      ['note', 5000],
    ] as const) {
      const value = body[field]
      if (value === undefined) continue
      if (value !== null && (typeof value !== 'string' || value.length > max || !isStorableText(value))) {
        return invalid(`${field}: expected text of at most ${max} characters, or null.`)
      }
      change[field] = typeof value === 'string' && value.trim() === '' ? null : (value as string | null)
    }
    if (Object.keys(change).length === 0) return invalid('Nothing to change: send status, assignee or note.')
    const result = await changeFollowUp(ctx.db, id, change)
    if (!result.ok) {
      return result.error === 'not_found'
        ? c.json({ error: 'not_found', message: `No response ${id}.` }, 404)
        : c.json({ error: 'no_follow_up', message: 'Only responses with an NPS answer have a follow-up.' }, 409)
    }
    return c.json({ followUp: result.followUp, history: await followUpHistory(ctx.db, id) })
  })

  app.get('/v1/export', (c) => {
    const format = (oneOf(c, 'format', ['csv', 'json'] as const) ?? 'csv') as ExportFormat
    const filter = searchFilterOf(c)
    const day = new Date().toISOString().slice(0, 10)
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="touchloop-responses-${day}.${format}"`)
    c.header('Cache-Control', 'no-store')
    return stream(c, async (out) => {
      try {
        for await (const chunk of exportRows(ctx.db, ctx.catalog, filter, format)) await out.write(chunk)
      } catch (error) {
        // Headers are sent: the best we can do is cut the stream, so the download is visibly incomplete.
        ctx.log('an export failed midway', { code: (error as Error).name })
        out.abort()
      }
    })
  })
}
