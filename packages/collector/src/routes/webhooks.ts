// Webhooks (alert rules → URLs) and their delivery log. Webhooks from the collector's configuration
// (TOUCHLOOP_WEBHOOK_URL) are listed read-only; the dashboard's own can be added, changed and removed.
// A secret is shown once, when its webhook is created. Delivery bodies hold answers: the log lists
// what was sent where and how it went, not the bodies.
import { randomUUID } from 'node:crypto'
import type { Context, Hono } from 'hono'
import { ALERT_RULE_LABELS, ALERT_RULES } from '../alerts'
import type { CollectorContext } from '../context'
import { checkRules, checkWebhookUrl, newWebhookSecret, WebhookConfigError } from '../webhooks'
import { dashboardAdmin, jsonObject } from './guard'
import { intParam, QueryError } from './query'

const ID = /^[A-Za-z0-9_.:-]{1,100}$/
const STATUSES = ['pending', 'sending', 'delivered', 'failed']

interface WebhookRow {
  id: string
  url: string
  rules: string[]
  survey_id: string | null
  source: string
  enabled: boolean
  created_at: Date | string
}

const view = (row: WebhookRow) => ({
  id: row.id,
  url: row.url,
  rules: row.rules,
  surveyId: row.survey_id,
  source: row.source,
  enabled: row.enabled,
  createdAt: new Date(row.created_at).toISOString(),
})

export function registerWebhookApi(app: Hono, ctx: CollectorContext): void {
  const admin = dashboardAdmin(ctx)
  for (const path of ['/v1/webhooks', '/v1/webhooks/*', '/v1/alerts', '/v1/alerts/*']) app.use(path, admin)
  const invalid = (c: Context, message: string) => c.json({ error: 'invalid_body', message }, 400)

  app.get('/v1/webhooks', async (c) => {
    const { rows } = await ctx.db.query<WebhookRow>(
      'select id, url, rules, survey_id, source, enabled, created_at from webhooks order by created_at, id',
    )
    return c.json({ webhooks: rows.map(view), rules: ALERT_RULES.map((id) => ({ id, label: ALERT_RULE_LABELS[id] })) })
  })

  app.post('/v1/webhooks', async (c) => {
    const body = await jsonObject(c)
    if (!body) return invalid(c, 'Send JSON: {"url": "https://…", "rules": ["detractor"], "surveyId": "…"}.')
    try {
      const url = checkWebhookUrl(String(body.url ?? ''))
      const rules = checkRules(body.rules)
      const surveyId =
        body.surveyId === undefined || body.surveyId === null || body.surveyId === '' ? null : String(body.surveyId)
      if (surveyId !== null && !ID.test(surveyId)) throw new WebhookConfigError('surveyId: expected a survey id.')
      const secret = newWebhookSecret()
      const { rows } = await ctx.db.query<WebhookRow>(
        `insert into webhooks (id, url, secret, rules, survey_id) values ($1, $2, $3, $4, $5)
         returning id, url, rules, survey_id, source, enabled, created_at`,
        [`wh_${randomUUID()}`, url, secret, JSON.stringify(rules), surveyId],
      )
      return c.json({ webhook: view(rows[0]!), secret }, 201)
    } catch (error) {
      if (error instanceof WebhookConfigError) return invalid(c, error.message)
      throw error
    }
  })

  app.patch('/v1/webhooks/:id', async (c) => {
    const body = await jsonObject(c)
    if (!body) return invalid(c, 'Send JSON: {"enabled": false} or {"rules": ["detractor"]}.')
    try {
      const rules = body.rules === undefined ? null : JSON.stringify(checkRules(body.rules))
      if (body.enabled !== undefined && typeof body.enabled !== 'boolean')
        throw new WebhookConfigError('enabled: expected true or false.')
      const { rows } = await ctx.db.query<WebhookRow>(
        `update webhooks set rules = coalesce($2::jsonb, rules), enabled = coalesce($3, enabled)
         where id = $1 and source = 'dashboard' returning id, url, rules, survey_id, source, enabled, created_at`,
        [c.req.param('id'), rules, body.enabled ?? null],
      )
      if (!rows[0])
        return c.json(
          { error: 'not_found', message: 'No such webhook (configured ones change in the collector settings).' },
          404,
        )
      return c.json({ webhook: view(rows[0]) })
    } catch (error) {
      if (error instanceof WebhookConfigError) return invalid(c, error.message)
      throw error
    }
  })

  app.delete('/v1/webhooks/:id', async (c) => {
    const { rows } = await ctx.db.query("delete from webhooks where id = $1 and source = 'dashboard' returning id", [
      c.req.param('id'),
    ])
    if (!rows[0])
      return c.json(
        { error: 'not_found', message: 'No such webhook (configured ones change in the collector settings).' },
        404,
      )
    return c.body(null, 204)
  })

  app.get('/v1/alerts', async (c) => {
    const status = c.req.query('status') || null
    if (status !== null && !STATUSES.includes(status))
      throw new QueryError('status', `expected one of ${STATUSES.join(', ')}`)
    const limit = intParam(c, 'limit', 50, 1, 200)
    const { rows } = await ctx.db.query<{
      id: string
      webhook_id: string
      url: string
      response_id: string
      rule: string
      status: string
      attempts: number
      last_error: string | null
      last_status: number | null
      created_at: Date | string
      delivered_at: Date | string | null
      next_attempt_at: Date | string
    }>(
      `select d.id, d.webhook_id, w.url, d.response_id, d.rule, d.status, d.attempts, d.last_error, d.last_status,
         d.created_at, d.delivered_at, d.next_attempt_at
       from webhook_deliveries d join webhooks w on w.id = d.webhook_id
       where ($1::text is null or d.status = $1) order by d.created_at desc, d.id desc limit $2`,
      [status, limit],
    )
    const date = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())
    return c.json({
      deliveries: rows.map((row) => ({
        id: row.id,
        webhookId: row.webhook_id,
        url: row.url,
        responseId: row.response_id,
        rule: row.rule,
        status: row.status,
        attempts: row.attempts,
        lastError: row.last_error,
        lastStatus: row.last_status,
        createdAt: date(row.created_at),
        deliveredAt: date(row.delivered_at),
        nextAttemptAt: row.status === 'pending' ? date(row.next_attempt_at) : null,
      })),
    })
  })

  app.post('/v1/alerts/:id/retry', async (c) => {
    const { rows } = await ctx.db.query(
      `update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = now()
       where id = $1 and status = 'failed' returning id`,
      [c.req.param('id')],
    )
    if (!rows[0]) return c.json({ error: 'not_found', message: 'No failed delivery with that id.' }, 404)
    return c.json({ retried: true })
  })
}
