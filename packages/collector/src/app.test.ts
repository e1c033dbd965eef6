// @vitest-environment node
// The collector's HTTP API on both databases. Each issue reproduction named in a test title is
// from the attack run of issue 9 (write keys, ownership, validation, HEAD, poisoning).
import type { ResponseRecord, Survey } from '@touchloop/core'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createCollectorApp } from './app'
import type { SqlDb } from './db/sql'
import { readStats, scoreTypesFrom } from './stats'
import { createResponseStore, type ResponseStore } from './store'
import { describeEachDatabase, makeRecord } from './test-support'

const SITE = 'http://localhost:5173'
const KEY = 'pk_site_0123456789'
const SECRET = 'sk_server_0123456789abcdef0123'
const surveys: Survey[] = [
  {
    id: 'post-checkout-nps',
    name: 'Post-checkout NPS',
    touchpoints: [{ type: 'event', event: 'checkout_completed' }],
    questions: [
      { id: 'nps', type: 'nps', text: 'How likely…' },
      { id: 'comment', type: 'text', text: 'Why?', maxLength: 2000 },
      { id: 'ces', type: 'ces', text: 'Effort?' },
      { id: 'topics', type: 'multi', text: 'What?', choices: [{ id: 'speed', text: 'Speed' }], other: true },
    ],
    endings: [{ id: 'thanks', title: 'Thanks' }],
  },
]
// Tests use their own survey ids for isolation: each is a copy of the one above.
const catalog = [
  's-store',
  's-dup',
  's-rev',
  's-plain',
  's-422',
  's-409a',
  's-409b',
  's-owner',
  's-case',
  's-xss',
  's-dropped',
  's-range',
  's-nul',
  's-list',
]
  .map((id) => ({ ...surveys[0]!, id }))
  .concat(surveys)

