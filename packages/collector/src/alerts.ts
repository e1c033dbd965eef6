// Closing the loop where responses are stored: in the upsert's transaction, each newly stored revision
// (1) keeps its follow-up row (NPS category, score, comment) up to date for the inbox, and (2) writes a
// webhook delivery to the outbox for every alert rule it matches for the FIRST time (a rule that already
// held for the previous revision does not fire again). The outbox row commits with the response or not
// at all, so an alert survives a crash; ./webhooks.ts sends it.
import { randomUUID } from 'node:crypto'
import type { ResponseRecord, Survey } from '@touchloop/core'
import type { ScoreTypeOf } from './aggregates'
import { isScore } from './aggregates'
import type { SqlQueryable } from './db/sql'
import { answerText, type NpsCategory, npsCategory, surveyLabels } from './labels'

export const ALERT_RULES = ['detractor', 'detractor_comment', 'csat_low', 'response'] as const
export type AlertRule = (typeof ALERT_RULES)[number]

export const ALERT_RULE_LABELS: Record<AlertRule, string> = {
  detractor: 'A detractor (NPS 0–6)',
  detractor_comment: 'A detractor with a comment',
  csat_low: 'CSAT 1 or 2',
  response: 'Any response with an answer',
}

export interface AlertContext {
  scoreTypeOf: ScoreTypeOf
  /** Survey definitions (names, which questions are free text); undefined for an unknown survey. */
  surveyOf(surveyId: string): Survey | undefined
}

export interface ResponseFacts {
  nps?: { questionId: string; score: number; category: NpsCategory }
  comment?: string
  lowestCsat?: number
  answered: boolean
}

/** The first free-text answer: a `text` question of a known survey; for an unknown one, a string answer to a non-score question. */
function commentOf(record: ResponseRecord, context: AlertContext): string | undefined {
  const survey = context.surveyOf(record.surveyId)
  for (const [questionId, value] of Object.entries(record.answers)) {
    if (typeof value !== 'string' || value.trim() === '') continue
    const question = survey?.questions.find((q) => q.id === questionId)
    if (survey ? question?.type === 'text' : !context.scoreTypeOf(record.surveyId, questionId)) return value
  }
  return undefined
}

export function factsOf(record: ResponseRecord | undefined, context: AlertContext): ResponseFacts {
  if (!record) return { answered: false }
  const facts: ResponseFacts = { answered: Object.keys(record.answers).length > 0 }
  for (const [questionId, value] of Object.entries(record.answers)) {
    const kind = context.scoreTypeOf(record.surveyId, questionId)
    if (kind === 'nps' && isScore('nps', value) && !facts.nps)
      facts.nps = { questionId, score: value, category: npsCategory(value) }
    if (kind === 'csat' && isScore('csat', value)) facts.lowestCsat = Math.min(facts.lowestCsat ?? 5, value)
  }
  const comment = commentOf(record, context)
  if (comment !== undefined) facts.comment = comment
  return facts
}

export function rulesOf(facts: ResponseFacts): Set<AlertRule> {
  const rules = new Set<AlertRule>()
  if (facts.answered) rules.add('response')
  if (facts.nps?.category === 'detractor') {
    rules.add('detractor')
    if (facts.comment) rules.add('detractor_comment')
  }
  if (facts.lowestCsat !== undefined && facts.lowestCsat <= 2) rules.add('csat_low')
  return rules
}

const RULE_HEADLINES: Record<AlertRule, string> = {
  detractor: 'New detractor',
  detractor_comment: 'Detractor comment',
  csat_low: 'Low CSAT',
  response: 'New response',
}

