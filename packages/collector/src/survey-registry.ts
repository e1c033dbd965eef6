// The surveys this collector knows, in memory: the --surveys files plus every version of every survey
// published over the admin API (./survey-repo). It is
// - the SurveyCatalog that ingest checks answers against, synchronously: a response is checked against
//   the version it was given under (every version is kept, paused and archived surveys included, so an
//   answer started before a pause or an archive is still accepted);
// - the score types of the aggregates (per survey and question id, the latest version naming it wins);
// - the published set served on GET /v1/surveys, serialized once per change with its ETag.
// A survey published over the API overrides a file of the same id (files are the seed; archive the
// API survey to fall back to the file). On PostgreSQL several collectors share the database: each
// checks the change counter at most every `checkEveryMs` and reloads when it moved.
import { createHash } from 'node:crypto'
import type { Survey } from '@touchloop/core'
import type { ScoreTypeOf } from './aggregates'
import type { SqlDb } from './db/sql'
import { scoreTypesFrom } from './stats'
import type { SurveyCatalog } from './survey-check'
import { readSurveySnapshot, readSurveysRevision, type SurveySnapshot, type SurveyState } from './survey-repo'

export interface ServedSurveys {
  /** `{"surveys":[…]}`, what GET /v1/surveys answers. */
  body: string
  /** A strong ETag of the body. */
  etag: string
}

export interface KnownSurvey {
  id: string
  /** The current definition: the latest API version, else the file's. */
  survey: Survey
  /** Where it comes from: the --surveys folder, the admin API, or both (the API version wins). */
  source: 'files' | 'api' | 'files+api'
  /** The API state; undefined for a file-only survey. */
  state?: SurveyState
  /** Served on GET /v1/surveys (paused ones are served with status "paused"). */
  served: boolean
}

export interface SurveyRegistry extends SurveyCatalog {
  /** Loads the database's surveys: the first time, when forced (after a write), or when the change
   * counter moved (PostgreSQL; checked at most every checkEveryMs, or at once with `now`). Rejects only
   * when nothing was ever loaded. */
  refresh(options?: { force?: boolean; now?: boolean }): Promise<void>
  served(): ServedSurveys
  known(): KnownSurvey[]
  /** The version of the --surveys file of this id (0 without one): API versions are numbered above it. */
  fileVersion(id: string): number
  /** Whether the id is defined in the --surveys files. */
  inFiles(id: string): boolean
  scoreTypeOf: ScoreTypeOf
  /** Changes when any score type changes (the aggregates must then be rebuilt). */
  fingerprint(): string
}

export interface SurveyRegistryOptions {
  /** On PostgreSQL, how often at most the change counter is read (default 2000 ms). */
  checkEveryMs?: number
  now?: () => number
  log?: (message: string, details?: Record<string, string | number>) => void
}

interface Loaded {
  revision: number
  latest: Map<string, Survey>
  versions: Map<string, Map<number, Survey>>
  known: KnownSurvey[]
  served: ServedSurveys
  scoreTypes: ReturnType<typeof scoreTypesFrom>
}

