// The supabase transport: one row per response revision, upserted through Supabase's REST (PostgREST) API
// with the project's public anon (or publishable) key. Table, view and RLS policies: docs/transports/supabase.md.
import type { DeliveryItem, ResponseRecord, SendContext, SendResult, Transport } from '@touchloop/core'
import { TouchloopConfigError } from '@touchloop/core'
import { UNLOAD_BUDGET_BYTES } from './shared/bytes'
import {
  type FetchLike,
  optionalName,
  optionalPositiveInteger,
  requireObject,
  requireString,
  requireUrl,
  resolveFetch,
} from './shared/options'
import { postBatch, sendKeepalive } from './shared/post'

export interface SupabaseTransportOptions {
  /** Your project URL, e.g. "https://abcdefghijklm.supabase.co". */
  url: string
  /** The public anon key (a JWT) or publishable key (`sb_publishable_…`). Never the service role key. */
  anonKey: string
  /** Default "touchloop_responses". */
  table?: string
  /** A schema other than `public` (must be exposed in the API settings). */
  schema?: string
  /**
   * How PostgREST resolves a row that exists already (same id and revision, i.e. a retried batch).
   * 'ignore-duplicates' (default) needs INSERT and SELECT on (id, revision) only; 'merge-duplicates' needs
   * UPDATE too, which would let anyone holding the public key overwrite answers (docs/transports/supabase.md).
   */
  resolution?: 'ignore-duplicates' | 'merge-duplicates'
  /** Rows per request. Default 100. */
  maxBatchSize?: number
  fetch?: FetchLike
  /** Names this transport's queue; default `supabase:<table>`. */
  name?: string
}

/** One row of the table (snake_case columns, every column present: PostgREST bulk inserts need equal keys). */
export interface SupabaseRow {
  id: string
  revision: number
  event: ResponseRecord['event']
  survey_id: string
  survey_version: number
  touchpoint: string
  answers: ResponseRecord['answers']
  timings: Record<string, number> | null
  other_text: Record<string, string> | null
  ending_id: string | null
  user_id: string | null
  anonymous_id: string
  locale: string | null
  url: string | null
  created_at: string
  updated_at: string
}

const ADAPTER = 'supabase'
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

export function toSupabaseRow(record: ResponseRecord): SupabaseRow {
  return {
    id: record.id,
    revision: record.revision,
    event: record.event,
    survey_id: record.surveyId,
    survey_version: record.surveyVersion,
    touchpoint: record.touchpoint,
    answers: record.answers,
    timings: record.timings ?? null,
    other_text: record.otherText ?? null,
    ending_id: record.endingId ?? null,
    user_id: record.userId ?? null,
    anonymous_id: record.anonymousId,
    locale: record.locale ?? null,
    url: record.url ?? null,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  }
}

/** The `role` claim of a legacy JWT key, if it is one. */
function jwtRole(key: string): string | undefined {
  const payload = key.split('.')[1]
  if (!payload) return undefined
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    )
    const role = (JSON.parse(json) as { role?: unknown }).role
    return typeof role === 'string' ? role : undefined
  } catch {
    return undefined
  }
}

function checkKey(key: string): void {
  if (key.startsWith('sb_secret_') || jwtRole(key) === 'service_role') {
    throw new TouchloopConfigError(
      'supabase/secret-key',
      'supabase transport: `anonKey` is a secret (service role) key, which bypasses RLS and must never ship to browsers. Pass the anon or publishable key from Project Settings → API.',
    )
  }
  if (!key.startsWith('sb_publishable_') && jwtRole(key) === undefined) {
    throw new TouchloopConfigError(
      'supabase/invalid-anonkey',
      'supabase transport: `anonKey` is neither an anon key (a JWT, eyJ…) nor a publishable key (sb_publishable_…). Copy it from Project Settings → API.',
    )
  }
}

function requireIdentifier(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw new TouchloopConfigError(
      `supabase/invalid-${name}`,
      `supabase transport: \`${name}\` must be a plain Postgres identifier (letters, digits, _), got ${JSON.stringify(value)}.`,
    )
  }
  return value
}

export function createSupabaseTransport(options: SupabaseTransportOptions): Transport {
  requireObject(ADAPTER, options)
  const base = requireUrl(ADAPTER, 'url', options.url, 'https://abcdefghijklm.supabase.co', true)
  const anonKey = requireString(
    ADAPTER,
    'anonKey',
    options.anonKey,
    'the anon or publishable key from Project Settings → API',
  )
  checkKey(anonKey)
  const table = requireIdentifier('table', options.table, 'touchloop_responses')
  const schema = options.schema === undefined ? undefined : requireIdentifier('schema', options.schema, 'public')
  const resolution = options.resolution ?? 'ignore-duplicates'
  if (resolution !== 'ignore-duplicates' && resolution !== 'merge-duplicates') {
    throw new TouchloopConfigError(
      'supabase/invalid-resolution',
      `supabase transport: \`resolution\` must be "ignore-duplicates" or "merge-duplicates", got ${JSON.stringify(resolution)}.`,
    )
  }
  const maxBatchSize = optionalPositiveInteger(ADAPTER, 'maxBatchSize', options.maxBatchSize, 100, 1000)
  const doFetch = resolveFetch(ADAPTER, options.fetch)
  const name = optionalName(ADAPTER, options.name, `supabase:${table}`)
  // The conflict target is the table's primary key (id, revision): a retried row is the same row.
  const url = `${new URL(`rest/v1/${table}`, base.endsWith('/') ? base : `${base}/`).href}?on_conflict=id,revision`

  const headers: Record<string, string> = {
    'content-type': 'application/json',
    apikey: anonKey,
    prefer: `resolution=${resolution},return=minimal`,
  }
  // Legacy anon keys are JWTs and go in Authorization too; publishable keys are not JWTs and must not.
  if (!anonKey.startsWith('sb_publishable_')) headers.authorization = `Bearer ${anonKey}`
  if (schema) headers['content-profile'] = schema
  const encode = (items: readonly DeliveryItem[]) => JSON.stringify(items.map((item) => toSupabaseRow(item.record)))
  const maxBatchBytes = 1024 * 1024

  return {
    name,
    maxBatchSize,
    maxBatchBytes,

    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      return postBatch(
        doFetch,
        url,
        { headers, body: encode(batch), signal: context.signal },
        maxBatchBytes,
        (size) => `request body of ${size} bytes exceeds ${maxBatchBytes}`,
        { perItem: false },
      )
    },

    sendOnUnload(batch: DeliveryItem[]): boolean {
      return sendKeepalive(doFetch, url, headers, batch, encode, UNLOAD_BUDGET_BYTES)
    },
  }
}