/** The webhook body: the event, the response with labelled answers, and a Slack-compatible `text`. */
export function alertBody(
  deliveryId: string,
  rule: AlertRule,
  record: ResponseRecord,
  facts: ResponseFacts,
  context: AlertContext,
) {
  const survey = context.surveyOf(record.surveyId)
  const labels = survey ? surveyLabels(survey) : undefined
  const surveyName = labels?.name ?? record.surveyId
  const score = facts.nps ? `NPS ${facts.nps.score}` : facts.lowestCsat !== undefined ? `CSAT ${facts.lowestCsat}` : ''
  const comment = facts.comment
    ? `: “${facts.comment.length > 280 ? `${facts.comment.slice(0, 279)}…` : facts.comment}”`
    : ''
  const text = `${RULE_HEADLINES[rule]}${score ? ` (${score})` : ''} on ${surveyName} · ${record.touchpoint}${comment}`
  return {
    id: deliveryId,
    type: `response.${rule}`,
    createdAt: new Date().toISOString(),
    text,
    survey: { id: record.surveyId, name: surveyName, version: record.surveyVersion },
    response: {
      id: record.id,
      event: record.event,
      touchpoint: record.touchpoint,
      ...(facts.nps ? { nps: facts.nps.score, category: facts.nps.category } : {}),
      ...(facts.comment ? { comment: facts.comment } : {}),
      answers: Object.entries(record.answers).map(([questionId, value]) => {
        const question = labels?.questions.find((q) => q.id === questionId)
        return { questionId, question: question?.text ?? questionId, value, text: answerText(value, question) }
      }),
      ...(record.url ? { url: record.url } : {}),
      ...(record.locale ? { locale: record.locale } : {}),
      ...(record.userId ? { userId: record.userId } : {}),
      createdAt: record.createdAt,
    },
  }
}

interface WebhookRow {
  id: string
  rules: AlertRule[]
  survey_id: string | null
}

/**
 * The hook the store calls inside its upsert transaction, after the rows are written: `stored` are the
 * revisions that won, `previous` the rows they replaced (by id).
 */
export async function enqueueAlerts(
  tx: SqlQueryable,
  stored: readonly ResponseRecord[],
  previous: ReadonlyMap<string, ResponseRecord>,
  context: AlertContext,
): Promise<void> {
  if (stored.length === 0) return
  const followUps: Array<{ id: string; category: NpsCategory; score: number; has_comment: boolean }> = []
  const fired: Array<{ record: ResponseRecord; facts: ResponseFacts; rules: AlertRule[] }> = []
  for (const record of stored) {
    const facts = factsOf(record, context)
    if (facts.nps) {
      followUps.push({
        id: record.id,
        category: facts.nps.category,
        score: facts.nps.score,
        has_comment: Boolean(facts.comment),
      })
    }
    const before = rulesOf(factsOf(previous.get(record.id), context))
    const rules = [...rulesOf(facts)].filter((rule) => !before.has(rule))
    if (rules.length > 0) fired.push({ record, facts, rules })
  }
  if (followUps.length > 0) {
    await tx.query(
      `insert into follow_ups (response_id, survey_id, category, score, has_comment, day, received_at)
       select i.id, r.survey_id, i.category, i.score, i.has_comment, r.day, r.received_at
       from jsonb_to_recordset($1::jsonb) as i(id text, category text, score smallint, has_comment boolean)
       join responses r on r.id = i.id
       order by i.id
       on conflict (response_id) do update set
         category = excluded.category, score = excluded.score, has_comment = excluded.has_comment`,
      [JSON.stringify(followUps)],
    )
  }
  if (fired.length === 0) return
  const { rows: webhooks } = await tx.query<WebhookRow>(
    'select id, rules, survey_id from webhooks where enabled order by id',
  )
  const deliveries: Array<{ id: string; webhook_id: string; response_id: string; rule: string; body: string }> = []
  for (const webhook of webhooks) {
    for (const { record, facts, rules } of fired) {
      if (webhook.survey_id && webhook.survey_id !== record.surveyId) continue
      for (const rule of rules) {
        if (!webhook.rules.includes(rule)) continue
        const id = randomUUID()
        const body = JSON.stringify(alertBody(id, rule, record, facts, context))
        deliveries.push({ id, webhook_id: webhook.id, response_id: record.id, rule, body })
      }
    }
  }
  if (deliveries.length === 0) return
  await tx.query(
    `insert into webhook_deliveries (id, webhook_id, response_id, rule, body)
     select id, webhook_id, response_id, rule, body
     from jsonb_to_recordset($1::jsonb) as i(id text, webhook_id text, response_id text, rule text, body text)
     on conflict (webhook_id, response_id, rule) do nothing`,
    [JSON.stringify(deliveries)],
  )
}
