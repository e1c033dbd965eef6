// Surveys fetched from a URL. Stale-while-revalidate: a cached copy is used at once and revalidated
// in the background with If-None-Match; without a cache the first fetch is awaited (with a timeout).
// When the server fails or answers garbage, the last good copy stays in use.
import type { TouchloopEvents } from '../api'
import type { Environment } from '../env'
import type { Survey } from '../model'
import { uncheckedSurveyId, uncheckedSurveys } from '../schema/unchecked'
import { type CachedConfig, createConfigCache } from './cache'

export interface RemoteConfigOptions {
  url: string
  timeoutMs?: number
  headers?: Record<string, string>
}

export interface RemoteConfigContext {
  env: Environment
  storageKey?: string
  /** False: the cache lives in memory only (consent pending, memory persistence). */
  persist: boolean
  warn(message: string, error?: unknown): void
  onIssues(issues: TouchloopEvents['config:error'][]): void
  /**
   * The surveys to use: `checked` when they passed the guard (or zod) here, else as given (a body seen
   * before; then `surveys` indexes the body): the caller checks them before they are used.
   */
  onUpdate(surveys: readonly unknown[], checked: boolean): void | Promise<void>
  /** Checks a new body's surveys (createTouchloop() with `debug: true`: zod). Default: the guard. */
  validate?: (list: unknown[]) => Promise<{ surveys: Survey[]; issues: TouchloopEvents['config:error'][] }>
  /** Injected fetch (tests); defaults to globalThis.fetch. */
  fetch?: typeof fetch
}

export interface RemoteConfigLoader {
  /** Settles once surveys are usable: from the cache at once, else after the first fetch. Never rejects. */
  initial: Promise<void>
  /** Settles after the background revalidation (tests, flush). */
  revalidated: Promise<void>
  setPersist(persist: boolean): void
  destroy(): void
}

export const DEFAULT_REMOTE_TIMEOUT_MS = 5000
const PREFIX = 'remoteConfig.surveys'

/** The body is `{ "surveys": [...] }` or a bare array of surveys. */
export function surveyList(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body
  if (body && typeof body === 'object' && Array.isArray((body as { surveys?: unknown }).surveys)) {
    return (body as { surveys: unknown[] }).surveys
  }
  return undefined
}

