// @vitest-environment node
// Hostile input against every route of the collector, on both databases: fast-check bodies, queries
// and headers, plus hand-picked classes (huge numbers, NUL, lone surrogates, prototype keys, deep
// nesting, wrong types). The properties: never a 5xx, the process keeps answering, and nothing that
// violates the record schema or its survey is ever stored or counted.
import type { Survey } from '@touchloop/core'
import { responseRecordSchema } from '@touchloop/core/schema'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCollectorApp } from './app'
import type { SqlDb } from './db/sql'
import { readStats, scoreTypesFrom } from './stats'
import { createResponseStore, type ResponseStore } from './store'
import { createSurveyCatalog, recordProblem } from './survey-check'
import { describeEachDatabase, makeRecord } from './test-support'

const SITE = 'https://shop.example'
const KEY = 'pk_fuzz_0123456789'
const survey: Survey = {
  id: 'fuzz',
  touchpoints: [{ type: 'event', event: 'x' }],
  questions: [
    { id: 'nps', type: 'nps', text: 'n' },
    { id: 'csat', type: 'csat', text: 'c' },
    { id: 'comment', type: 'text', text: 't', maxLength: 500 },
    { id: 'pick', type: 'single', text: 'p', choices: [{ id: 'a', text: 'A' }], other: true },
  ],
}
const catalog = createSurveyCatalog([survey])

// Values that broke real backends: overflow, NaN-ish, NUL, lone surrogates, prototype names, deep nesting.
const nasty = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    2 ** 31,
    2 ** 53,
    -0,
    2 ** 63, // a bigint column's overflow
    1.5,
    '\u0000',
    '\ud800',
    'a\udfffb',
    '__proto__',
    'constructor',
    '',
    ' ',
    '%00',
    '<script>',
    "'; drop table responses; --",
    null,
    true,
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
)

// Built as text: JSON.stringify itself would overflow the stack.
const deeplyNested = `${'{"not":'.repeat(5000)}1${'}'.repeat(5000)}`

const FIELDS = [
  'id',
  'revision',
  'event',
  'surveyId',
  'surveyVersion',
  'touchpoint',
  'answers',
  'otherText',
  'timings',
  'anonymousId',
  'userId',
  'createdAt',
  'endingId',
] as const

/** A valid record of the fuzz survey with up to two fields (or answers) replaced by hostile values. */
const recordish = fc
  .tuple(
    fc.uuid(),
    fc.integer({ min: 0, max: 4 }),
    fc.constantFrom('shown', 'answered', 'completed', 'dismissed'),
    fc.record(
      {
        nps: fc.integer({ min: 0, max: 10 }),
        csat: fc.integer({ min: 1, max: 5 }),
        comment: fc.string({ maxLength: 40 }),
        pick: fc.constantFrom('a', 'other'),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom('anon-a', 'anon-b'),
    fc.array(
      fc.tuple(
        fc.constantFrom(...FIELDS, 'answers.nps', 'answers.csat', 'answers.comment', 'answers.__proto__'),
        nasty,
      ),
      { maxLength: 2 },
    ),
  )
  .map(([id, revision, event, answers, anonymousId, mutations]) => {
    const record: Record<string, unknown> = {
      ...makeRecord({ surveyId: 'fuzz', touchpoint: 'x', event: event as 'answered', answers, anonymousId }),
      id,
      revision,
    }
    for (const [field, value] of mutations) {
      const answersObject = typeof record.answers === 'object' && record.answers !== null
      if (!field.startsWith('answers.')) record[field] = value
      else if (answersObject) (record.answers as Record<string, unknown>)[field.slice(8)] = value
    }
    return record
  })

const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        records: fc.array(recordish, { minLength: 1, maxLength: 6 }),
        dropped: fc.option(fc.oneof(fc.constant({ 'max-age': 2 }), fc.dictionary(fc.string(), nasty, { maxKeys: 3 }))),
      })
      .map((b) => JSON.stringify(b)),
  },
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    `{"records":[${deeplyNested}]}`,
    `{"records":[${'['.repeat(10_000)}`,
    '{"records":[{"__proto__":{"id":"x"}}]}',
    JSON.stringify({ records: [makeRecord({ surveyId: 'fuzz', answers: { comment: 'x'.repeat(100_000) } })] }),
  ),
)

