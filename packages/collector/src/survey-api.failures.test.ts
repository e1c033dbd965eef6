// @vitest-environment node
// GET /v1/surveys and the admin survey routes when things go wrong or get busy: a failing database
// (503, the loaded surveys still served), the per-address rate limit, and no database read per request.
import type { Survey } from '@touchloop/core'
import { describe, expect, it } from 'vitest'
import { createCollectorApp } from './app'
import { createPgliteDb } from './db/pglite'
import type { SqlDb } from './db/sql'
import { openCollector } from './survey-test-support'

const ADMIN = { authorization: 'Bearer admin-secret' }
const fileSurvey: Survey = {
  id: 'from-file',
  touchpoints: [{ type: 'event', event: 'file_event' }],
  questions: [{ id: 'nps', type: 'nps', text: 'How likely…' }],
}
const surveyJson = (id: string) => ({ ...fileSurvey, id })

describe('survey API without a database change (served from memory)', () => {
  it('answers 503 with Retry-After when the database fails, and keeps serving the loaded surveys', async () => {
    const { app, store } = await openCollector(await createPgliteDb('memory://'), [fileSurvey])
    await store.close()
    const put = await app.request('/v1/surveys/after-close', {
      method: 'PUT',
      headers: ADMIN,
      body: JSON.stringify(surveyJson('after-close')),
    })
    expect(put.status).toBe(503)
    expect(put.headers.get('retry-after')).toBe('5')
    expect((await app.request('/v1/admin/surveys', { headers: ADMIN })).status).toBe(503)
    expect((await app.request('/v1/surveys/from-file/versions', { headers: ADMIN })).status).toBe(503)
    const served = await app.request('/v1/surveys')
    expect(served.status).toBe(200)
    expect(((await served.json()) as { surveys: Survey[] }).surveys.map((survey) => survey.id)).toEqual(['from-file'])
  }, 60_000)

  it('rate limits GET /v1/surveys per client address (429 with Retry-After)', async () => {
    const db = await createPgliteDb('memory://')
    const { store } = await openCollector(db)
    try {
      const app = createCollectorApp({
        store,
        adminToken: 'admin-secret',
        rateLimits: { perIp: { perSecond: 1, burst: 2 } },
      })
      const statuses: number[] = []
      for (let i = 0; i < 3; i++) statuses.push((await app.request('/v1/surveys')).status)
      expect(statuses).toEqual([200, 200, 429])
      expect((await app.request('/v1/surveys')).headers.get('retry-after')).toBe('1')
    } finally {
      await store.close()
    }
  }, 60_000)

  it('answers GET /v1/surveys without querying the database on PGlite once loaded', async () => {
    const db = await createPgliteDb('memory://')
    const { app, store } = await openCollector(db, [fileSurvey])
    try {
      let queries = 0
      const query = db.query.bind(db)
      ;(db as { query: SqlDb['query'] }).query = (sql, params) => {
        queries++
        return query(sql, params)
      }
      for (let i = 0; i < 5; i++) expect((await app.request('/v1/surveys')).status).toBe(200)
      expect(queries).toBe(0)
    } finally {
      await store.close()
    }
  }, 60_000)
})