describeEachDatabase('collector app', (open) => {
  let db: SqlDb
  let store: ResponseStore
  let app: ReturnType<typeof createCollectorApp>
  const logged: Array<{ message: string; details?: Record<string, string | number> }> = []

  beforeAll(async () => {
    db = await open()
    const { scoreTypeOf, fingerprint } = scoreTypesFrom(catalog)
    store = await createResponseStore(db, { scoreTypeOf, scoreTypesFingerprint: fingerprint })
  }, 60_000)
  afterAll(() => store.close())
  beforeEach(() => {
    app = createCollectorApp({
      store,
      adminToken: 'demo',
      writeKeys: [{ key: KEY, origins: [SITE] }],
      secretKeys: [SECRET],
      surveys: catalog,
      rateLimits: { perIp: { perSecond: 0, burst: 0 } },
      log: (message, details) => logged.push({ message, details }),
    })
  })

  const post = (
    body: unknown,
    headers: Record<string, string> = { 'content-type': 'application/json', origin: SITE },
    path = `/v1/responses?key=${KEY}`,
  ) => app.request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const batch = (records: unknown[], extra: object = {}) => ({ records, sentAt: new Date().toISOString(), ...extra })
  const auth = { authorization: 'Bearer demo' }
  const resultsOf = async (res: Response) =>
    ((await res.json()) as { results: Record<string, { status: number; reason?: string }> }).results

  async function listFor(surveyId: string): Promise<ResponseRecord[]> {
    const res = await app.request(`/v1/responses?surveyId=${surveyId}&limit=1000`, { headers: auth })
    expect(res.status).toBe(200)
    return ((await res.json()) as { responses: ResponseRecord[] }).responses
  }

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
    expect(await resultsOf(await post(batch([shown, answered])))).toEqual({
      [`${shown.id}:0`]: { status: 200, reason: 'superseded' },
      [`${shown.id}:1`]: { status: 200, reason: 'superseded' },
    })
    const [stored] = await listFor('s-rev')
    expect(stored).toMatchObject({ revision: 2, event: 'completed', answers: { nps: 9, comment: 'great' } })
  })

  it('accepts text/plain bodies from the key’s origin (CORS-simple requests and beacons)', async () => {
    const record = makeRecord({ surveyId: 's-plain' })
    const res = await post(JSON.stringify(batch([record])), {
      'content-type': 'text/plain;charset=UTF-8',
      origin: SITE,
    })
    expect(res.status).toBe(200)
    expect(await listFor('s-plain')).toHaveLength(1)
  })

  it('write keys: missing or unknown → 401, another origin → 403, before the body is read; secret keys for servers', async () => {
    const record = makeRecord({ surveyId: 's-store' })
    const body = batch([record])
    const noKey = await post(body, { origin: SITE }, '/v1/responses')
    expect(noKey.status).toBe(401)
    expect(await noKey.json()).toMatchObject({ error: 'missing_write_key' })
    expect((await post(body, { origin: SITE }, '/v1/responses?key=pk_unknown_0000')).status).toBe(401)
    // issue 9: text/plain fetch, no-cors fetch and sendBeacon from any origin were stored
    for (const origin of ['https://evil.example', 'null']) {
      const res = await post(body, { 'content-type': 'text/plain', origin })
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: 'origin_not_allowed' })
    }
    expect((await post(body, { 'content-type': 'text/plain' })).status).toBe(403) // no Origin: not a browser
    // A body the key check refuses is never parsed: even a huge malformed one gets the 401.
    expect((await post('x'.repeat(2_000_000), {}, '/v1/responses')).status).toBe(401)
    const server = await post(
      body,
      { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      '/v1/responses',
    )
    expect(server.status).toBe(200)
    const leaked = await post(body, { origin: SITE }, `/v1/responses?key=${SECRET}`)
    expect(leaked.status).toBe(401)
    expect(await leaked.json()).toMatchObject({ error: 'secret_key_in_url' })
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
    for (const weird of ['null', '[]', '"records"', '{"records": {}}', '{"records": [null]}']) {
      expect((await post(weird)).status).toBe(400)
    }
  })

  it('rejects only the invalid record of a batch with 422 and a reason naming the field', async () => {
    const good = makeRecord({ surveyId: 's-422' })
    const bad = { ...makeRecord({ surveyId: 's-422' }), answers: { nps: { html: '<b>' } } }
    const results = await resultsOf(await post(batch([good, bad])))
    expect(results[`${good.id}:1`]).toEqual({ status: 200 })
    expect(results[`${bad.id}:1`]?.status).toBe(422)
    expect(results[`${bad.id}:1`]?.reason).toContain('answers.nps')
    expect(await listFor('s-422')).toHaveLength(1)
  })

  it('issue 9: out-of-range answers, unknown surveys and questions → 422 per item; stats never count them', async () => {
    const good = makeRecord({
      surveyId: 's-range',
      answers: { nps: 10, ces: 2, topics: ['speed', 'other'] },
      otherText: { topics: 'x' },
    })
    const bad: Array<[Partial<ResponseRecord>, RegExp]> = [
      [{ answers: { nps: -5 } }, /answers\.nps: expected a whole number 0–10/],
      [{ answers: { nps: 11 } }, /answers\.nps/],
      [{ answers: { nps: 1e308 } }, /answers\.nps/],
      [{ answers: { nps: 'x' } }, /answers\.nps/],
      [{ answers: { ces: 1e308 } }, /answers\.ces/],
      [{ answers: { ces: 7.5 } }, /answers\.ces/],
      [{ answers: { nope: 1 } }, /answers\.nope: not a question/],
      [{ answers: { topics: ['speed', 'speed'] } }, /answers\.topics/],
      [{ answers: { comment: 'x'.repeat(2001) } }, /answers\.comment: expected text of at most 2000/],
      [{ otherText: { nps: 'x' } }, /otherText\.nps/],
      [{ surveyId: 'no-such-survey' }, /unknown survey/],
      [{ endingId: 'nowhere' }, /endingId/],
    ]
    const records = bad.map(([overrides]) => makeRecord({ surveyId: 's-range', ...overrides }))
    const results = await resultsOf(await post(batch([good, ...records])))
    expect(results[`${good.id}:1`]).toEqual({ status: 200 })
    records.forEach((record, index) => {
      expect(results[`${record.id}:1`]?.status).toBe(422)
      expect(results[`${record.id}:1`]?.reason).toMatch(bad[index]![1])
    })
    const [group] = await readStats(db, { surveyId: 's-range', touchpoint: 'checkout_completed' })
    expect(group?.questions.map((q) => [q.questionId, q.count, q.score])).toEqual([
      ['ces', 1, 2],
      ['nps', 1, 100],
    ])
  })

  it('issue 9: NUL, lone surrogates and 2^40 versions never fail the batch: bad items 422, the other 19 stored', async () => {
    const valid = Array.from({ length: 19 }, (_, i) =>
      makeRecord({ surveyId: 's-nul', surveyVersion: i === 0 ? 1_764_547_200_000 : 1 }),
    )
    const poison = [
      makeRecord({ surveyId: 's-nul', answers: { comment: 'a\u0000b' } }),
      makeRecord({ surveyId: 's-nul', answers: { comment: 'lone \ud800 surrogate' } }),
      makeRecord({ surveyId: 's-nul', touchpoint: 'tp\u0000' }),
      makeRecord({ surveyId: 's-nul', anonymousId: '\udfff' }),
    ]
    const res = await post(batch([...valid, ...poison]))
    expect(res.status).toBe(200)
    const results = await resultsOf(res)
    for (const record of valid) expect(results[`${record.id}:1`]).toEqual({ status: 200 })
    for (const record of poison)
      expect(results[`${record.id}:1`]).toMatchObject({ status: 422, reason: expect.stringMatching(/NUL|surrogate/) })
    expect(await listFor('s-nul')).toHaveLength(19)
  })

  it('issue 9: a later revision from another client is refused (409); upper-case ids are one response', async () => {
    const mine = makeRecord({ surveyId: 's-owner', anonymousId: 'anon-owner', answers: { nps: 9 } })
    await post(batch([mine]))
    const hijack = { ...mine, revision: 9, anonymousId: 'anon-attacker', answers: { nps: 0 } }
    expect((await resultsOf(await post(batch([hijack]))))[`${mine.id}:9`]).toMatchObject({ status: 409 })
    const upper = makeRecord({ surveyId: 's-case' })
    await post(batch([upper]))
    const shouted = { ...upper, id: upper.id.toUpperCase(), revision: 2, answers: { nps: 10 } }
    expect((await resultsOf(await post(batch([shouted]))))[`${shouted.id}:2`]).toEqual({ status: 200 })
    const rows = await listFor('s-case')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: upper.id, revision: 2 })
  })

  it('answers 409 when a response id is reused by another survey', async () => {
    const record = makeRecord({ surveyId: 's-409a' })
    await post(batch([record]))
    const results = await resultsOf(await post(batch([{ ...record, surveyId: 's-409b', revision: 5 }])))
    expect(results[`${record.id}:5`]?.status).toBe(409)
  })

  it('answers 413 for a body over the limit, so the client splits the batch', async () => {
    const small = createCollectorApp({
      store,
      adminToken: 'demo',
      writeKeys: [{ key: KEY, origins: [SITE] }],
      maxBodyBytes: 200,
    })
    const res = await small.request(`/v1/responses?key=${KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE },
      body: JSON.stringify(batch([makeRecord(), makeRecord()])),
    })
    expect(res.status).toBe(413)
  })

  it('answers 503 with Retry-After when storage fails, and logs no answers', async () => {
    const failing: ResponseStore = {
      ...store,
      upsert: () => Promise.reject(Object.assign(new Error('disk full: {"nps":3}'), { code: '53100' })),
    }
    const log: unknown[] = []
    const broken = createCollectorApp({
      store: failing,
      adminToken: 'demo',
      writeKeys: [{ key: KEY, origins: [SITE] }],
      log: (message, details) => log.push({ message, details }),
    })
    const secretAnswer = 'my email is someone@example.com'
    const res = await broken.request(`/v1/responses?key=${KEY}`, {
      method: 'POST',
      headers: { origin: SITE },
      body: JSON.stringify(batch([makeRecord({ answers: { comment: secretAnswer } })])),
    })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(log).toEqual([{ message: 'storing a batch failed', details: { code: '53100', records: 1 } }])
    expect(JSON.stringify(log)).not.toContain('someone@example.com')
  })

  it('issue 9: dropped counts cannot lock ingestion (huge values, many keys)', async () => {
    const first = await post(
      batch([makeRecord({ surveyId: 's-dropped' })], { dropped: { 'max-age': 9223372036854775000 } }),
    )
    expect(first.status).toBe(400) // over the bound: the whole envelope is refused, nothing stored
    for (let i = 0; i < 3; i++) {
      const res = await post(batch([makeRecord({ surveyId: 's-dropped' })], { dropped: { 'max-age': 1_000_000_000 } }))
      expect(res.status).toBe(200)
    }
    const manyKeys = Object.fromEntries(Array.from({ length: 75_000 }, (_, i) => [`r${i}`, 1]))
    expect((await post(batch([makeRecord({ surveyId: 's-dropped' })], { dropped: manyKeys }))).status).toBe(413)
    const seventeen = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`r${i}`, 1]))
    expect((await post(batch([makeRecord({ surveyId: 's-dropped' })], { dropped: seventeen }))).status).toBe(400)
    expect(await listFor('s-dropped')).toHaveLength(3)
  })

  it('issue 9: reads need admin auth, HEAD included; bad query parameters are 400, not 500', async () => {
    for (const method of ['GET', 'HEAD']) {
      for (const path of ['/v1/responses', '/v1/stats', '/v1/trend?surveyId=x', '/v1/dropped']) {
        expect((await app.request(path, { method })).status).toBe(401)
        expect((await app.request(path, { method, headers: { authorization: 'Bearer nope' } })).status).toBe(401)
      }
    }
    expect((await app.request('/v1/erase', { method: 'POST' })).status).toBe(401)
    for (const query of [
      'surveyId=%00',
      'limit=1e9',
      'limit=-1',
      'cursor=garbage',
      'since=yesterday',
      'until=-1', // JS reads it as a date, PostgreSQL does not
      'since=0000-01-01T00:00:00Z',
      `touchpoint=${'x'.repeat(300)}`,
    ]) {
      const res = await app.request(`/v1/responses?${query}`, { headers: auth })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'invalid_query' })
    }
    expect((await app.request('/v1/trend?surveyId=x&interval=year', { headers: auth })).status).toBe(400)
    expect((await app.request('/v1/stats?from=2026-13-45', { headers: auth })).status).toBe(400)
    expect((await app.request('/v1/stats?from=2026-02-31', { headers: auth })).status).toBe(400)
  })

  it('issue 9: pages large responses by a byte budget with a cursor instead of failing', async () => {
    const big = 'x'.repeat(1900)
    const records = Array.from({ length: 30 }, () => makeRecord({ surveyId: 's-list', answers: { comment: big } }))
    await post(batch(records))
    const seen = new Set<string>()
    let url = '/v1/responses?surveyId=s-list&limit=7'
    for (let page = 0; page < 10 && url; page++) {
      const body = (await (await app.request(url, { headers: auth })).json()) as {
        responses: ResponseRecord[]
        nextCursor?: string
      }
      for (const row of body.responses) seen.add(row.id)
      url = body.nextCursor ? `/v1/responses?surveyId=s-list&limit=7&cursor=${body.nextCursor}` : ''
    }
    expect(seen.size).toBe(30)
  })

  it('erases every response of one user, and their aggregates', async () => {
    const record = makeRecord({
      surveyId: 's-store',
      anonymousId: 'anon-forget-me',
      userId: 'user-42',
      answers: { nps: 0 },
    })
    await post(batch([record]))
    const res = await app.request('/v1/erase', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'user-42' }),
    })
    expect(await res.json()).toEqual({ erased: 1 })
    expect((await listFor('s-store')).some((row) => row.id === record.id)).toBe(false)
    for (const body of ['{}', '[]', 'null', '{"userId": 5}', `{"userId": "${'x'.repeat(501)}"}`, 'not json']) {
      const bad = await app.request('/v1/erase', { method: 'POST', headers: auth, body })
      expect(bad.status).toBe(400)
    }
  })

  it('dashboard: asks for the token, never puts answers in its HTML, strict CSP, sets Referrer-Policy', async () => {
    const signedOut = await app.request('/')
    expect(signedOut.status).toBe(401)
    expect(await signedOut.text()).toContain('Admin token')
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    await post(batch([makeRecord({ surveyId: 's-xss', touchpoint: '<b>tp</b>', answers: { comment: evil } })]))
    const res = await app.request('/', { headers: auth })
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const page = await res.text()
    // The app's HTML is static: its one script is a file of its own, and answers arrive as JSON, never as markup.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/)
    expect(page).not.toContain('<img')
    expect(page).not.toContain('<b>tp</b>')
  })

  it('dashboard sign-in: a random session id in an HttpOnly cookie (not the token), Secure behind a TLS proxy', async () => {
    const form = (token: string, extra: Record<string, string> = {}, target = app) =>
      target.request('http://localhost/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...extra },
        body: new URLSearchParams({ token }).toString(),
      })
    expect((await form('wrong')).status).toBe(401)
    const ok = await form('demo')
    expect(ok.status).toBe(303)
    const cookie = ok.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^touchloop_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).not.toContain('demo')
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).toMatch(/Max-Age=\d+/)
    expect(cookie).not.toContain('Secure')
    const session = cookie.split(';')[0]!
    expect((await app.request('/', { headers: { cookie: session } })).status).toBe(200)
    expect((await app.request('/v1/stats', { headers: { cookie: session } })).status).toBe(200)
    expect((await app.request('/', { headers: { cookie: 'touchloop_session=demo' } })).status).toBe(401)
    await app.request('http://localhost/logout', {
      method: 'POST',
      headers: { cookie: session, origin: 'http://localhost' },
    })
    expect((await app.request('/', { headers: { cookie: session } })).status).toBe(401)

    const proxied = createCollectorApp({ store, adminToken: 'demo', trustProxy: true })
    const secure = await form('demo', { 'x-forwarded-proto': 'https' }, proxied)
    expect(secure.headers.get('set-cookie')).toContain('Secure')
  })

  it('issue 9: sign-in is rate limited per address; a truncated multipart form is 400, not 500', async () => {
    const limited = createCollectorApp({ store, adminToken: 'demo' })
    const attempt = () =>
      limited.request('http://localhost/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: 'token=guess',
      })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await attempt()).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(statuses.slice(5)).toEqual([429, 429, 429])
    const truncated = await app.request('http://localhost/login', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ', origin: 'http://localhost' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="token"\r\n\r\nde',
    })
    expect(truncated.status).toBe(400)
  })

  it('issue 9: writes are rate limited per client address with 429 and Retry-After', async () => {
    const limited = createCollectorApp({
      store,
      adminToken: 'demo',
      writeKeys: [{ key: KEY, origins: [SITE] }],
      rateLimits: { perIp: { perSecond: 1, burst: 3 } },
    })
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 5; i++) {
      const res = await limited.request(`/v1/responses?key=${KEY}`, {
        method: 'POST',
        headers: { origin: SITE },
        body: '{}',
      })
      statuses.push(res.status)
      retryAfter ??= res.headers.get('retry-after')
    }
    expect(statuses).toEqual([400, 400, 400, 429, 429])
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
  })

  it('logs nothing for all of the above but the deliberate storage failure', () => {
    expect(logged.filter((entry) => entry.message !== 'erased responses')).toEqual([])
  })
})
