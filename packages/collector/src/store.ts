// Response storage on any SqlDb (PGlite or PostgreSQL): one row per response id holding its highest
// revision, written only by the client that created it, with the aggregates updated in the same
// transaction (./aggregates).
import type { ResponseRecord } from '@touchloop/core'
import { AggregateDelta, contributionOf, type ScoreTypeOf } from './aggregates'
import { migrate } from './db/migrate'
import type { SqlDb, SqlQueryable } from './db/sql'

export { CollectorStorageError } from './db/sql'

/** What happened to one record: stored (new or higher revision), duplicate (same revision already
 * there), superseded (a higher revision is already there), conflict (the id belongs to another
 * survey) or not_owner (the id belongs to another client). */
export type UpsertOutcome = 'stored' | 'duplicate' | 'superseded' | 'conflict' | 'not_owner'

export interface StoredResponse extends ResponseRecord {
  receivedAt: string
}

export interface ListFilter {
  surveyId?: string
  touchpoint?: string
  /** ISO dates: received at or after / before. */
  since?: string
  until?: string
  /** Only responses with at least one answer. */
  answeredOnly?: boolean
  /** From a previous page's nextCursor. */
  cursor?: Cursor
  /** Default 100, at most 1000. */
  limit?: number
  /** Stop adding rows once the page holds this many bytes of JSON (default 4 MB); at least one row. */
  maxBytes?: number
}

export interface Cursor {
  receivedAt: string
  id: string
}

export interface ResponsePage {
  responses: StoredResponse[]
  nextCursor?: Cursor
}

export interface ResponseStore {
  readonly db: SqlDb
  upsert(records: ResponseRecord[]): Promise<UpsertOutcome[]>
  list(filter?: ListFilter): Promise<ResponsePage>
  addDropped(counts: Record<string, number>): Promise<void>
  dropped(): Promise<Record<string, number>>
  /** Deletes every response of one user (by userId or anonymousId) and takes it out of the aggregates. */
  erase(subject: { userId?: string; anonymousId?: string }): Promise<number>
  /** Deletes responses received more than `days` days ago (the aggregates keep their counts). */
  deleteOlderThan(days: number): Promise<number>
  /** Recomputes the aggregates from the rows (after the survey definitions changed). */
  rebuildAggregates(): Promise<void>
  /** Folds the spread rows of past days into one row each (startCollector runs it hourly). */
  compactAggregates(): Promise<void>
  close(): Promise<void>
}

