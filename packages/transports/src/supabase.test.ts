import type { SendContext } from '@touchloop/core'
import { describe, expect, it } from 'vitest'
import { createSupabaseTransport, type SupabaseTransportOptions, toSupabaseRow } from './supabase'
import { type Backend, createBackend, type RecordedCall } from './testing/backend'
import { expectShapeCovers, type TransportHarness, testTransport } from './testing/contract'
import { sampleBatch } from './testing/fixtures'

// A PostgREST bulk upsert as documented (https://docs.postgrest.org/en/stable/references/api/tables_views.html#upsert
// and https://supabase.com/docs/guides/api): POST /rest/v1/<table>?on_conflict=<columns>, apikey + Bearer
// headers, `Prefer: resolution=…-duplicates`, a JSON array of rows with the same keys.
const DOCUMENTED_REQUEST = {
  path: /^\/rest\/v1\/[a-z_]+\?on_conflict=[a-z_,]+$/,
  headers: ['apikey', 'authorization', 'content-type', 'prefer'],
  prefer: /^resolution=(merge|ignore)-duplicates(,return=minimal)?$/,
}

const PROJECT = 'https://abcdefghijklm.supabase.co'
const jwt = (payload: object) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${btoa(JSON.stringify(payload)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.c2lnbmF0dXJl`
const ANON = jwt({ iss: 'supabase', ref: 'abcdefghijklm', role: 'anon', iat: 1700000000, exp: 2000000000 })
const SERVICE = jwt({ iss: 'supabase', ref: 'abcdefghijklm', role: 'service_role' })

type Row = ReturnType<typeof toSupabaseRow>
const rowsOf = (call: RecordedCall) => JSON.parse(String(call.init?.body)) as Row[]
const headersOf = (call: RecordedCall) => (call.init?.headers ?? {}) as Record<string, string>
const keysOf = (call: RecordedCall) => rowsOf(call).map((row) => `${row.id}:${row.revision}`)
const context = (): SendContext => ({ signal: new AbortController().signal, idempotencyKey: 'batch-1' })

const badOptions: TransportHarness['badOptions'] = [
  { options: undefined, code: 'supabase/invalid-options' },
  { options: { anonKey: ANON }, code: 'supabase/invalid-url' },
  { options: { url: 'abcdefghijklm.supabase', anonKey: ANON }, code: 'supabase/invalid-url' },
  { options: { url: PROJECT }, code: 'supabase/missing-anonkey' },
  { options: { url: PROJECT, anonKey: SERVICE }, code: 'supabase/secret-key' },
  { options: { url: PROJECT, anonKey: 'sb_secret_abc123' }, code: 'supabase/secret-key' },
  { options: { url: PROJECT, anonKey: 'my-password' }, code: 'supabase/invalid-anonkey' },
  { options: { url: PROJECT, anonKey: ANON, table: 'responses; drop table x' }, code: 'supabase/invalid-table' },
  { options: { url: PROJECT, anonKey: ANON, schema: 'a-b' }, code: 'supabase/invalid-schema' },
  { options: { url: PROJECT, anonKey: ANON, resolution: 'overwrite' }, code: 'supabase/invalid-resolution' },
  { options: { url: PROJECT, anonKey: ANON, maxBatchSize: 1e6 }, code: 'supabase/invalid-maxbatchsize' },
]

testTransport('supabase', {
  create: (backend: Backend) =>
    createSupabaseTransport({ url: PROJECT, anonKey: ANON, fetch: (input, init) => backend.fetch(input, init) }),
  factory: (options) => createSupabaseTransport(options as SupabaseTransportOptions),
  keysOf,
  dedupIdsOf: keysOf,
  reportsStatus: true,
  canHang: true,
  checkWire(call, batch) {
    expect(call.url).toBe(`${PROJECT}/rest/v1/touchloop_responses?on_conflict=id,revision`)
    expect(call.init?.method).toBe('POST')
    expect(headersOf(call)).toEqual({
      'content-type': 'application/json',
      apikey: ANON,
      authorization: `Bearer ${ANON}`,
      prefer: 'resolution=ignore-duplicates,return=minimal',
    })
    const rows = rowsOf(call)
    expect(Array.isArray(rows)).toBe(true)
    const url = new URL(call.url!)
    expect(decodeURIComponent(url.pathname + url.search)).toMatch(DOCUMENTED_REQUEST.path)
    expect(Object.keys(headersOf(call)).sort()).toEqual(DOCUMENTED_REQUEST.headers)
    expect(headersOf(call).prefer).toMatch(DOCUMENTED_REQUEST.prefer)
    // A JSON array of row objects, like the documented bulk upsert (the columns are the table's own).
    expectShapeCovers(rows, [{}])
    // PostgREST bulk inserts need every object to have the same keys (else PGRST102).
    const keySets = new Set(rows.map((row) => Object.keys(row).sort().join(',')))
    expect(keySets.size).toBe(1)
    expect(rows).toEqual(batch.map((item) => toSupabaseRow(item.record)))
  },
  badOptions,
})

describe('supabase transport specifics', () => {
  it('maps a record to one snake_case row with every column present', () => {
    const record = sampleBatch()[3]!.record
    expect(toSupabaseRow(record)).toEqual({
      id: record.id,
      revision: 1,
      event: 'dismissed',
      survey_id: 'nps-checkout',
      survey_version: 3,
      touchpoint: 'checkout-complete',
      answers: {},
      timings: null,
      other_text: null,
      ending_id: null,
      user_id: null,
      anonymous_id: 'anon-7f3a',
      locale: null,
      url: null,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
    })
  })

  it('merge-duplicates, a custom table and schema when asked', async () => {
    const backend = createBackend()
    const transport = createSupabaseTransport({
      url: `${PROJECT}/`,
      anonKey: ANON,
      table: 'feedback',
      schema: 'surveys',
      resolution: 'merge-duplicates',
      fetch: backend.fetch,
    })
    await transport.send(sampleBatch(), context())
    const call = backend.calls[0]!
    expect(call.url).toBe(`${PROJECT}/rest/v1/feedback?on_conflict=id,revision`)
    expect(headersOf(call)).toMatchObject({
      prefer: 'resolution=merge-duplicates,return=minimal',
      'content-profile': 'surveys',
    })
    expect(transport.name).toBe('supabase:feedback')
  })

  it('sends a publishable key as apikey only (it is not a JWT)', async () => {
    const backend = createBackend()
    await createSupabaseTransport({ url: PROJECT, anonKey: 'sb_publishable_abc123', fetch: backend.fetch }).send(
      sampleBatch(),
      context(),
    )
    expect(headersOf(backend.calls[0]!)).not.toHaveProperty('authorization')
    expect(headersOf(backend.calls[0]!).apikey).toBe('sb_publishable_abc123')
  })

  it("reads PostgREST's error body as the reason", async () => {
    const backend = createBackend()
    backend.script({
      status: 401,
      body: JSON.stringify({
        code: '42501',
        details: null,
        hint: null,
        message: 'new row violates row-level security policy',
      }),
    })
    const result = await createSupabaseTransport({ url: PROJECT, anonKey: ANON, fetch: backend.fetch }).send(
      sampleBatch(),
      context(),
    )
    expect(result).toEqual({ status: 401, reason: 'new row violates row-level security policy' })
  })
})
