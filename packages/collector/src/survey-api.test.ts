// @vitest-environment node
// The survey API end to end on the Hono app, on PGlite and on PostgreSQL: GET /v1/surveys (public,
// ETag, CORS), publishing versions, pause/resume/archive, history, export/import, answers checked
// against the version they were given under, score types of published surveys in the stats.
import { createHash, randomBytes } from 'node:crypto'
import type { Survey } from '@touchloop/core'
import { SURVEY_SCHEMA_ID } from '@touchloop/core/schema'
import type { Hono } from 'hono'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SqlDb } from './db/sql'
import type { ResponseStore } from './store'
import { openCollector, SITE, WRITE_KEY } from './survey-test-support'
import { describeEachDatabase, makeRecord } from './test-support'

const ADMIN = { authorization: 'Bearer admin-secret' }

const fileSurvey: Survey = {
  id: 'from-file',
  name: 'From the folder',
  version: 3,
  touchpoints: [{ type: 'event', event: 'file_event' }],
  questions: [{ id: 'nps', type: 'nps', text: 'How likely…' }],
}

function surveyJson(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Survey ${id}`,
    touchpoints: [{ type: 'event', event: `${id}_event` }],
    questions: [
      { id: 'score', type: 'nps', text: 'How likely are you to recommend us?' },
      { id: 'why', type: 'text', text: 'Why?' },
    ],
    ...overrides,
  }
}

function client(app: Hono) {
  return {
    put: (id: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(`/v1/surveys/${id}`, {
        method: 'PUT',
        headers: { ...ADMIN, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    served: async () => {
      const res = await app.request('/v1/surveys', { headers: { origin: SITE } })
      expect(res.status).toBe(200)
      return { res, body: (await res.json()) as { surveys: Survey[] } }
    },
    admin: (path: string, method = 'GET', headers: Record<string, string> = {}) =>
      app.request(path, { method, headers: { ...ADMIN, ...headers } }),
    answer: (record: ReturnType<typeof makeRecord>) =>
      app.request(`/v1/responses?key=${WRITE_KEY}`, {
        method: 'POST',
        headers: { origin: SITE, 'content-type': 'application/json' },
        body: JSON.stringify({ records: [record], sentAt: new Date().toISOString() }),
      }),
  }
}

async function resultOf(res: Response): Promise<{ status: number; reason?: string }> {
  expect(res.status).toBe(200)
  const { results } = (await res.json()) as { results: Record<string, { status: number; reason?: string }> }
  return Object.values(results)[0]!
}

describeEachDatabase('survey API', (open, kind) => {
  let db: SqlDb
  let app: Hono
  let store: ResponseStore
  let api: ReturnType<typeof client>

  beforeAll(async () => {
    db = await open()
    ;({ app, store } = await openCollector(db, [fileSurvey]))
    api = client(app)
  }, 60_000)
  afterAll(() => store?.close())

  it('serves the --surveys files on GET /v1/surveys with an ETag, no-cache, CORS for the sites, 304 when unchanged', async () => {
    const { res, body } = await api.served()
    expect(body.surveys.map((survey) => survey.id)).toEqual(['from-file'])
    const etag = res.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE)
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag')
    const again = await app.request('/v1/surveys', { headers: { origin: SITE, 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')
    const weak = await app.request('/v1/surveys', { headers: { 'if-none-match': `"other", W/${etag}` } })
    expect(weak.status).toBe(304)
    // The SDK sends If-None-Match, which is not CORS-safelisted: the preflight must allow it.
    const preflight = await app.request('/v1/surveys', {
      method: 'OPTIONS',
      headers: {
        origin: SITE,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match')
    const foreign = await app.request('/v1/surveys', { headers: { origin: 'https://evil.example' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses every admin route without the admin token (401), HEAD included', async () => {
    const routes: [string, string][] = [
      ['GET', '/v1/admin/surveys'],
      ['HEAD', '/v1/admin/surveys'],
      ['PUT', '/v1/surveys/x1'],
      ['GET', '/v1/surveys/x1'],
      ['HEAD', '/v1/surveys/x1'],
      ['GET', '/v1/surveys/x1/versions'],
      ['GET', '/v1/surveys/x1/export'],
      ['POST', '/v1/surveys/x1/pause'],
      ['POST', '/v1/surveys/x1/resume'],
      ['DELETE', '/v1/surveys/x1'],
    ]
    for (const [method, path] of routes) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
        const res = await app.request(path, {
          method,
          headers,
          ...(method === 'PUT' ? { body: JSON.stringify(surveyJson('x1')) } : {}),
        })
        expect(res.status, `${method} ${path}`).toBe(401)
      }
    }
    expect((await api.admin('/v1/surveys/x1')).status).toBe(404)
  })

  it("takes changes made with a dashboard session only from the collector's own origin (403 otherwise)", async () => {
    const id = randomBytes(32).toString('base64url')
    await db.query("insert into sessions (id_hash, expires_at) values ($1, now() + interval '1 hour')", [
      createHash('sha256').update(id).digest('hex'),
    ])
    await api.put('session-made', surveyJson('session-made'))
    const pause = (headers: Record<string, string>) =>
      app.request('/v1/surveys/session-made/pause', {
        method: 'POST',
        headers: { cookie: `touchloop_session=${id}`, ...headers },
      })
    expect((await pause({ origin: 'https://sibling.example' })).status).toBe(403)
    expect((await pause({})).status).toBe(403)
    expect((await pause({ origin: 'http://localhost' })).status).toBe(200)
    expect(
      (await app.request('/v1/surveys/session-made', { headers: { cookie: `touchloop_session=${id}` } })).status,
    ).toBe(200)
  })

  it('answers 400 with the issues and their paths for an invalid survey, and stores nothing', async () => {
    const before = (await api.served()).res.headers.get('etag')
    const cases: [unknown, string][] = [
      [
        surveyJson('bad-1', { questions: [{ id: 'q', type: 'nps', text: 'Hi', required: 'yes' }] }),
        'questions[0].required',
      ],
      [surveyJson('bad-1', { questions: [] }), 'questions'],
      [surveyJson('bad-1', { touchpoints: [{ type: 'event' }] }), 'touchpoints[0].event'],
      [surveyJson('bad-1', { colour: 'red' }), '(root)'],
      [surveyJson('other-id'), 'id'],
      [surveyJson('bad-1', { $schema: 42 }), '$schema'],
      [[surveyJson('bad-1')], '(root)'],
      ['null', '(root)'],
    ]
    for (const [body, path] of cases) {
      const res = await api.put('bad-1', body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      const answer = (await res.json()) as { error: string; issues: { path: string; message: string }[] }
      expect(answer.error).toBe('invalid_survey')
      expect(answer.issues.map((issue) => issue.path)).toContain(path)
      expect(answer.issues.every((issue) => issue.message.length > 0)).toBe(true)
    }
    const notJson = await api.put('bad-1', '{"id": ')
    expect(notJson.status).toBe(400)
    expect(((await notJson.json()) as { error: string }).error).toBe('invalid_json')
    const huge = await api.put('bad-1', JSON.stringify(surveyJson('bad-1', { name: 'x'.repeat(300_000) })))
    expect(huge.status).toBe(413)
    expect((await api.admin('/v1/surveys/bad-1')).status).toBe(404)
    expect((await api.served()).res.headers.get('etag')).toBe(before)
  })

  it('publishes a survey as version 1, serves it, and each changed PUT as the next immutable version', async () => {
    const created = await api.put('checkout', surveyJson('checkout'), { 'x-touchloop-actor': 'Ada Lovelace' })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({
      outcome: 'created',
      version: 1,
      status: 'published',
      changes: ['created'],
    })
    const first = await api.served()
    expect(first.body.surveys.find((survey) => survey.id === 'checkout')).toMatchObject({
      version: 1,
      name: 'Survey checkout',
    })

    const same = await api.put('checkout', { ...surveyJson('checkout'), version: 99 })
    expect(same.status).toBe(200)
    expect(await same.json()).toMatchObject({ outcome: 'unchanged', version: 1, changes: [] })
    expect((await api.served()).res.headers.get('etag')).toBe(first.res.headers.get('etag'))

    const edited = surveyJson('checkout', {
      questions: [{ id: 'score', type: 'nps', text: 'Would you recommend the new checkout?' }],
    })
    const republished = await api.put('checkout', edited, { 'x-touchloop-actor': 'Grace' })
    expect(await republished.json()).toMatchObject({ outcome: 'published', version: 2, changes: ['questions'] })
    const second = await api.served()
    expect(second.res.headers.get('etag')).not.toBe(first.res.headers.get('etag'))
    const served = second.body.surveys.find((survey) => survey.id === 'checkout')!
    expect(served.version).toBe(2)
    expect(served.questions.map((question) => question.id)).toEqual(['score'])

    const history = await api.admin('/v1/surveys/checkout/versions')
    expect(history.status).toBe(200)
    const { versions, history: actions } = (await history.json()) as {
      versions: { version: number; actor: string; changes: string[] }[]
      history: { action: string; actor: string; version: number }[]
    }
    expect(versions).toMatchObject([
      { version: 2, actor: 'Grace', changes: ['questions'] },
      { version: 1, actor: 'Ada Lovelace', changes: ['created'] },
    ])
    expect(actions.map((entry) => [entry.action, entry.version, entry.actor])).toEqual([
      ['publish', 2, 'Grace'],
      ['publish', 1, 'Ada Lovelace'],
    ])
    // Version 1 is kept as it was published.
    const v1 = await api.admin('/v1/surveys/checkout/export?version=1')
    expect(((await v1.json()) as Survey).questions).toHaveLength(2)
    const badActor = await api.put('checkout', edited, { 'x-touchloop-actor': 'x'.repeat(101) })
    expect(badActor.status).toBe(400)
  })

  it('checks each answer against the version it was given under', async () => {
    await api.put('versioned', surveyJson('versioned'))
    await api.put('versioned', surveyJson('versioned', { questions: [{ id: 'score', type: 'nps', text: 'New text' }] }))
    const base = { surveyId: 'versioned', touchpoint: 'versioned_event', anonymousId: 'anon-v' }
    // Given under version 1, which had the "why" question: still accepted after version 2 removed it.
    expect(
      await resultOf(await api.answer(makeRecord({ ...base, surveyVersion: 1, answers: { score: 9, why: 'fast' } }))),
    ).toEqual({ status: 200 })
    const underV2 = await resultOf(
      await api.answer(makeRecord({ ...base, surveyVersion: 2, answers: { score: 9, why: 'fast' } })),
    )
    expect(underV2.status).toBe(422)
    expect(underV2.reason).toContain('answers.why')
    const outOfRange = await resultOf(
      await api.answer(makeRecord({ ...base, surveyVersion: 2, answers: { score: 11 } })),
    )
    expect(outOfRange.status).toBe(422)
    const unknown = await resultOf(await api.answer(makeRecord({ ...base, surveyId: 'never-published' })))
    expect(unknown.status).toBe(422)
    const list = await app.request('/v1/responses?surveyId=versioned', { headers: ADMIN })
    const { responses } = (await list.json()) as { responses: { surveyVersion: number }[] }
    expect(responses.map((response) => response.surveyVersion)).toEqual([1])
  })

  it('pauses (served as paused, answers still accepted), resumes, archives (not served, answers kept) and publishes again', async () => {
    await api.put('lifecycle', surveyJson('lifecycle'))
    const answer = (n: number) =>
      api.answer(
        makeRecord({
          surveyId: 'lifecycle',
          touchpoint: 'lifecycle_event',
          anonymousId: `anon-l${n}`,
          answers: { score: n },
        }),
      )
    const servedOne = async () => (await api.served()).body.surveys.find((survey) => survey.id === 'lifecycle')

    const paused = await api.admin('/v1/surveys/lifecycle/pause', 'POST', { 'x-touchloop-actor': 'ops' })
    expect(await paused.json()).toMatchObject({ outcome: 'changed', status: 'paused', version: 1 })
    expect((await servedOne())?.status).toBe('paused')
    expect(await resultOf(await answer(1))).toEqual({ status: 200 })
    expect(await (await api.admin('/v1/surveys/lifecycle/pause', 'POST')).json()).toMatchObject({
      outcome: 'unchanged',
    })

    // A new version of a paused survey stays paused.
    await api.put('lifecycle', surveyJson('lifecycle', { name: 'Renamed' }))
    expect(await servedOne()).toMatchObject({ version: 2, status: 'paused', name: 'Renamed' })

    expect(await (await api.admin('/v1/surveys/lifecycle/resume', 'POST')).json()).toMatchObject({
      status: 'published',
    })
    expect((await servedOne())?.status).toBeUndefined()

    const archived = await api.admin('/v1/surveys/lifecycle', 'DELETE')
    expect(await archived.json()).toMatchObject({ outcome: 'changed', status: 'archived' })
    expect(await servedOne()).toBeUndefined()
    expect(await resultOf(await answer(2))).toEqual({ status: 200 })
    expect((await api.admin('/v1/surveys/lifecycle/resume', 'POST')).status).toBe(409)
    const list = await app.request('/v1/responses?surveyId=lifecycle', { headers: ADMIN })
    expect(((await list.json()) as { responses: unknown[] }).responses).toHaveLength(2)

    const back = await api.put('lifecycle', surveyJson('lifecycle', { name: 'Renamed' }))
    expect(await back.json()).toMatchObject({ outcome: 'published', version: 2, status: 'published' })
    expect(await servedOne()).toMatchObject({ version: 2 })
    const { history } = (await (await api.admin('/v1/surveys/lifecycle/versions')).json()) as {
      history: { action: string; actor: string }[]
    }
    expect(history.map((entry) => entry.action)).toEqual([
      'publish',
      'archive',
      'resume',
      'publish',
      'pause',
      'publish',
    ])
    expect(history.find((entry) => entry.action === 'pause')?.actor).toBe('ops')
    expect((await api.admin('/v1/surveys/nothing-here/pause', 'POST')).status).toBe(404)
    expect((await api.admin('/v1/surveys/nothing-here', 'DELETE')).status).toBe(404)
  })

  it('exports the SDK JSON with $schema, and PUT takes the same file back unchanged', async () => {
    const ordered = {
      name: 'Export me',
      id: 'export-me',
      questions: surveyJson('x').questions,
      touchpoints: [{ type: 'pageview' }],
    }
    await api.put('export-me', ordered)
    const res = await api.admin('/v1/surveys/export-me/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('export-me.json')
    const text = await res.text()
    const file = JSON.parse(text) as Record<string, unknown>
    expect(file.$schema).toBe(SURVEY_SCHEMA_ID)
    // The keys keep the order they were sent in; version sits after the name.
    expect(Object.keys(file)).toEqual(['$schema', 'name', 'version', 'id', 'questions', 'touchpoints'])
    const again = await api.put('export-me', text)
    expect(await again.json()).toMatchObject({ outcome: 'unchanged', version: 1 })
    expect((await api.admin('/v1/surveys/export-me/export?version=7')).status).toBe(404)
    expect((await api.admin('/v1/surveys/export-me/export?version=abc')).status).toBe(400)
  })

  it('lets an API version override a --surveys file of the same id (numbered above it), and falls back to the file when archived', async () => {
    const fileOnly = await api.admin('/v1/surveys/from-file/pause', 'POST')
    expect(fileOnly.status).toBe(409)
    expect(((await fileOnly.json()) as { error: string }).error).toBe('defined_in_files')
    const put = await api.put('from-file', { ...fileSurvey, name: 'Edited in the studio' })
    expect(await put.json()).toMatchObject({ outcome: 'created', version: 4 })
    expect((await api.served()).body.surveys.find((survey) => survey.id === 'from-file')).toMatchObject({
      version: 4,
      name: 'Edited in the studio',
    })
    await api.admin('/v1/surveys/from-file', 'DELETE')
    expect((await api.served()).body.surveys.find((survey) => survey.id === 'from-file')).toMatchObject({
      version: 3,
      name: 'From the folder',
    })
    await api.put('from-file', { ...fileSurvey, name: 'Edited in the studio' })
  })

  it('lists surveys for the studio with status, touchpoints, responses and NPS from the aggregates', async () => {
    await api.put('listed', surveyJson('listed'))
    for (const [n, score] of [9, 10, 3].entries()) {
      await api.answer(
        makeRecord({
          surveyId: 'listed',
          touchpoint: 'listed_event',
          anonymousId: `anon-list-${n}`,
          answers: { score },
        }),
      )
    }
    const res = await api.admin('/v1/admin/surveys')
    expect(res.status).toBe(200)
    const { surveys } = (await res.json()) as { surveys: Record<string, unknown>[] }
    const listed = surveys.find((survey) => survey.id === 'listed')
    // The NPS question is "score": its type comes from the published definition, not from its id.
    expect(listed).toMatchObject({
      name: 'Survey listed',
      status: 'published',
      source: 'api',
      version: 1,
      touchpoints: ['listed_event'],
      responses: 3,
      nps: { score: 33.3, count: 3 },
      updatedBy: 'admin',
    })
    expect(surveys.find((survey) => survey.id === 'lifecycle')).toMatchObject({ status: 'published', version: 2 })
    expect(surveys.find((survey) => survey.id === 'from-file')).toMatchObject({ source: 'files+api' })
    // Saved as a draft in the studio: listed as a draft, not as published.
    expect((await api.put('drafted', surveyJson('drafted', { status: 'draft' }))).status).toBe(201)
    const drafts = (await (await api.admin('/v1/admin/surveys')).json()) as { surveys: Record<string, unknown>[] }
    expect(drafts.surveys.find((survey) => survey.id === 'drafted')).toMatchObject({ status: 'draft', version: 1 })
  })

  it('rebuilds the aggregates when a new version changes a question into a score', async () => {
    expect(
      (
        await api.put(
          'retyped',
          surveyJson('retyped', { questions: [{ id: 'stars', type: 'rating', scale: 5, text: 'Stars?' }] }),
        )
      ).status,
    ).toBe(201)
    await api.answer(
      makeRecord({ surveyId: 'retyped', touchpoint: 'retyped_event', anonymousId: 'anon-r', answers: { stars: 4 } }),
    )
    const totals = async () => {
      const { stats } = (await (await api.admin('/v1/stats?surveyId=retyped')).json()) as {
        stats: { touchpoint: string; questions: { questionId: string; type: string; count: number }[] }[]
      }
      return stats.find((group) => group.touchpoint === '*')?.questions
    }
    expect(await totals()).toEqual([])
    await api.put('retyped', surveyJson('retyped', { questions: [{ id: 'stars', type: 'csat', text: 'Satisfied?' }] }))
    expect(await totals()).toMatchObject([{ questionId: 'stars', type: 'csat', count: 1 }])
  })

  it.runIf(kind === 'postgres')(
    'another collector accepts an answer to a survey published here a moment ago',
    async () => {
      // Its own check is minutes away: it looks again at once because the batch names a survey it does not know.
      const other = await openCollector(db, [fileSurvey], 60_000)
      await api.put('just-published', surveyJson('just-published'))
      const record = makeRecord({
        surveyId: 'just-published',
        touchpoint: 'just-published_event',
        anonymousId: 'anon-j',
        answers: { score: 7 },
      })
      expect(await resultOf(await client(other.app).answer(record))).toEqual({ status: 200 })
    },
  )

  it.runIf(kind === 'postgres')(
    'another collector on the same PostgreSQL database serves and accepts a survey published here',
    async () => {
      const other = await openCollector(db, [fileSurvey], 0)
      const otherApi = client(other.app)
      await api.put('shared', surveyJson('shared'))
      expect((await otherApi.served()).body.surveys.find((survey) => survey.id === 'shared')).toMatchObject({
        version: 1,
      })
      const answered = await otherApi.answer(
        makeRecord({ surveyId: 'shared', touchpoint: 'shared_event', anonymousId: 'anon-s', answers: { score: 8 } }),
      )
      expect(await resultOf(answered)).toEqual({ status: 200 })
      await api.admin('/v1/surveys/shared/pause', 'POST')
      expect((await otherApi.served()).body.surveys.find((survey) => survey.id === 'shared')?.status).toBe('paused')
    },
  )
})
