// @vitest-environment node
// Hostile input on every survey route: random methods, ids (NUL, %00, very long, unicode), bodies
// (malformed JSON, wrong types, near-valid surveys, huge), headers. Never a 5xx; nothing invalid stored.
import { surveySchema } from '@touchloop/core/schema'
import fc from 'fast-check'
import type { Hono } from 'hono'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPgliteDb } from './db/pglite'
import type { ResponseStore } from './store'
import { readSurveySnapshot } from './survey-repo'
import { openCollector } from './survey-test-support'

let app: Hono
let store: ResponseStore

beforeAll(async () => {
  ;({ app, store } = await openCollector(await createPgliteDb('memory://')))
}, 60_000)
afterAll(() => store?.close())

const validSurvey = (id: string) => ({
  id,
  touchpoints: [{ type: 'event', event: 'fuzzed' }],
  questions: [{ id: 'q', type: 'nps', text: 'How likely…' }],
})

const idArb = fc.oneof(
  fc.constantFrom('fuzz-ok', 'a', 'x.y:z-1', '%00', 'a%00b', '%2F..%2F', '%E0%A4%A', '..', ' ', '%20'),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.integer({ min: 90, max: 5000 }).map((n) => 'i'.repeat(n)),
)

const bodyArb = fc.oneof(
  fc.json().map(String),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '{', '[]', 'null', '{"id":', '\u0000', '{"id":"fuzz-ok","questions":"x"}'),
  fc
    .record({ id: fc.constantFrom('fuzz-ok', 'other'), touchpoints: fc.anything(), questions: fc.anything() })
    .map((value) => JSON.stringify(value)),
  fc
    .record({
      name: fc.anything(),
      version: fc.oneof(fc.integer(), fc.double(), fc.string()),
      status: fc.string(),
      sample: fc.double(),
      $schema: fc.anything(),
    })
    .map((extra) => JSON.stringify({ ...validSurvey('fuzz-ok'), ...extra })),
  fc.constant(JSON.stringify(validSurvey('fuzz-ok'))),
  fc.integer({ min: 200_000, max: 400_000 }).map((n) => `{"id":"fuzz-ok","name":"${'n'.repeat(n)}"}`),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => '['.repeat(n)),
)

const requestArb = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'),
  path: fc.oneof(
    idArb.map((id) => `/v1/surveys/${id}`),
    idArb.map((id) => `/v1/surveys/${id}/versions`),
    fc
      .tuple(idArb, fc.string({ maxLength: 20 }))
      .map(([id, v]) => `/v1/surveys/${id}/export?version=${encodeURIComponent(v)}`),
    fc.tuple(idArb, fc.constantFrom('pause', 'resume', 'nope')).map(([id, action]) => `/v1/surveys/${id}/${action}`),
    fc.constantFrom('/v1/surveys', '/v1/admin/surveys', '/v1/surveys/', '/v1/surveys//pause'),
  ),
  authorized: fc.boolean(),
  body: bodyArb,
  headers: fc.record(
    {
      'if-none-match': fc.string({ maxLength: 300 }),
      'x-touchloop-actor': fc.string({ maxLength: 150 }),
      'content-type': fc.constantFrom('application/json', 'text/plain', 'multipart/form-data'),
    },
    { requiredKeys: [] },
  ),
})

it('never answers 5xx to hostile requests on the survey routes, and stores only valid surveys', async () => {
  const seen = new Set<number>()
  await fc.assert(
    fc.asyncProperty(requestArb, async ({ method, path, authorized, body, headers }) => {
      const safeHeaders = Object.fromEntries(
        Object.entries(headers).filter(([, value]) => /^[\t\x20-\x7e]*$/.test(value)),
      ) as Record<string, string>
      const res = await app.request(path, {
        method,
        headers: { ...safeHeaders, ...(authorized ? { authorization: 'Bearer admin-secret' } : {}) },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      })
      expect(res.status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500)
      seen.add(res.status)
      if (!authorized && path !== '/v1/surveys' && res.status < 400 && method !== 'OPTIONS') {
        throw new Error(`${method} ${path.slice(0, 80)} answered ${res.status} without the admin token`)
      }
    }),
    { numRuns: 400 },
  )
  // The run reached the refusals it is meant to probe.
  for (const status of [400, 401, 404]) expect(seen).toContain(status)
  const { versions } = await readSurveySnapshot(store.db)
  for (const stored of versions) expect(surveySchema.safeParse(stored.survey).success).toBe(true)
  const served = (await (await app.request('/v1/surveys')).json()) as { surveys: unknown[] }
  for (const survey of served.surveys) expect(surveySchema.safeParse(survey).success).toBe(true)
}, 120_000)
