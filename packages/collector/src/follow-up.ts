// Reading responses the way the dashboard needs them (filters by NPS category and text, with their
// follow-up), the follow-up inbox, and follow-up changes with their history.
import type { ResponseRecord } from '@touchloop/core'
import type { SqlDb } from './db/sql'
import type { NpsCategory } from './labels'
import { type Cursor, exactAt, pageOf } from './store'

export const FOLLOW_UP_STATUSES = ['open', 'contacted', 'resolved'] as const
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]

export interface FollowUp {
  category: NpsCategory
  score: number
  hasComment: boolean
  status: FollowUpStatus
  assignee: string | null
  note: string | null
  updatedAt: string
}

export interface ResponseView extends ResponseRecord {
  receivedAt: string
  followUp?: FollowUp
}

export interface SearchFilter {
  surveyId?: string
  touchpoint?: string
  since?: string
  until?: string
  category?: NpsCategory
  /** Case-insensitive substring of any answer. */
  text?: string
  /** Default true: only responses with at least one answer. */
  answeredOnly?: boolean
  /** Follow-up status (only responses with a follow-up). */
  status?: FollowUpStatus
  cursor?: Cursor
  limit?: number
}

export interface ResponseViewPage {
  responses: ResponseView[]
  nextCursor?: Cursor
}

interface Row {
  record: ResponseRecord
  received_at: Date | string
  exact_at: string
  category: NpsCategory | null
  score: number | null
  has_comment: boolean | null
  status: FollowUpStatus | null
  assignee: string | null
  note: string | null
  updated_at: Date | string | null
}

const iso = (value: Date | string) => new Date(value).toISOString()
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

function viewOf(row: Row): ResponseView {
  const view: ResponseView = { ...row.record, receivedAt: iso(row.received_at) }
  if (row.category && row.status && row.score !== null) {
    view.followUp = {
      category: row.category,
      score: row.score,
      hasComment: row.has_comment === true,
      status: row.status,
      assignee: row.assignee,
      note: row.note,
      updatedAt: iso(row.updated_at ?? row.received_at),
    }
  }
  return view
}

const COLUMNS = `r.record, r.received_at, ${exactAt('r.received_at')}, f.category, f.score, f.has_comment, f.status, f.assignee, f.note, f.updated_at`

/** Newest first, cursor-paged. Filters on the responses' own columns, so paging stays an index walk. */
export async function searchResponses(db: SqlDb, filter: SearchFilter = {}): Promise<ResponseViewPage> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 1000)
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from responses r left join follow_ups f on f.response_id = r.id
     where ($1::text is null or r.survey_id = $1) and ($2::text is null or r.touchpoint = $2)
       and ($3::timestamptz is null or r.received_at >= $3) and ($4::timestamptz is null or r.received_at < $4)
       and (not $5::boolean or r.answers <> '{}'::jsonb)
       and ($6::text is null or f.category = $6)
       and ($7::text is null or exists (select 1 from jsonb_each_text(r.answers) as a where a.value ilike $7))
       and ($8::text is null or f.status = $8)
       and ($9::timestamptz is null or (r.received_at, r.id) < ($9::timestamptz, $10::text))
     order by r.received_at desc, r.id desc limit $11`,
    [
      filter.surveyId ?? null,
      filter.touchpoint ?? null,
      filter.since ?? null,
      filter.until ?? null,
      filter.answeredOnly !== false,
      filter.category ?? null,
      filter.text ? likePattern(filter.text) : null,
      filter.status ?? null,
      filter.cursor?.receivedAt ?? null,
      filter.cursor?.id ?? null,
      limit + 1,
    ],
  )
  return pageOf(rows, limit, viewOf)
}

export async function readResponse(db: SqlDb, id: string): Promise<ResponseView | undefined> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from responses r left join follow_ups f on f.response_id = r.id where r.id = $1`,
    [id],
  )
  return rows[0] ? viewOf(rows[0]) : undefined
}