describeEachDatabase('collector fuzz', (open) => {
  let db: SqlDb
  let store: ResponseStore
  let app: ReturnType<typeof createCollectorApp>
  beforeAll(async () => {
    db = await open()
    const { scoreTypeOf, fingerprint } = scoreTypesFrom([survey])
    store = await createResponseStore(db, { scoreTypeOf, scoreTypesFingerprint: fingerprint })
    app = createCollectorApp({
      store,
      adminToken: 'demo',
      writeKeys: [{ key: KEY, origins: [SITE] }],
      surveys: [survey],
      rateLimits: { perIp: { perSecond: 0, burst: 0 }, perKey: { perSecond: 0, burst: 0 } },
      log: () => {},
    })
  }, 60_000)
  afterAll(() => store.close())

  it('POST /v1/responses: no 5xx for any body, header or key', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
        ),
        fc.oneof({ weight: 5, arbitrary: fc.constant(SITE) }, fc.constantFrom('https://evil.example', undefined)),
        fc.oneof(
          { weight: 5, arbitrary: fc.constant(`?key=${KEY}`) },
          fc.constantFrom('', '?key=%00', `?key=${'k'.repeat(5000)}`, `?key=${KEY}&key=other`),
        ),
        async (text, type, origin, query) => {
          const headers: Record<string, string> = { 'content-type': type }
          if (origin) headers.origin = origin
          const res = await app.request(`/v1/responses${query}`, { method: 'POST', headers, body: text })
          expect(res.status).toBeLessThan(500)
          await res.arrayBuffer()
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)

  it('admin routes: no 5xx for any query, method or cookie', async () => {
    const paths = [
      '/v1/responses',
      '/v1/stats',
      '/v1/trend',
      '/v1/dropped',
      '/v1/erase',
      '/',
      '/login',
      '/logout',
      '/nope',
    ]
    const queryValue = fc.oneof(nasty.map(String), fc.string({ unit: 'binary', maxLength: 60 }))
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.dictionary(
          fc.constantFrom(
            'surveyId',
            'touchpoint',
            'limit',
            'cursor',
            'since',
            'until',
            'from',
            'to',
            'interval',
            'answered',
          ),
          queryValue,
          { maxKeys: 4 },
        ),
        fc.constantFrom(
          { authorization: 'Bearer demo' },
          { cookie: 'touchloop_session=%00' },
          {},
          { authorization: 'Bearer \u0000' },
        ),
        fc.option(fc.string({ unit: 'binary', maxLength: 100 })),
        async (path, method, query, auth, text) => {
          const search = new URLSearchParams(query as Record<string, string>).toString()
          const headers: Record<string, string> = { origin: 'http://localhost' }
          for (const [name, value] of Object.entries(auth)) {
            try {
              new Headers({ [name]: value })
              headers[name] = value
            } catch {} // a header value fetch itself refuses is not ours to test
          }
          const res = await app.request(`http://localhost${path}?${search}`, {
            method,
            headers,
            body: method === 'GET' || method === 'HEAD' || text === null ? undefined : text,
          })
          expect(res.status).toBeLessThan(500)
          await res.arrayBuffer()
        },
      ),
      { numRuns: 200 },
    )
  }, 120_000)

  it('stores nothing invalid and counts nothing out of range', async () => {
    const { rows } = await db.query<{ record: unknown }>('select record from responses')
    expect(rows.length).toBeGreaterThan(20) // the property above is not vacuous: most records were valid
    for (const { record } of rows) {
      const parsed = responseRecordSchema.safeParse(record)
      expect(parsed.success).toBe(true)
      if (parsed.success) expect(recordProblem(parsed.data as never, catalog)).toBeUndefined()
    }
    const { rows: scores } = await db.query<{ kind: string; value: number }>(
      'select kind, value from agg_scores where count <> 0',
    )
    for (const score of scores) expect(score.value).toBeGreaterThanOrEqual(score.kind === 'nps' ? 0 : 1)
    const { rows: negative } = await db.query(
      `select 1 from agg_scores group by survey_id, day, touchpoint, question_id, value having sum(count) < 0
       union all select 1 from agg_responses group by survey_id, day, touchpoint having sum(responses) < 0`,
    )
    expect(negative).toEqual([])
    const stats = await readStats(db)
    expect(JSON.stringify(stats)).not.toMatch(/Infinity|NaN/)
    // The process still answers a normal write.
    const res = await app.request(`/v1/responses?key=${KEY}`, {
      method: 'POST',
      headers: { origin: SITE },
      body: JSON.stringify({ records: [makeRecord({ surveyId: 'fuzz', answers: { nps: 9 } })] }),
    })
    expect(res.status).toBe(200)
  })
})
