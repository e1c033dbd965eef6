// @vitest-environment node
// Runs the table, RLS policy and view of docs/transports/supabase.md (the page's ```sql block, as written)
// in PGlite with Supabase's roles, then plays the statements PostgREST runs for this transport's request.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toSupabaseRow } from './supabase'
import { sampleBatch } from './testing/fixtures'

const docPath = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/transports/supabase.md')
const documentedSql = /```sql\n([\s\S]*?)```/.exec(readFileSync(docPath, 'utf8'))![1]!

const TABLE = 'public.touchloop_responses'
const COLUMNS = Object.keys(toSupabaseRow(sampleBatch()[0]!.record))
const columnList = COLUMNS.map((column) => `"${column}"`).join(', ')

/** What PostgREST runs for POST /rest/v1/touchloop_responses?on_conflict=id,revision with return=minimal. */
function upsertSql(resolution: 'ignore-duplicates' | 'merge-duplicates'): string {
  const onConflict =
    resolution === 'ignore-duplicates'
      ? 'DO NOTHING'
      : `DO UPDATE SET ${COLUMNS.map((column) => `"${column}" = EXCLUDED."${column}"`).join(', ')}`
  return `INSERT INTO ${TABLE} (${columnList})
    SELECT ${columnList} FROM json_populate_recordset(NULL::${TABLE}, $1) _
    ON CONFLICT ("id", "revision") ${onConflict} RETURNING 1`
}

let db: PGlite

/** Like PostgREST: one transaction per request, the API role and the request GUCs set locally. */
async function asAnon<T>(method: 'GET' | 'POST', work: () => Promise<T>): Promise<T> {
  await db.exec('begin')
  try {
    await db.query(`select set_config('request.method', $1, true)`, [method])
    await db.exec('set local role anon')
    const result = await work()
    await db.exec('commit')
    return result
  } catch (error) {
    await db.exec('rollback')
    throw error
  }
}

beforeAll(async () => {
  db = new PGlite()
  // Supabase's setup: the API roles, and default grants of everything in public to them.
  await db.exec(`
    create role anon nologin;
    create role authenticated nologin;
    grant usage on schema public to anon, authenticated;
    alter default privileges in schema public grant all on tables to anon, authenticated;
  `)
  await db.exec(documentedSql)
  // Starting Postgres in WebAssembly takes a while on a busy machine.
}, 120_000)

afterAll(async () => {
  await db?.close()
})

describe('the Supabase schema and policy of docs/transports/supabase.md', () => {
  const rows = sampleBatch().map((item) => toSupabaseRow(item.record))

  it("anon inserts the transport's rows (ignore-duplicates, return=minimal)", async () => {
    const result = await asAnon('POST', () => db.query(upsertSql('ignore-duplicates'), [JSON.stringify(rows)]))
    expect(result.rows).toHaveLength(rows.length)
    const stored = await db.query<{ n: number }>(`select count(*)::int as n from ${TABLE}`)
    expect(stored.rows[0]!.n).toBe(rows.length)
  })

  it('a retried batch is ignored, not an error, and stores nothing twice', async () => {
    const result = await asAnon('POST', () => db.query(upsertSql('ignore-duplicates'), [JSON.stringify(rows)]))
    expect(result.rows).toHaveLength(0)
    const stored = await db.query<{ n: number }>(`select count(*)::int as n from ${TABLE}`)
    expect(stored.rows[0]!.n).toBe(rows.length)
  })

  it('anon cannot read answers, update, delete or read the latest-revision view', async () => {
    for (const [method, statement] of [
      ['GET', `select * from ${TABLE}`],
      ['GET', `select answers from ${TABLE}`],
      ['POST', `select answers from ${TABLE}`],
      ['GET', 'select * from public.touchloop_latest'],
      ['POST', `update ${TABLE} set answers = '{}'`],
      ['POST', `delete from ${TABLE}`],
    ] as const) {
      await expect(
        asAnon(method, () => db.query(statement)),
        statement,
      ).rejects.toThrow(/permission denied/)
    }
  })

  it('a GET sees not even the ids: the two granted columns only show inside a POST', async () => {
    const seen = await asAnon('GET', () => db.query(`select id, revision from ${TABLE}`))
    expect(seen.rows).toEqual([])
  })

  it('the merge-duplicates form is refused for anon (it would need UPDATE on every column)', async () => {
    await expect(asAnon('POST', () => db.query(upsertSql('merge-duplicates'), [JSON.stringify(rows)]))).rejects.toThrow(
      /permission denied/,
    )
  })

  it('touchloop_latest keeps the highest revision of each response', async () => {
    const latest = await db.query<{ id: string; revision: number; event: string }>(
      'select id, revision, event from public.touchloop_latest order by id',
    )
    const expected = new Map<string, number>()
    for (const row of rows) expected.set(row.id, Math.max(expected.get(row.id) ?? -1, row.revision))
    expect(latest.rows.map((row) => [row.id, row.revision])).toEqual(
      [...expected.entries()].sort(([a], [b]) => a.localeCompare(b)),
    )
  })

  it('the insert policy refuses rows that break its check', async () => {
    const bad = [{ ...rows[0]!, id: 'another-id', answers: { comment: 'x'.repeat(100_001) } }]
    await expect(asAnon('POST', () => db.query(upsertSql('ignore-duplicates'), [JSON.stringify(bad)]))).rejects.toThrow(
      /row-level security/,
    )
  })
})
