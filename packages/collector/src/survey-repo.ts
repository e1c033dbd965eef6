// Surveys published over the admin API, in the database (migration 4): every publish is a new,
// immutable row of survey_versions; `surveys` holds each survey's current version and status
// (published, paused, archived); survey_history records who did what. Every change bumps the
// 'surveys' change counter in the same transaction, so other collector instances know to reload.
import type { Survey } from '@touchloop/core'
import type { SqlDb, SqlQueryable } from './db/sql'

export type SurveyStatus = 'published' | 'paused' | 'archived'
export type SurveyAction = 'publish' | 'pause' | 'resume' | 'archive'

export interface SurveyState {
  id: string
  status: SurveyStatus
  /** The current (latest published) version. */
  version: number
  updatedAt: string
  updatedBy: string
}

export interface StoredSurveyVersion {
  surveyId: string
  version: number
  /** The definition as published, with `version` set (key order as sent). */
  survey: Survey
}

export interface SurveyVersionInfo {
  version: number
  publishedAt: string
  actor: string
  /** Top-level fields that differ from the previous version (['created'] for the first). */
  changes: string[]
}

export interface SurveyHistoryEntry {
  at: string
  actor: string
  action: SurveyAction
  version: number
  changes: string[]
}

export interface SurveySnapshot {
  /** The change counter these rows were read at. */
  revision: number
  states: SurveyState[]
  versions: StoredSurveyVersion[]
}

export interface PublishOutcome {
  /** created: version 1 of a new survey; published: a new version (or an archived one back); unchanged: nothing to do. */
  outcome: 'created' | 'published' | 'unchanged'
  state: SurveyState
  survey: Survey
  changes: string[]
}

export type StatusOutcome =
  | { outcome: 'changed' | 'unchanged'; state: SurveyState }
  | { outcome: 'not_found' }
  | { outcome: 'archived'; state: SurveyState }

interface StateRow {
  id: string
  status: SurveyStatus
  version: number
  updated_at: Date | string
  updated_by: string
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString()
const stateOf = (row: StateRow): SurveyState => ({
  id: row.id,
  status: row.status,
  version: Number(row.version),
  updatedAt: iso(row.updated_at),
  updatedBy: row.updated_by,
})

/** JSON with object keys sorted: equal for equal content whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  )
}

/** The top-level fields (other than `version`) whose content differs between two definitions. */
export function changedFields(before: object | undefined, after: object): string[] {
  if (!before) return ['created']
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  keys.delete('version')
  return [...keys]
    .filter(
      (key) =>
        canonicalJson((before as Record<string, unknown>)[key]) !==
        canonicalJson((after as Record<string, unknown>)[key]),
    )
    .sort()
}

/** The definition with `version` set, in the place the sender put it (else after id and name). */
export function withVersion(definition: Record<string, unknown>, version: number): Survey {
  if ('version' in definition) return { ...definition, version } as unknown as Survey
  const out: Record<string, unknown> = {}
  let placed = false
  for (const [key, value] of Object.entries(definition)) {
    out[key] = value
    if (!placed && key === ('name' in definition ? 'name' : 'id')) {
      out.version = version
      placed = true
    }
  }
  if (!placed) out.version = version
  return out as unknown as Survey
}

export async function readSurveysRevision(db: SqlQueryable): Promise<number> {
  const { rows } = await db.query<{ value: string }>("select value from collector_state where key = 'surveys'")
  return Number(rows[0]?.value ?? 0)
}

/** Every survey's state and every version (for the in-memory catalog), read consistently. */
export async function readSurveySnapshot(db: SqlDb): Promise<SurveySnapshot> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('set transaction isolation level repeatable read')
    const revision = await readSurveysRevision(tx)
    const { rows: states } = await tx.query<StateRow>(
      'select id, status, version, updated_at, updated_by from surveys order by id',
    )
    const { rows: versions } = await tx.query<{ survey_id: string; version: number; definition: string }>(
      'select survey_id, version, definition from survey_versions order by survey_id, version',
    )
    return {
      revision,
      states: states.map(stateOf),
      versions: versions.map((row) => ({
        surveyId: row.survey_id,
        version: Number(row.version),
        survey: JSON.parse(row.definition) as Survey,
      })),
    }
  })
}

async function lockSurvey(db: SqlDb, tx: SqlQueryable, id: string): Promise<void> {
  // Two publishes of one survey on two instances must not both take version n + 1. PGlite runs one
  // transaction at a time anyway.
  if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 7))', [`survey:${id}`])
}

async function bumpRevision(tx: SqlQueryable): Promise<void> {
  await tx.query("update collector_state set value = (value::bigint + 1)::text where key = 'surveys'")
}

async function addHistory(
  tx: SqlQueryable,
  entry: { id: string; action: SurveyAction; version: number; actor: string; changes: string[] },
): Promise<void> {
  await tx.query(
    'insert into survey_history (survey_id, action, version, actor, changes) values ($1, $2, $3, $4, $5::jsonb)',
    [entry.id, entry.action, entry.version, entry.actor, JSON.stringify(entry.changes)],
  )
}

/**
 * Publishes a validated definition (without `version`) as the survey's next version, numbered above
 * `floorVersion` (the version of a --surveys file of the same id) and every earlier one. Content
 * equal to the current version publishes nothing. An archived survey is published again; a paused
 * one stays paused (resume is its own action).
 */
