// Response storage on PGlite (embedded Postgres in WASM): a data directory on disk, or `memory://`.
// Upsert by (id, revision): one row per response id, holding its highest revision.
import { mkdirSync } from 'node:fs'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { ResponseRecord } from '@touchloop/core'
import { MIGRATIONS } from './migrations'

/** What happened to one record: stored (new or higher revision), duplicate (same revision already
 * there), superseded (a higher revision is already there) or conflict (the id belongs to another survey). */
export type UpsertOutcome = 'stored' | 'duplicate' | 'superseded' | 'conflict'

export interface StoredResponse extends ResponseRecord {
  receivedAt: string
}

export interface ListFilter {
  surveyId?: string
  touchpoint?: string
  /** Default 100, at most 1000. */
  limit?: number
}

export interface ResponseStore {
  upsert(records: ResponseRecord[]): Promise<UpsertOutcome[]>
  list(filter?: ListFilter): Promise<StoredResponse[]>
  /** Every stored response (for stats); ordered by id. */
  all(): Promise<StoredResponse[]>
  addDropped(counts: Record<string, number>): Promise<void>
  dropped(): Promise<Record<string, number>>
  close(): Promise<void>
}

export class CollectorStorageError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CollectorStorageError'
    this.code = code
  }
}

interface Row {
  record: ResponseRecord
  received_at: Date | string
}

function toStored(row: Row): StoredResponse {
  const receivedAt = row.received_at instanceof Date ? row.received_at.toISOString() : String(row.received_at)
  return { ...row.record, receivedAt }
}

async function migrate(db: PGlite): Promise<void> {
  await db.exec(
    'create table if not exists schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
  )
  const { rows } = await db.query<{ version: number }>(
    'select coalesce(max(version), 0) as version from schema_migrations',
  )
  const current = rows[0]?.version ?? 0
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    await db.transaction(async (tx) => {
      await tx.exec(MIGRATIONS[version - 1]!)
      await tx.query('insert into schema_migrations (version) values ($1)', [version])
    })
  }
}

/**
 * Upserts a whole batch in two statements, whatever its size: one set-based insert of the highest
 * revision per id in the batch, then one read to tell each record what happened to it.
 */
async function upsertBatch(tx: Transaction, records: ResponseRecord[]): Promise<UpsertOutcome[]> {
  const rows = records.map((record) => ({
    id: record.id,
    revision: record.revision,
    event: record.event,
    survey_id: record.surveyId,
    survey_version: record.surveyVersion,
    touchpoint: record.touchpoint,
    answers: record.answers,
    record,
  }))
  // `distinct on` keeps one row per id (its highest revision): Postgres refuses an upsert that
  // touches the same row twice in one statement.
  const written = await tx.query<{ id: string; revision: number }>(
    `insert into responses (id, revision, event, survey_id, survey_version, touchpoint, answers, record)
     select distinct on (id) id, revision, event, survey_id, survey_version, touchpoint, answers, record
     from jsonb_to_recordset($1::jsonb) as input(id text, revision integer, event text, survey_id text,
       survey_version integer, touchpoint text, answers jsonb, record jsonb)
     order by id, revision desc
     on conflict (id) do update set
       revision = excluded.revision, event = excluded.event, survey_version = excluded.survey_version,
       touchpoint = excluded.touchpoint, answers = excluded.answers, record = excluded.record, updated_at = now()
     where responses.revision < excluded.revision and responses.survey_id = excluded.survey_id
     returning id, revision`,
    [JSON.stringify(rows)],
  )
  const { rows: current } = await tx.query<{ id: string; revision: number; survey_id: string }>(
    'select id, revision, survey_id from responses where id = any($1::text[])',
    [[...new Set(records.map((record) => record.id))]],
  )
  const storedNow = new Set(written.rows.map((row) => `${row.id}:${row.revision}`))
  const byId = new Map(current.map((row) => [row.id, row]))
  return records.map((record) => {
    const key = `${record.id}:${record.revision}`
    // The first record of a written (id, revision) is "stored"; a repeat of it in the same batch is a duplicate.
    if (storedNow.delete(key)) return 'stored'
    const existing = byId.get(record.id)
    if (!existing || existing.survey_id !== record.surveyId) return 'conflict'
    if (existing.revision === record.revision) return 'duplicate'
    return existing.revision > record.revision ? 'superseded' : 'conflict'
  })
}

/** Opens (and migrates) the database. `dataDir`: a folder, or `memory://` for a throwaway one. */
export async function createPgliteStore(dataDir: string): Promise<ResponseStore> {
  let db: PGlite
  try {
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true })
    db = await PGlite.create(dataDir)
    await migrate(db)
  } catch (error) {
    throw new CollectorStorageError(
      'storage_open_failed',
      `Could not open the collector database at "${dataDir}": ${(error as Error).message}. Check that the folder is writable and not used by another collector process, or pass --data-dir memory:// for a throwaway database.`,
      { cause: error },
    )
  }

  return {
    async upsert(records) {
      if (records.length === 0) return []
      return db.transaction((tx) => upsertBatch(tx, records))
    },
    async list(filter = {}) {
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000)
      const { rows } = await db.query<Row>(
        `select record, received_at from responses
         where ($1::text is null or survey_id = $1) and ($2::text is null or touchpoint = $2)
         order by received_at desc, id limit $3`,
        [filter.surveyId ?? null, filter.touchpoint ?? null, limit],
      )
      return rows.map(toStored)
    },
    async all() {
      const { rows } = await db.query<Row>('select record, received_at from responses order by id')
      return rows.map(toStored)
    },
    async addDropped(counts) {
      const entries = Object.entries(counts).filter(([, count]) => Number.isInteger(count) && count > 0)
      if (entries.length === 0) return
      await db.transaction(async (tx) => {
        for (const [reason, count] of entries) {
          await tx.query(
            `insert into dropped_counts (reason, count) values ($1, $2)
             on conflict (reason) do update set count = dropped_counts.count + excluded.count`,
            [reason, count],
          )
        }
      })
    },
    async dropped() {
      const { rows } = await db.query<{ reason: string; count: string | number }>(
        'select reason, count from dropped_counts order by reason',
      )
      return Object.fromEntries(rows.map((row) => [row.reason, Number(row.count)]))
    },
    async close() {
      if (!db.closed) await db.close()
    },
  }
}
