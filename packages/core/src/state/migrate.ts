// Reading state back from storage: migrate older versions, then validate field by field. Anything
// that does not fit is reported and replaced by a fresh state; a corrupt record never crashes.
// Hand-written instead of zod on purpose: this runs at page load, the zod chunk does not.
import type { Traits } from '../api'
import { type OpenResponse, type SessionState, STATE_VERSION, type SurveyHistory, type TouchloopState } from './types'

export class StateReadError extends Error {
  readonly code = 'state_corrupt'
  constructor(message: string) {
    super(`touchloop state was reset: ${message}`)
    this.name = 'StateReadError'
  }
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

function fail(path: string, expected: string): never {
  throw new StateReadError(`${path}: expected ${expected}`)
}

function countMap(value: unknown, path: string): Record<string, number> {
  if (value === undefined) return {}
  if (!isObject(value)) fail(path, 'an object of counts')
  for (const [key, count] of Object.entries(value)) if (!isCount(count)) fail(`${path}.${key}`, 'a count')
  return value as Record<string, number>
}

function optionalTime(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined
  if (!isTime(value)) fail(path, 'a timestamp')
  return value
}

function readHistory(value: unknown, path: string): SurveyHistory {
  if (!isObject(value) || !isCount(value.shown)) fail(path, '{ shown: count, … }')
  const history: SurveyHistory = { shown: value.shown }
  const lastShownAt = optionalTime(value.lastShownAt, `${path}.lastShownAt`)
  const completedAt = optionalTime(value.completedAt, `${path}.completedAt`)
  const dismissedAt = optionalTime(value.dismissedAt, `${path}.dismissedAt`)
  if (lastShownAt !== undefined) history.lastShownAt = lastShownAt
  if (completedAt !== undefined) history.completedAt = completedAt
  if (dismissedAt !== undefined) history.dismissedAt = dismissedAt
  if (value.byTouchpoint !== undefined) history.byTouchpoint = countMap(value.byTouchpoint, `${path}.byTouchpoint`)
  return history
}

function readSession(value: unknown): SessionState {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    !isTime(value.startedAt) ||
    !isTime(value.lastActivityAt) ||
    !isCount(value.shown)
  ) {
    fail('session', '{ id, startedAt, lastActivityAt, shown }')
  }
  return {
    id: value.id,
    startedAt: value.startedAt,
    lastActivityAt: value.lastActivityAt,
    shown: value.shown,
    byTouchpoint: countMap(value.byTouchpoint, 'session.byTouchpoint'),
  }
}

function readOpen(value: unknown): OpenResponse | undefined {
  if (value === undefined) return undefined
  if (
    !isObject(value) ||
    typeof value.responseId !== 'string' ||
    typeof value.surveyId !== 'string' ||
    !isCount(value.surveyVersion) ||
    typeof value.touchpoint !== 'string' ||
    !isCount(value.revision) ||
    !isObject(value.answers) ||
    typeof value.createdAt !== 'string'
  ) {
    fail('open', 'an open response { responseId, surveyId, revision, answers, … }')
  }
  return value as unknown as OpenResponse
}

function readTraits(value: unknown): Traits {
  if (value === undefined) return {}
  if (!isObject(value)) fail('traits', 'an object')
  for (const [key, trait] of Object.entries(value)) {
    if (trait !== null && !['string', 'number', 'boolean'].includes(typeof trait))
      fail(`traits.${key}`, 'a string, number, boolean or null')
  }
  return value as Traits
}

/** v1 (first release) kept `seen` / `answered` maps of timestamps and no session. */
function migrateV1(old: Json): Json {
  const surveys: Record<string, SurveyHistory> = {}
  const seen = isObject(old.seen) ? old.seen : {}
  const answered = isObject(old.answered) ? old.answered : {}
  for (const [id, at] of Object.entries(seen)) {
    if (isTime(at)) surveys[id] = { shown: 1, lastShownAt: at }
  }
  for (const [id, at] of Object.entries(answered)) {
    if (isTime(at)) surveys[id] = { ...(surveys[id] ?? { shown: 1 }), completedAt: at }
  }
  const { seen: _seen, answered: _answered, ...rest } = old
  // No session was kept: an expired one makes the next init start a new session.
  const session: SessionState = { id: 'migrated', startedAt: 0, lastActivityAt: 0, shown: 0, byTouchpoint: {} }
  return {
    ...rest,
    v: 2,
    surveys,
    session,
    occurrences: {},
    sessions: isCount(old.sessions) ? old.sessions : 0,
    visits: isCount(old.visits) ? old.visits : 0,
  }
}

const migrations: Record<number, (old: Json) => Json> = { 1: migrateV1 }

/** Migrates and validates a stored value; throws StateReadError when it cannot be trusted. */
export function readState(raw: unknown): TouchloopState {
  if (!isObject(raw)) fail('(root)', 'an object')
  let value = raw
  if (typeof value.v !== 'number') fail('v', 'a version number')
  if (value.v > STATE_VERSION) fail('v', `a version ≤ ${STATE_VERSION} (written by a newer touchloop)`)
  while ((value.v as number) < STATE_VERSION) {
    const migrate = migrations[value.v as number]
    if (!migrate) fail('v', `a known version, got ${value.v}`)
    value = migrate(value)
  }
  if (typeof value.anonymousId !== 'string' || value.anonymousId === '') fail('anonymousId', 'a string')
  if (value.userId !== undefined && typeof value.userId !== 'string') fail('userId', 'a string')
  if (!isCount(value.visits)) fail('visits', 'a count')
  if (!isCount(value.sessions)) fail('sessions', 'a count')
  if (!isObject(value.surveys)) fail('surveys', 'an object')
  const surveys: Record<string, SurveyHistory> = {}
  for (const [id, history] of Object.entries(value.surveys)) surveys[id] = readHistory(history, `surveys.${id}`)
  const state: TouchloopState = {
    v: STATE_VERSION,
    anonymousId: value.anonymousId,
    traits: readTraits(value.traits),
    visits: value.visits,
    sessions: value.sessions,
    session: readSession(value.session),
    surveys,
    occurrences: countMap(value.occurrences, 'occurrences'),
  }
  if (typeof value.userId === 'string') state.userId = value.userId
  const lastShownAt = optionalTime(value.lastShownAt, 'lastShownAt')
  if (lastShownAt !== undefined) state.lastShownAt = lastShownAt
  const open = readOpen(value.open)
  if (open) state.open = open
  return state
}