export interface ResponseStoreOptions {
  /** Which answers are NPS/CSAT/CES scores (from the survey definitions). */
  scoreTypeOf: ScoreTypeOf
  /** Changes when the score types change: the aggregates are rebuilt when it differs from the stored one.
   * A function when the score types change at run time (surveys published over the admin API). */
  scoreTypesFingerprint?: string | (() => string)
  /** The day a new response is bucketed under ('YYYY-MM-DD', UTC). Tests pin it. */
  today?: () => string
  /** Called in the upsert's transaction after the rows are written (./alerts enqueueAlerts: follow-ups, webhook outbox). */
  afterUpsert?: (tx: SqlQueryable, stored: ResponseRecord[], previous: Map<string, ResponseRecord>) => Promise<void>
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER
const REBUILD_LOCK = 74_657_302 // an advisory lock id of its own (see db/migrate.ts)
const utcToday = () => new Date().toISOString().slice(0, 10)

interface ExistingRow {
  id: string
  revision: number
  survey_id: string
  anonymous_id: string
  day: string
  record: ResponseRecord
}

interface ListRow {
  record: ResponseRecord
  received_at: Date | string
  /** received_at to the microsecond (a JS Date keeps milliseconds: a cursor from it would skip rows). */
  exact_at: string
  id: string
  size: number
}

/** received_at to the microsecond, as text: a JS Date keeps milliseconds, and a cursor from it would skip
 * the rows received in the same millisecond (one batch shares one timestamp). */
export const exactAt = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as exact_at`

/** A page from rows fetched with limit + 1: the first `limit` as views, and the cursor after the last. */
export function pageOf<R extends { exact_at: string }, V extends { id: string }>(
  rows: readonly R[],
  limit: number,
  view: (row: R) => V,
): { responses: V[]; nextCursor?: Cursor } {
  const page = rows.slice(0, limit)
  const responses = page.map(view)
  const last = page[page.length - 1]
  const lastView = responses[responses.length - 1]
  return rows.length > limit && last && lastView
    ? { responses, nextCursor: { receivedAt: last.exact_at, id: lastView.id } }
    : { responses }
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString())

/** How many rows share the counts of one survey/day/touchpoint on PostgreSQL (see migration 3). */
const SHARDS = 8

/**
 * One statement (one round trip) that adds a delta to the three aggregate tables, after `before`: an
 * optional data-modifying CTE of the caller's (the response rows), whose parameters come first.
 */
async function applyDelta(
  tx: SqlQueryable,
  delta: AggregateDelta,
  shard: number,
  before?: { cte: string; params: unknown[] },
): Promise<void> {
  const { responses, scores, durations } = delta.rows()
  const offset = before?.params.length ?? 0
  const p = (n: number) => `$${offset + n}`
  await tx.query(
    `with ${before ? `${before.cte},` : ''}
     r as (insert into agg_responses as a (survey_id, touchpoint, day, shard, responses, answered, completed, dismissed)
       select survey_id, touchpoint, day, ${p(4)}, (n->>0)::bigint, (n->>1)::bigint, (n->>2)::bigint, (n->>3)::bigint
       from jsonb_to_recordset(${p(1)}::jsonb) as input(survey_id text, touchpoint text, day date, n jsonb)
       on conflict (survey_id, day, touchpoint, shard) do update set
         responses = a.responses + excluded.responses, answered = a.answered + excluded.answered,
         completed = a.completed + excluded.completed, dismissed = a.dismissed + excluded.dismissed
       returning 1),
     s as (insert into agg_scores as a (survey_id, touchpoint, day, shard, question_id, kind, value, count)
       select survey_id, touchpoint, day, ${p(4)}, question_id, kind, value, n
       from jsonb_to_recordset(${p(2)}::jsonb) as input(survey_id text, touchpoint text, day date, question_id text,
         kind text, value smallint, n bigint)
       on conflict (survey_id, day, touchpoint, question_id, value, shard) do update set count = a.count + excluded.count
       returning 1),
     d as (insert into agg_durations as a (survey_id, touchpoint, day, shard, bucket, count)
       select survey_id, touchpoint, day, ${p(4)}, bucket, n
       from jsonb_to_recordset(${p(3)}::jsonb) as input(survey_id text, touchpoint text, day date, bucket smallint, n bigint)
       on conflict (survey_id, day, touchpoint, bucket, shard) do update set count = a.count + excluded.count
       returning 1)
     select 1`,
    [...(before?.params ?? []), JSON.stringify(responses), JSON.stringify(scores), JSON.stringify(durations), shard],
  )
}

/** Opens a store on a migrated database; rebuilds the aggregates when the score types changed. */
export async function createResponseStore(db: SqlDb, options: ResponseStoreOptions): Promise<ResponseStore> {
  await migrate(db)
  const { scoreTypeOf } = options
  const fingerprint = () =>
    typeof options.scoreTypesFingerprint === 'function'
      ? options.scoreTypesFingerprint()
      : (options.scoreTypesFingerprint ?? '')
  const today = options.today ?? utcToday
  // PGlite runs one transaction at a time: nothing to spread.
  const pickShard = () => (db.kind === 'postgres' ? Math.floor(Math.random() * SHARDS) : 0)

  async function upsertBatch(tx: SqlQueryable, records: ResponseRecord[]): Promise<UpsertOutcome[]> {
    const ids = [...new Set(records.map((record) => record.id))]
    // Every writer of an id holds its lock until commit, so what we read below stays true until we write
    // (sorted, so two batches sharing ids never wait on each other in a cycle).
    if (db.kind === 'postgres') {
      await tx.query(
        `select pg_advisory_xact_lock(k) from (select distinct hashtextextended(id, 0) as k
         from unnest($1::text[]) as t(id)) as keys order by k`,
        [ids],
      )
    }
    const { rows } = await tx.query<ExistingRow>(
      'select id, revision, survey_id, anonymous_id, day::text as day, record from responses where id = any($1::text[])',
      [ids],
    )
    const existing = new Map(rows.map((row) => [row.id, row]))
    // The batch's highest revision per id wins (when it beats the stored one and the id is theirs).
    const winners = new Map<string, ResponseRecord>()
    const verdict = new Map<string, UpsertOutcome>()
    for (const record of records) {
      const stored = existing.get(record.id)
      if (stored && stored.survey_id !== record.surveyId) continue
      if (stored && stored.anonymous_id !== record.anonymousId) continue
      const best = winners.get(record.id)
      if ((!stored || record.revision > stored.revision) && (!best || record.revision > best.revision)) {
        winners.set(record.id, record)
      }
    }
    const day = today()
    const delta = new AggregateDelta()
    const writes = [...winners.values()].map((record) => {
      const stored = existing.get(record.id)
      if (stored) {
        delta.add(
          { surveyId: stored.survey_id, touchpoint: stored.record.touchpoint, day: stored.day },
          contributionOf(stored.record, scoreTypeOf),
          -1,
        )
      }
      const rowDay = stored?.day ?? day
      delta.add(
        { surveyId: record.surveyId, touchpoint: record.touchpoint, day: rowDay },
        contributionOf(record, scoreTypeOf),
        1,
      )
      return {
        id: record.id,
        revision: record.revision,
        event: record.event,
        survey_id: record.surveyId,
        survey_version: record.surveyVersion,
        touchpoint: record.touchpoint,
        answers: record.answers,
        anonymous_id: record.anonymousId,
        user_id: record.userId ?? null,
        day: rowDay,
        record,
      }
    })
    if (writes.length > 0) {
      // The rows and their aggregates in one statement.
      await applyDelta(tx, delta, pickShard(), {
        cte: `w as (insert into responses (id, revision, event, survey_id, survey_version, touchpoint, answers,
           anonymous_id, user_id, day, record)
         select id, revision, event, survey_id, survey_version, touchpoint, answers, anonymous_id, user_id, day, record
         from jsonb_to_recordset($1::jsonb) as input(id text, revision integer, event text, survey_id text,
           survey_version bigint, touchpoint text, answers jsonb, anonymous_id text, user_id text, day date, record jsonb)
         on conflict (id) do update set
           revision = excluded.revision, event = excluded.event, survey_version = excluded.survey_version,
           touchpoint = excluded.touchpoint, answers = excluded.answers, user_id = excluded.user_id,
           record = excluded.record, updated_at = now()
         returning 1)`,
        params: [JSON.stringify(writes)],
      })
      await options.afterUpsert?.(tx, [...winners.values()], new Map(rows.map((row) => [row.id, row.record])))
    }
    return records.map((record) => {
      const stored = existing.get(record.id)
      if (stored && stored.survey_id !== record.surveyId) return 'conflict'
      if (stored && stored.anonymous_id !== record.anonymousId) return 'not_owner'
      const winner = winners.get(record.id)
      const key = `${record.id}:${record.revision}`
      if (winner && winner.revision === record.revision && !verdict.has(key)) {
        verdict.set(key, 'stored')
        return 'stored'
      }
      const current = winner?.revision ?? stored?.revision ?? -1
      return record.revision === current ? 'duplicate' : 'superseded'
    })
  }

  async function deleteRows(where: string, params: unknown[]): Promise<number> {
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<ExistingRow>(
        `delete from responses where ${where} returning id, revision, survey_id, anonymous_id, day::text as day, record`,
        params,
      )
      const delta = new AggregateDelta()
      for (const row of rows) {
        delta.add(
          { surveyId: row.survey_id, touchpoint: row.record.touchpoint, day: row.day },
          contributionOf(row.record, scoreTypeOf),
          -1,
        )
      }
      await applyDelta(tx, delta, pickShard())
      return rows.length
    })
  }

  /** Recomputes every aggregate; `onlyIfStale`: unless they were built for these score types already. */
  async function rebuildAggregates(onlyIfStale = false): Promise<void> {
    const rebuilt = await db.transaction(async (tx) => {
      // One rebuild at a time across instances, and writers wait meanwhile (PGlite runs one
      // transaction at a time anyway).
      await tx.query('select pg_advisory_xact_lock($1)', [REBUILD_LOCK])
      if (onlyIfStale) {
        const { rows } = await tx.query<{ value: string }>("select value from collector_state where key = 'aggregates'")
        if (rows[0]?.value === fingerprint()) return false
      }
      if (db.kind === 'postgres') await tx.query('lock table responses in share mode')
      await tx.query('delete from agg_responses')
      await tx.query('delete from agg_scores')
      await tx.query('delete from agg_durations')
      let after = ''
      for (;;) {
        const { rows } = await tx.query<ExistingRow>(
          `select id, revision, survey_id, anonymous_id, day::text as day, record from responses
           where id > $1 order by id limit 2000`,
          [after],
        )
        if (rows.length === 0) break
        const delta = new AggregateDelta()
        for (const row of rows) {
          delta.add(
            { surveyId: row.survey_id, touchpoint: row.record.touchpoint, day: row.day },
            contributionOf(row.record, scoreTypeOf),
            1,
          )
        }
        await applyDelta(tx, delta, 0 /* one writer: no spreading */)
        after = rows[rows.length - 1]!.id
      }
      await tx.query(
        `insert into collector_state (key, value) values ('aggregates', $1)
         on conflict (key) do update set value = excluded.value`,
        [fingerprint()],
      )
      return true
    })
    // Fresh planner statistics: the tables were just rewritten (PostgreSQL plans badly on stale ones).
    if (rebuilt && db.kind === 'postgres') await db.query('analyze agg_responses, agg_scores, agg_durations')
  }

  await rebuildAggregates(true)

  return {
    db,
    async upsert(records) {
      if (records.length === 0) return []
      return db.transaction((tx) => upsertBatch(tx, records))
    },
    async list(filter = {}) {
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000)
      const maxBytes = filter.maxBytes ?? 4_000_000
      const { rows } = await db.query<ListRow>(
        `select record, received_at, id, octet_length(record::text) as size, ${exactAt('received_at')}
         from responses
         where ($1::text is null or survey_id = $1) and ($2::text is null or touchpoint = $2)
           and ($3::timestamptz is null or received_at >= $3) and ($4::timestamptz is null or received_at < $4)
           and (not $5::boolean or answers <> '{}'::jsonb)
           and ($6::timestamptz is null or (received_at, id) < ($6::timestamptz, $7::text))
         order by received_at desc, id desc limit $8`,
        [
          filter.surveyId ?? null,
          filter.touchpoint ?? null,
          filter.since ?? null,
          filter.until ?? null,
          filter.answeredOnly === true,
          filter.cursor?.receivedAt ?? null,
          filter.cursor?.id ?? null,
          limit + 1,
        ],
      )
      const responses: StoredResponse[] = []
      let bytes = 0
      let last: ListRow | undefined
      for (const row of rows.slice(0, limit)) {
        bytes += Number(row.size)
        if (responses.length > 0 && bytes > maxBytes) break
        responses.push({ ...row.record, receivedAt: iso(row.received_at) })
        last = row
      }
      const more = responses.length < rows.length
      return more && last ? { responses, nextCursor: { receivedAt: last.exact_at, id: last.id } } : { responses }
    },
    async addDropped(counts) {
      const entries = Object.entries(counts).filter(([, count]) => Number.isInteger(count) && count > 0)
      if (entries.length === 0) return
      // Saturates at 2^53 − 1: a hostile count can neither overflow the column nor lock later batches.
      await db.query(
        `insert into dropped_counts as d (reason, count)
         select reason, least(n, $2::bigint) from jsonb_to_recordset($1::jsonb) as input(reason text, n numeric)
         order by reason
         on conflict (reason) do update set count = least(d.count::numeric + excluded.count, $2::bigint)::bigint`,
        [JSON.stringify(entries.map(([reason, n]) => ({ reason, n }))), MAX_SAFE],
      )
    },
    async dropped() {
      const { rows } = await db.query<{ reason: string; count: number }>(
        'select reason, count from dropped_counts order by reason',
      )
      return Object.fromEntries(rows.map((row) => [row.reason, Number(row.count)]))
    },
    async erase(subject) {
      if (subject.userId) return deleteRows('user_id = $1', [subject.userId])
      if (subject.anonymousId) return deleteRows('anonymous_id = $1', [subject.anonymousId])
      return 0
    },
    async deleteOlderThan(days) {
      const { rows } = await db.query<{ n: number }>(
        `with gone as (delete from responses where received_at < now() - make_interval(days => $1::int) returning 1)
         select count(*)::int as n from gone`,
        [days],
      )
      return rows[0]?.n ?? 0
    },
    rebuildAggregates: () => rebuildAggregates(),
    async compactAggregates() {
      if (db.kind !== 'postgres') return // PGlite writes shard 0 only
      await db.transaction(async (tx) => {
        // Writers spread today's counts over SHARDS rows; once a day is past, one row per key serves reads.
        const before = today()
        await tx.query(
          `with moved as (delete from agg_responses where shard <> 0 and day < $1
             returning survey_id, touchpoint, day, responses, answered, completed, dismissed)
           insert into agg_responses as a (survey_id, touchpoint, day, shard, responses, answered, completed, dismissed)
           select survey_id, touchpoint, day, 0, sum(responses), sum(answered), sum(completed), sum(dismissed)
           from moved group by survey_id, touchpoint, day order by 1, 3, 2
           on conflict (survey_id, day, touchpoint, shard) do update set
             responses = a.responses + excluded.responses, answered = a.answered + excluded.answered,
             completed = a.completed + excluded.completed, dismissed = a.dismissed + excluded.dismissed`,
          [before],
        )
        await tx.query(
          `with moved as (delete from agg_scores where shard <> 0 and day < $1
             returning survey_id, touchpoint, day, question_id, kind, value, count)
           insert into agg_scores as a (survey_id, touchpoint, day, shard, question_id, kind, value, count)
           select survey_id, touchpoint, day, 0, question_id, kind, value, sum(count)
           from moved group by survey_id, touchpoint, day, question_id, kind, value order by 1, 3, 2, 4, 6
           on conflict (survey_id, day, touchpoint, question_id, value, shard) do update set count = a.count + excluded.count`,
          [before],
        )
        await tx.query(
          `with moved as (delete from agg_durations where shard <> 0 and day < $1
             returning survey_id, touchpoint, day, bucket, count)
           insert into agg_durations as a (survey_id, touchpoint, day, shard, bucket, count)
           select survey_id, touchpoint, day, 0, bucket, sum(count)
           from moved group by survey_id, touchpoint, day, bucket order by 1, 3, 2, 4
           on conflict (survey_id, day, touchpoint, bucket, shard) do update set count = a.count + excluded.count`,
          [before],
        )
      })
    },
    close: () => db.close(),
  }
}
