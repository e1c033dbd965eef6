// @vitest-environment node
import type { ResponseRecord } from '@touchloop/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCollectorApp } from './app'
import { createPgliteStore, type ResponseStore } from './store'
import { makeRecord } from './test-records'

let store: ResponseStore
let app: ReturnType<typeof createCollectorApp>
const errors: unknown[] = []

// PGlite boots a WASM Postgres: allow for a busy machine.
beforeAll(async () => {
  store = await createPgliteStore('memory://')
}, 60_000)
afterAll(() => store.close())
beforeEach(() => {
  // A fresh survey id per test keeps tests independent on one shared in-memory database.
  app = createCollectorApp({
    store,
    adminToken: 'demo',
    corsOrigins: ['http://localhost:5173'],
    logError: (_message, error) => errors.push(error),
    surveys: [
      {
        id: 'post-checkout-nps',
        touchpoints: [{ type: 'event', event: 'checkout_completed' }],
        questions: [
          { id: 'nps', type: 'nps', text: 'How likely…' },
          { id: 'comment', type: 'text', text: 'Why?' },
        ],
      },
    ],
  })
})

const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request('/v1/responses', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const batch = (records: unknown[], extra: object = {}) => ({ records, sentAt: new Date().toISOString(), ...extra })
const auth = { authorization: 'Bearer demo' }

async function listFor(surveyId: string): Promise<ResponseRecord[]> {
  const res = await app.request(`/v1/responses?surveyId=${surveyId}`, { headers: auth })
  expect(res.status).toBe(200)
  return ((await res.json()) as { responses: ResponseRecord[] }).responses
}

describe('POST /v1/responses', () => {
  it('stores a batch and answers a result per item key', async () => {
    const a = makeRecord({ surveyId: 's-store' })
    const b = makeRecord({ surveyId: 's-store', answers: { nps: 3, comment: 'slow' } })
    const res = await post(batch([a, b]))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ results: { [`${a.id}:1`]: { status: 200 }, [`${b.id}:1`]: { status: 200 } } })
    const stored = await listFor('s-store')
    expect(stored.map((r) => r.id).sort()).toEqual([a.id, b.id].sort())
    expect(stored.find((r) => r.id === b.id)?.answers).toEqual({ nps: 3, comment: 'slow' })
  })

  it('acknowledges a duplicate with 200 and does not store it twice', async () => {
    const record = makeRecord({ surveyId: 's-dup' })
    await post(batch([record]))
    const again = await post(batch([record, record]))
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ results: { [`${record.id}:1`]: { status: 200, reason: 'duplicate' } } })
    expect(await listFor('s-dup')).toHaveLength(1)
  })

  it('keeps the highest revision per id, in any arrival order', async () => {
    const shown = makeRecord({ surveyId: 's-rev', revision: 0, event: 'shown', answers: {} })
    const answered = { ...shown, revision: 1, event: 'answered' as const, answers: { nps: 9 } }
    const completed = { ...shown, revision: 2, event: 'completed' as const, answers: { nps: 9, comment: 'great' } }
    await post(batch([completed]))
    const late = await post(batch([shown, answered]))
    expect(await late.json()).toEqual({
      results: {
        [`${shown.id}:0`]: { status: 200, reason: 'superseded' },
        [`${shown.id}:1`]: { status: 200, reason: 'superseded' },
      },
    })
    const [stored] = await listFor('s-rev')
    expect(stored).toMatchObject({ revision: 2, event: 'completed', answers: { nps: 9, comment: 'great' } })
  })

  it('accepts text/plain bodies (CORS-simple requests and beacons)', async () => {
    const record = makeRecord({ surveyId: 's-plain' })
    const res = await post(JSON.stringify(batch([record])), { 'content-type': 'text/plain;charset=UTF-8' })
    expect(res.status).toBe(200)
    expect(await listFor('s-plain')).toHaveLength(1)
  })

  it('answers 400 with the zod issues for a malformed body, never 500', async () => {
    const notJson = await post('{"records": [')
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toMatchObject({ error: 'invalid_body', issues: [{ code: 'invalid_json' }] })

    const noRecords = await post({ sentAt: 'yesterday' })
    expect(noRecords.status).toBe(400)
    const noRecordsBody = (await noRecords.json()) as { issues: { path: unknown[]; message: string }[] }
    expect(noRecordsBody.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining([['records'], ['sentAt']]))

    const unkeyed = await post(batch([{ answers: {} }]))
    expect(unkeyed.status).toBe(400)
    const body = (await unkeyed.json()) as { issues: { path: unknown[] }[] }
    expect(body.issues.map((issue) => issue.path)).toContainEqual(['records', 0, 'id'])

    for (const weird of ['null', '[]', '"records"', '{"records": {}}', '{"records": [null]}']) {
      expect((await post(weird)).status).toBe(400)
    }
    expect(errors).toEqual([])
  })

  it('rejects only the invalid record of a batch with 422 and a reason naming the field', async () => {
    const good = makeRecord({ surveyId: 's-422' })
    const bad = { ...makeRecord({ surveyId: 's-422' }), answers: { nps: { html: '<b>' } } }
    const res = await post(batch([good, bad]))
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: Record<string, { status: number; reason?: string }> }
    expect(results[`${good.id}:1`]).toEqual({ status: 200 })
    expect(results[`${bad.id}:1`]?.status).toBe(422)
    expect(results[`${bad.id}:1`]?.reason).toContain('answers.nps')
    expect(await listFor('s-422')).toHaveLength(1)
  })

  it('answers 409 when a response id is reused by another survey', async () => {
    const record = makeRecord({ surveyId: 's-409a' })
    await post(batch([record]))
    const res = await post(batch([{ ...record, surveyId: 's-409b', revision: 5 }]))
    const { results } = (await res.json()) as { results: Record<string, { status: number }> }
    expect(results[`${record.id}:5`]?.status).toBe(409)
  })

  it('answers 413 for a body over the limit, so the client splits the batch', async () => {
    const small = createCollectorApp({ store, adminToken: 'demo', maxBodyBytes: 200 })
    const res = await small.request('/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch([makeRecord(), makeRecord()])),
    })
    expect(res.status).toBe(413)
  })

  it('answers 503 with Retry-After when storage fails, so nothing is lost', async () => {
    const failing: ResponseStore = {
      ...store,
      upsert: () => Promise.reject(new Error('disk full')),
    }
    const logged: unknown[] = []
    const broken = createCollectorApp({ store: failing, adminToken: 'demo', logError: (_m, e) => logged.push(e) })
    const res = await broken.request('/v1/responses', { method: 'POST', body: JSON.stringify(batch([makeRecord()])) })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(logged).toHaveLength(1)
  })

  it('counts records the client dropped before delivery', async () => {
    const before = await store.dropped()
    await post(batch([makeRecord({ surveyId: 's-dropped' })], { dropped: { 'max-age': 2 } }))
    expect((await store.dropped())['max-age']).toBe((before['max-age'] ?? 0) + 2)
  })
})