function build(files: readonly Survey[], snapshot: SurveySnapshot): Loaded {
  const fileById = new Map(files.map((survey) => [survey.id, survey]))
  const versions = new Map<string, Map<number, Survey>>()
  const add = (survey: Survey, version: number) => {
    const byVersion = versions.get(survey.id) ?? new Map<number, Survey>()
    versions.set(survey.id, byVersion)
    byVersion.set(version, survey)
  }
  for (const file of files) add(file, file.version ?? 0)
  for (const stored of snapshot.versions) add(stored.survey, stored.version)
  const states = new Map(snapshot.states.map((state) => [state.id, state]))
  const latest = new Map<string, Survey>(fileById)
  for (const state of snapshot.states) {
    const current = versions.get(state.id)?.get(state.version)
    if (current) latest.set(state.id, current)
  }
  const ids = [...latest.keys()].sort()
  const known: KnownSurvey[] = ids.map((id) => {
    const state = states.get(id)
    const source = state ? (fileById.has(id) ? 'files+api' : 'api') : 'files'
    const served = state?.status !== 'archived' || fileById.has(id)
    return { id, survey: latest.get(id)!, source, served, ...(state ? { state } : {}) }
  })
  // Served: files, overridden by API surveys; a paused one is served with status "paused" (so it also
  // pauses an inline fallback of the same id on the page); an archived one falls back to its file.
  const servedList: Survey[] = []
  for (const id of ids) {
    const state = states.get(id)
    if (!state || state.status === 'archived') {
      const file = fileById.get(id)
      if (file) servedList.push(file)
      continue
    }
    const survey = latest.get(id)!
    servedList.push(state.status === 'paused' ? { ...survey, status: 'paused' } : survey)
  }
  const body = JSON.stringify({ surveys: servedList })
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
  // Every version, oldest first, so the newest definition of a question id decides its type.
  const history = [...versions.values()].flatMap((byVersion) =>
    [...byVersion.entries()].sort(([a], [b]) => a - b).map(([, survey]) => survey),
  )
  return {
    revision: snapshot.revision,
    latest,
    versions,
    known,
    served: { body, etag },
    scoreTypes: scoreTypesFrom(history),
  }
}

export function createSurveyRegistry(
  db: SqlDb,
  files: readonly Survey[],
  options: SurveyRegistryOptions = {},
): SurveyRegistry {
  const checkEveryMs = options.checkEveryMs ?? 2000
  const now = options.now ?? Date.now
  const fileById = new Map(files.map((survey) => [survey.id, survey]))
  // Until the database is read, the files alone (a collector without API surveys works from them).
  let loaded = build(files, { revision: -1, states: [], versions: [] })
  let everLoaded = false
  let checkedAt = Number.NEGATIVE_INFINITY
  let running: Promise<void> | undefined

  async function check(force: boolean): Promise<void> {
    const revision = await readSurveysRevision(db)
    checkedAt = now()
    if (!force && everLoaded && revision === loaded.revision) return
    loaded = build(files, await readSurveySnapshot(db))
    everLoaded = true
  }

  async function refresh({ force = false, now: checkNow = false } = {}): Promise<void> {
    const due = force || checkNow || !everLoaded || (db.kind === 'postgres' && now() - checkedAt >= checkEveryMs)
    if (!due) return
    // A forced (or immediate) refresh follows the write that asked for it: wait for a check already
    // running (it may have read the counter before that write), then check again.
    if (running && !force && !checkNow) return running
    const previous = running ?? Promise.resolve()
    const next = previous
      .catch(() => {})
      .then(() => check(force))
      .catch((error: unknown) => {
        if (!everLoaded) throw error
        options.log?.('reloading the surveys failed; serving the last loaded ones', { code: (error as Error).name })
      })
      .finally(() => {
        if (running === next) running = undefined
      })
    running = next
    return next
  }

  return {
    get enforced() {
      return loaded.latest.size > 0
    },
    get(surveyId, version) {
      if (version !== undefined) {
        const exact = loaded.versions.get(surveyId)?.get(version)
        if (exact) return exact
      }
      return loaded.latest.get(surveyId)
    },
    list: () => [...loaded.latest.values()],
    async ensureKnown(records) {
      // Only PostgreSQL has other writers; one primary-key read, and a reload only when the counter moved.
      if (db.kind !== 'postgres') return
      const missing = records.some((record) => {
        const { surveyId, surveyVersion } = (record ?? {}) as { surveyId?: unknown; surveyVersion?: unknown }
        if (typeof surveyId !== 'string') return false
        const versions = loaded.versions.get(surveyId)
        return !versions || (typeof surveyVersion === 'number' && !versions.has(surveyVersion))
      })
      if (missing) await refresh({ now: true }).catch(() => {})
    },
    refresh,
    served: () => loaded.served,
    known: () => loaded.known,
    fileVersion: (id) => fileById.get(id)?.version ?? 0,
    inFiles: (id) => fileById.has(id),
    scoreTypeOf: (surveyId, questionId) => loaded.scoreTypes.scoreTypeOf(surveyId, questionId),
    fingerprint: () => loaded.scoreTypes.fingerprint,
  }
}