export interface FollowUpEvent {
  at: string
  changes: Partial<Record<'status' | 'assignee' | 'note', [string | null, string | null]>>
}

export async function followUpHistory(db: SqlDb, id: string): Promise<FollowUpEvent[]> {
  const { rows } = await db.query<{ at: Date | string; changes: FollowUpEvent['changes'] }>(
    'select at, changes from follow_up_events where response_id = $1 order by id',
    [id],
  )
  return rows.map((row) => ({ at: iso(row.at), changes: row.changes }))
}

/** Counts per status of the inbox (detractors, or detractors and passives). */
export async function inboxCounts(
  db: SqlDb,
  categories: NpsCategory[],
  surveyId?: string,
): Promise<Record<FollowUpStatus, number>> {
  const { rows } = await db.query<{ status: FollowUpStatus; n: number }>(
    `select status, count(*)::int as n from follow_ups
     where category = any($1::text[]) and ($2::text is null or survey_id = $2) group by status`,
    [categories, surveyId ?? null],
  )
  const counts = { open: 0, contacted: 0, resolved: 0 }
  for (const row of rows) counts[row.status] = Number(row.n)
  return counts
}

export async function inbox(
  db: SqlDb,
  filter: { categories: NpsCategory[]; status?: FollowUpStatus; surveyId?: string; cursor?: Cursor; limit?: number },
): Promise<ResponseViewPage> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 200)
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from follow_ups f join responses r on r.id = f.response_id
     where f.category = any($1::text[]) and ($2::text is null or f.status = $2) and ($3::text is null or f.survey_id = $3)
       and ($4::timestamptz is null or (f.received_at, f.response_id) < ($4::timestamptz, $5::text))
     order by f.received_at desc, f.response_id desc limit $6`,
    [
      filter.categories,
      filter.status ?? null,
      filter.surveyId ?? null,
      filter.cursor?.receivedAt ?? null,
      filter.cursor?.id ?? null,
      limit + 1,
    ],
  )
  return pageOf(rows, limit, viewOf)
}

export interface FollowUpChange {
  status?: FollowUpStatus
  assignee?: string | null
  note?: string | null
}

/** Applies a change and records what changed; 'not_found' without the response, 'no_follow_up' without an NPS answer. */
export async function changeFollowUp(
  db: SqlDb,
  id: string,
  change: FollowUpChange,
): Promise<{ ok: true; followUp: FollowUp } | { ok: false; error: 'not_found' | 'no_follow_up' }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      status: FollowUpStatus
      assignee: string | null
      note: string | null
      has: boolean
    }>(
      `select f.status, f.assignee, f.note, (f.response_id is not null) as has
       from responses r left join follow_ups f on f.response_id = r.id where r.id = $1 for update of r`,
      [id],
    )
    const current = rows[0]
    if (!current) return { ok: false, error: 'not_found' }
    if (!current.has) return { ok: false, error: 'no_follow_up' }
    const changes: FollowUpEvent['changes'] = {}
    for (const field of ['status', 'assignee', 'note'] as const) {
      const next = change[field]
      if (next !== undefined && next !== current[field]) changes[field] = [current[field], next]
    }
    if (Object.keys(changes).length > 0) {
      await tx.query(
        `update follow_ups set status = coalesce($2, status),
           assignee = case when $3::boolean then $4 else assignee end,
           note = case when $5::boolean then $6 else note end, updated_at = now()
         where response_id = $1`,
        [
          id,
          change.status ?? null,
          change.assignee !== undefined,
          change.assignee ?? null,
          change.note !== undefined,
          change.note ?? null,
        ],
      )
      await tx.query('insert into follow_up_events (response_id, changes) values ($1, $2)', [
        id,
        JSON.stringify(changes),
      ])
    }
    const { rows: after } = await tx.query<Row>(
      `select ${COLUMNS} from responses r join follow_ups f on f.response_id = r.id where r.id = $1`,
      [id],
    )
    return { ok: true, followUp: viewOf(after[0]!).followUp! }
  })
}
