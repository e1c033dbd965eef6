// POST /v1/responses: write key and rate limits checked before the body is read; then the envelope
// (400 for the whole batch), then each record on its own (422 for that item; the others are stored).
import type { ResponseRecord } from '@touchloop/core'
import type { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { bearerToken, clientIp } from '../auth'
import { type CollectorContext, errorCode, tooManyRequests } from '../context'
import type { UpsertOutcome } from '../store'
import { recordProblem } from '../survey-check'
import { describeIssues, type ItemResult, itemKey, parseBatch, responseRecordSchema, type WireIssue } from '../wire'
import { checkWriteAccess, WRITE_KEY_PARAM } from '../write-keys'

const OUTCOME_RESULTS: Record<UpsertOutcome, (record: ResponseRecord) => ItemResult> = {
  stored: () => ({ status: 200 }),
  duplicate: () => ({ status: 200, reason: 'duplicate' }),
  superseded: () => ({ status: 200, reason: 'superseded' }),
  conflict: (record) => ({ status: 409, reason: `Response id ${record.id} already belongs to another survey.` }),
  not_owner: (record) => ({ status: 409, reason: `Response id ${record.id} belongs to another client.` }),
}

export function registerIngest(app: Hono, ctx: CollectorContext): void {
  app.post(
    '/v1/responses',
    async (c, next) => {
      const access = checkWriteAccess(ctx.access, {
        queryKey: c.req.query(WRITE_KEY_PARAM),
        bearer: bearerToken(c.req.header('authorization')),
        origin: c.req.header('origin'),
      })
      if (!access.ok) return c.json({ error: access.error, message: access.message }, access.status)
      const ip = ctx.limits.perIp.take(clientIp(c, ctx.facts))
      if (!ip.ok) return tooManyRequests(c, ip.retryAfterSeconds, 'Too many requests from this address; retry later.')
      const key = ctx.limits.perKey.take(access.keyId)
      if (!key.ok)
        return tooManyRequests(c, key.retryAfterSeconds, 'Too many requests for this write key; retry later.')
      return next()
    },
    bodyLimit({
      maxSize: ctx.maxBodyBytes,
      onError: (c) => c.json({ error: 'body_too_large', message: 'Send fewer records per request.' }, 413),
    }),
    async (c) => {
      // text/plain is accepted too: it is what CORS-simple requests and sendBeacon send.
      const text = await c.req.text()
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch (error) {
        const issue: WireIssue = {
          code: 'invalid_json',
          path: [],
          message: `Body is not JSON: ${(error as Error).message}`,
        }
        return c.json({ error: 'invalid_body', issues: [issue] }, 400)
      }
      const parsed = parseBatch(body)
      if (!parsed.ok) return c.json({ error: 'invalid_body', issues: parsed.issues }, 400)
      await ctx.catalog.ensureKnown?.(parsed.records)

      const results: Record<string, ItemResult> = {}
      const valid: ResponseRecord[] = []
      const keys: string[] = [] // the client's own key per valid record (its id's case kept)
      for (const raw of parsed.records) {
        const checked = responseRecordSchema.safeParse(raw)
        if (!checked.success) {
          results[itemKey(raw)] = { status: 422, reason: describeIssues(checked.error.issues) }
          continue
        }
        // UUIDs are case-insensitive: one response, one row, whatever case the client sent.
        const record = { ...(checked.data as ResponseRecord), id: checked.data.id.toLowerCase() }
        const problem = recordProblem(record, ctx.catalog)
        if (problem) results[itemKey(raw)] = { status: 422, reason: problem }
        else {
          valid.push(record)
          keys.push(itemKey(raw))
        }
      }
      try {
        const outcomes = await ctx.store.upsert(valid)
        valid.forEach((record, index) => {
          results[keys[index]!] = OUTCOME_RESULTS[outcomes[index]!](record)
        })
        if (parsed.dropped) await ctx.store.addDropped(parsed.dropped)
      } catch (error) {
        ctx.log('storing a batch failed', { code: errorCode(error), records: valid.length })
        c.header('Retry-After', '5')
        return c.json(
          { error: 'storage_unavailable', message: 'The collector could not store the batch; retry later.' },
          503,
        )
      }
      return c.json({ results })
    },
  )
}