export async function publishSurvey(
  db: SqlDb,
  input: { id: string; definition: Record<string, unknown>; actor: string; floorVersion: number },
): Promise<PublishOutcome> {
  return db.transaction(async (tx) => {
    await lockSurvey(db, tx, input.id)
    const { rows } = await tx.query<StateRow & { definition: string }>(
      `select s.id, s.status, s.version, s.updated_at, s.updated_by, v.definition
       from surveys s join survey_versions v on v.survey_id = s.id and v.version = s.version where s.id = $1`,
      [input.id],
    )
    const current = rows[0]
    const previous = current ? (JSON.parse(current.definition) as Record<string, unknown>) : undefined
    const changes = changedFields(previous, input.definition)
    if (current && previous && changes.length === 0) {
      if (current.status !== 'archived') {
        return { outcome: 'unchanged', state: stateOf(current), survey: previous as unknown as Survey, changes: [] }
      }
      // The same content again after an archive: published again under its version, no new version.
      const { rows: revived } = await tx.query<StateRow>(
        `update surveys set status = 'published', updated_by = $2, updated_at = now() where id = $1
         returning id, status, version, updated_at, updated_by`,
        [input.id, input.actor],
      )
      await addHistory(tx, {
        id: input.id,
        action: 'publish',
        version: Number(current.version),
        actor: input.actor,
        changes: [],
      })
      await bumpRevision(tx)
      return { outcome: 'published', state: stateOf(revived[0]!), survey: previous as unknown as Survey, changes: [] }
    }
    const version = Math.max(current ? Number(current.version) : 0, input.floorVersion) + 1
    const survey = withVersion(input.definition, version)
    const status: SurveyStatus = current?.status === 'paused' ? 'paused' : 'published'
    const { rows: stateRows } = await tx.query<StateRow>(
      `insert into surveys (id, status, version, updated_by) values ($1, $2, $3, $4)
       on conflict (id) do update set status = excluded.status, version = excluded.version,
         updated_by = excluded.updated_by, updated_at = now()
       returning id, status, version, updated_at, updated_by`,
      [input.id, status, version, input.actor],
    )
    await tx.query(
      'insert into survey_versions (survey_id, version, definition, changes, actor) values ($1, $2, $3, $4::jsonb, $5)',
      [input.id, version, JSON.stringify(survey), JSON.stringify(changes), input.actor],
    )
    await addHistory(tx, { id: input.id, action: 'publish', version, actor: input.actor, changes })
    await bumpRevision(tx)
    return { outcome: current ? 'published' : 'created', state: stateOf(stateRows[0]!), survey, changes }
  })
}

const TARGET_STATUS: Record<Exclude<SurveyAction, 'publish'>, SurveyStatus> = {
  pause: 'paused',
  resume: 'published',
  archive: 'archived',
}

/** Pause, resume or archive. Pausing or resuming an archived survey is refused ('archived'). */
export async function setSurveyStatus(
  db: SqlDb,
  input: { id: string; action: Exclude<SurveyAction, 'publish'>; actor: string },
): Promise<StatusOutcome> {
  return db.transaction(async (tx) => {
    await lockSurvey(db, tx, input.id)
    const { rows } = await tx.query<StateRow>(
      'select id, status, version, updated_at, updated_by from surveys where id = $1',
      [input.id],
    )
    const current = rows[0]
    if (!current) return { outcome: 'not_found' }
    const target = TARGET_STATUS[input.action]
    if (current.status === target) return { outcome: 'unchanged', state: stateOf(current) }
    if (current.status === 'archived') return { outcome: 'archived', state: stateOf(current) }
    const { rows: updated } = await tx.query<StateRow>(
      `update surveys set status = $2, updated_by = $3, updated_at = now() where id = $1
       returning id, status, version, updated_at, updated_by`,
      [input.id, target, input.actor],
    )
    await addHistory(tx, {
      id: input.id,
      action: input.action,
      version: Number(current.version),
      actor: input.actor,
      changes: [],
    })
    await bumpRevision(tx)
    return { outcome: 'changed', state: stateOf(updated[0]!) }
  })
}

export async function readSurveyState(db: SqlQueryable, id: string): Promise<SurveyState | undefined> {
  const { rows } = await db.query<StateRow>(
    'select id, status, version, updated_at, updated_by from surveys where id = $1',
    [id],
  )
  return rows[0] ? stateOf(rows[0]) : undefined
}

export async function readSurveyVersion(db: SqlQueryable, id: string, version?: number): Promise<Survey | undefined> {
  const { rows } = await db.query<{ definition: string }>(
    `select v.definition from survey_versions v join surveys s on s.id = v.survey_id
     where v.survey_id = $1 and v.version = coalesce($2::bigint, s.version)`,
    [id, version ?? null],
  )
  return rows[0] ? (JSON.parse(rows[0].definition) as Survey) : undefined
}

/** Versions (newest first) and the history of actions (newest first) of one survey. */
export async function readSurveyHistory(
  db: SqlQueryable,
  id: string,
): Promise<{ versions: SurveyVersionInfo[]; history: SurveyHistoryEntry[] }> {
  const [versions, history] = await Promise.all([
    db.query<{ version: number; created_at: Date | string; actor: string; changes: string[] }>(
      'select version, created_at, actor, changes from survey_versions where survey_id = $1 order by version desc',
      [id],
    ),
    db.query<{ at: Date | string; actor: string; action: SurveyAction; version: number; changes: string[] }>(
      'select at, actor, action, version, changes from survey_history where survey_id = $1 order by seq desc limit 1000',
      [id],
    ),
  ])
  return {
    versions: versions.rows.map((row) => ({
      version: Number(row.version),
      publishedAt: iso(row.created_at),
      actor: row.actor,
      changes: row.changes,
    })),
    history: history.rows.map((row) => ({
      at: iso(row.at),
      actor: row.actor,
      action: row.action,
      version: Number(row.version),
      changes: row.changes,
    })),
  }
}