export function loadRemoteSurveys(options: RemoteConfigOptions, context: RemoteConfigContext): RemoteConfigLoader {
  const { env, warn } = context
  const cache = createConfigCache(options.url, context.storageKey, context.persist)
  const controller = typeof AbortController === 'undefined' ? undefined : new AbortController()
  let destroyed = false

  /** The surveys applied last, by id: an invalid new copy of one of them keeps this one. */
  let lastGoodSurveys = new Map<string, Survey>()

  /**
   * Validates and applies a config. Resolves the config to cache (undefined: nothing usable): the
   * server's body, plus the last good copies kept for surveys it has in an invalid form, so a 304 for
   * a broken file keeps serving those copies on the next page loads.
   *
   * A new body gets the whole guard (a lazy chunk: loaded at page load only when the config changed;
   * with debug, the zod schemas). A body seen before (the cached copy, or the same body again) was
   * checked whole when it was first fetched: it is not checked here, its kept copies stand in for the
   * surveys found invalid then, and the whole list is checked again by the guard before anything but
   * the trigger matcher reads it (survey-sources.ts), so what was tampered with in storage is caught.
   */
  async function apply(
    config: CachedConfig,
    source: string,
    seenBefore = source === 'cache',
  ): Promise<CachedConfig | undefined> {
    const list = surveyList(config.body)
    if (!list) {
      warn(
        `touchloop: remote config from ${options.url} (${source}): expected { "surveys": [...] } or an array of surveys`,
      )
      return undefined
    }
    // The copies an earlier page load kept (stored data: checked with the rest before it is used).
    const keptBefore = config.kept?.length ? uncheckedSurveys(config.kept) : []
    for (const survey of keptBefore) if (!lastGoodSurveys.has(survey.id)) lastGoodSurveys.set(survey.id, survey)
    const keepLastGood = (surveyId: string) =>
      warn(`touchloop: remote config ${options.url}: survey "${surveyId}" is invalid; keeping its last good copy`)

    if (seenBefore && !context.validate) {
      // In place, so the guard's issue paths still index the body.
      const keptIds = new Set(keptBefore.map((survey) => survey.id))
      const inputs = list.map((input) => {
        const surveyId = uncheckedSurveyId(input)
        if (surveyId === undefined || !keptIds.has(surveyId)) return input
        keepLastGood(surveyId)
        return lastGoodSurveys.get(surveyId)
      })
      lastGoodSurveys = new Map(uncheckedSurveys(inputs).map((survey) => [survey.id, survey]))
      if (!destroyed) await context.onUpdate(inputs, false)
      return config
    }

    const result = context.validate
      ? await context.validate(list)
      : // In slices with yields between them: a long list never makes a long task.
        await (await import('../schema/guard')).guardSurveysInSlices(list, PREFIX)
    context.onIssues(result.issues)
    const valid = new Set(result.surveys.map((survey) => survey.id))
    const applied = [...result.surveys]
    const kept: Survey[] = []
    for (const issue of result.issues) {
      const previous = issue.surveyId === undefined ? undefined : lastGoodSurveys.get(issue.surveyId)
      if (!previous || valid.has(previous.id)) continue
      valid.add(previous.id)
      applied.push(previous)
      kept.push(previous)
      keepLastGood(previous.id)
    }
    lastGoodSurveys = new Map(applied.map((survey) => [survey.id, survey]))
    // Kept copies may come from storage: then the guard checks the list again before it is used.
    if (!destroyed) await context.onUpdate(applied, kept.length === 0)
    const { kept: _previous, ...rest } = config
    return kept.length > 0 ? { ...rest, kept } : rest
  }

  async function fetchConfig(cached: CachedConfig | undefined): Promise<void> {
    const doFetch = context.fetch ?? globalThis.fetch
    if (typeof doFetch !== 'function') throw new Error('fetch is not available')
    const timeoutMs = options.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS
    const request = new AbortController()
    const abort = () => request.abort()
    controller?.signal.addEventListener('abort', abort)
    const timer = env.setTimeout(abort, timeoutMs)
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
      if (cached?.etag) headers['if-none-match'] = cached.etag
      let response: Response
      try {
        response = await doFetch(options.url, { headers, signal: request.signal, credentials: 'omit' })
      } catch (error) {
        const why = request.signal.aborted ? `no answer within ${timeoutMs} ms` : 'network error'
        throw new Error(`remote config ${options.url}: ${why}`, { cause: error })
      }
      if (response.status === 304 && cached) {
        await cache.write({ ...cached, fetchedAt: env.now() })
        return
      }
      if (!response.ok) throw new Error(`remote config ${options.url}: HTTP ${response.status}`)
      let body: unknown
      try {
        body = await response.json()
      } catch (error) {
        throw new Error(`remote config ${options.url}: the body is not valid JSON`, { cause: error })
      }
      const next: CachedConfig = { body, etag: response.headers.get('etag') ?? undefined, fetchedAt: env.now() }
      const usable = await apply(next, 'network', sameJson(body, cached?.body))
      if (usable) await cache.write(usable)
    } finally {
      env.clearTimeout(timer)
      controller?.signal.removeEventListener('abort', abort)
    }
  }

  const lastGood = (error: unknown) =>
    warn(`touchloop: ${(error as Error).message}; keeping the last good surveys`, error)

  let revalidated: Promise<void> = Promise.resolve()
  const initial = cache
    .read()
    .catch(() => undefined)
    .then(async (cached) => {
      if (cached && (await apply(cached, 'cache'))) {
        revalidated = fetchConfig(cached).catch(lastGood)
        return
      }
      await fetchConfig(undefined).catch((error) =>
        warn(`touchloop: ${(error as Error).message}; no remote surveys for now`, error),
      )
    })
    .catch((error) => warn('touchloop: remote config failed', error))

  return {
    initial,
    get revalidated() {
      return initial.then(() => revalidated)
    },
    setPersist: (persist) => cache.setPersist(persist),
    destroy() {
      destroyed = true
      controller?.abort()
    },
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return b !== undefined && JSON.stringify(a) === JSON.stringify(b)
  } catch {
    return false
  }
}
