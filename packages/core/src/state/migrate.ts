// Reading state back from storage: migrate older versions, then validate field by field. Anything
// that does not fit is reported and replaced by a fresh state; a corrupt record never crashes.
// Hand-written (a few tiny combinators) instead of zod on purpose: this runs at page load, the zod
// chunk does not.
import { type SessionState, STATE_VERSION, type SurveyHistory, type TouchloopState } from './types'

export class StateReadError extends Error {
  declare readonly code: 'state_corrupt'
  constructor(message: string) {
    super(`touchloop state was reset: ${message}`)
    this.code = 'state_corrupt'
    this.name = 'StateReadError'
  }
}

type Json = Record<string, unknown>
/** Returns the value when it fits (undefined: leave the field out), throws StateReadError otherwise. */
type Check = (value: unknown, path: string) => unknown

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

function fail(path: string, expected: string): never {
  throw new StateReadError(`${path || '(root)'}: expected ${expected}`)
}

const is =
  (test: (value: unknown) => boolean, expected: string): Check =>
  (value, path) =>
    test(value) ? value : fail(path, expected)
const count = is(isCount, 'a count')
const time = is(isTime, 'a timestamp')
const text = is((value) => typeof value === 'string' && value !== '', 'a string')
const trait = is(
  (value) => value === null || ['string', 'number', 'boolean'].includes(typeof value),
  'a string, number, boolean or null',
)
const anything: Check = (value) => value
const optional =
  (check: Check): Check =>
  (value, path) =>
    value === undefined ? undefined : check(value, path)
/** An object of `check`ed values; missing means empty. */
const map =
  (check: Check): Check =>
  (value, path) => {
    if (value === undefined) return {}
    if (!isObject(value)) fail(path, 'an object')
    for (const [key, item] of Object.entries(value)) check(item, `${path}.${key}`)
    return value
  }
const object =
  (shape: Record<string, Check>): Check =>
  (value, path) => {
    if (!isObject(value)) fail(path, 'an object')
    const out: Json = {}
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(value[key], path ? `${path}.${key}` : key)
      if (checked !== undefined) out[key] = checked
    }
    return out
  }

const history = object({
  shown: count,
  lastShownAt: optional(time),
  completedAt: optional(time),
  dismissedAt: optional(time),
  byTouchpoint: optional(map(count)),
})

const readCurrent = object({
  v: anything,
  anonymousId: text,
  userId: optional(text),
  traits: map(trait),
  visits: count,
  sessions: count,
  session: object({ id: text, startedAt: time, lastActivityAt: time, shown: count, byTouchpoint: map(count) }),
  lastShownAt: optional(time),
  surveys: map(history),
  occurrences: map(count),
  open: optional(
    object({
      responseId: text,
      surveyId: text,
      surveyVersion: count,
      touchpoint: text,
      revision: count,
      answers: map(anything),
      timings: optional(map(time)),
      otherText: optional(map(anything)),
      currentQuestionId: optional(text),
      locale: optional(text),
      createdAt: text,
    }),
  ),
})

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
  if (!isObject(raw)) fail('', 'an object')
  let value = raw
  if (typeof value.v !== 'number') fail('v', 'a version number')
  if (value.v > STATE_VERSION) fail('v', `a version ≤ ${STATE_VERSION} (written by a newer touchloop)`)
  while ((value.v as number) < STATE_VERSION) {
    const migrate = migrations[value.v as number]
    if (!migrate) fail('v', `a known version, got ${value.v}`)
    value = migrate(value)
  }
  return readCurrent(value, '') as TouchloopState
}