describe('CORS', () => {
  it('allows the configured origin, with the headers the http transport sends', async () => {
    const res = await app.request('/v1/responses', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key')
  })

  it('does not allow other origins', async () => {
    const res = await app.request('/v1/responses', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('admin API', () => {
  it('requires the admin bearer token', async () => {
    expect((await app.request('/v1/responses')).status).toBe(401)
    expect((await app.request('/v1/responses', { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
    expect((await app.request('/v1/stats')).status).toBe(401)
    expect((await app.request('/v1/stats', { headers: auth })).status).toBe(200)
  })

  it('computes NPS per survey and touchpoint', async () => {
    const surveyId = 'post-checkout-nps'
    const scores = [10, 9, 8, 3]
    await post(batch(scores.map((nps) => makeRecord({ surveyId, answers: { nps } }))))
    const res = await app.request(`/v1/stats?surveyId=${surveyId}`, { headers: auth })
    const { stats } = (await res.json()) as { stats: { touchpoint: string; questions: unknown[] }[] }
    const group = stats.find((g) => g.touchpoint === 'checkout_completed')
    expect(group?.questions).toEqual([
      { questionId: 'nps', type: 'nps', count: 4, score: 25, promoters: 2, passives: 1, detractors: 1 },
    ])
  })
})

describe('dashboard', () => {
  it('asks for the token and never renders answers as HTML', async () => {
    const signedOut = await app.request('/')
    expect(signedOut.status).toBe(401)
    expect(await signedOut.text()).toContain('Admin token')

    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    await post(batch([makeRecord({ surveyId: 's-xss', touchpoint: '<b>tp</b>', answers: { comment: evil } })]))
    const res = await app.request('/', { headers: auth })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const page = await res.text()
    expect(page).not.toContain('<img')
    expect(page).not.toContain('<script')
    expect(page).not.toContain('<b>tp</b>')
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
  })

  it('signs in with the token through a form and an HttpOnly cookie', async () => {
    const form = (token: string) =>
      app.request('http://localhost/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({ token }).toString(),
      })
    expect((await form('wrong')).status).toBe(401)
    const ok = await form('demo')
    expect(ok.status).toBe(303)
    const cookie = ok.headers.get('set-cookie') ?? ''
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const dashboard = await app.request('/', { headers: { cookie: cookie.split(';')[0]! } })
    expect(dashboard.status).toBe(200)
    expect(await dashboard.text()).toContain('Scores per survey and touchpoint')
  })

  it('refuses a cross-site sign-in form', async () => {
    const res = await app.request('http://localhost/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'token=demo',
    })
    expect(res.status).toBe(403)
  })
})
