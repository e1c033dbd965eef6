// @vitest-environment node
// Remote config against a real HTTP server on 127.0.0.1 (random port) with the real fetch.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TouchloopEvents } from '../api'
import type { Survey } from '../model'
import { createTestEnv } from '../test-support/test-env'
import { createTouchloop } from '../touchloop'
import { loadRemoteSurveys, type RemoteConfigContext } from './remote'

// Counts the runs of the whole guard (a lazy chunk, loaded only for a config body not seen before).
const wholeGuard = vi.hoisted(() => ({ runs: 0 }))
vi.mock('../schema/guard', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../schema/guard')>()
  return {
    ...actual,
    guardSurveysInSlices: (...args: Parameters<typeof actual.guardSurveysInSlices>) => {
      wholeGuard.runs++
      return actual.guardSurveysInSlices(...args)
    },
  }
})

const survey = (id: string): Survey => ({
  id,
  touchpoints: [{ type: 'event', event: 'e' }],
  questions: [{ id: 'q', type: 'nps', text: 'x' }],
})

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler = (_req, res) => res.end()
const requests: { ifNoneMatch?: string }[] = []
let baseUrl = ''
const server = createServer((req, res) => {
  requests.push({ ifNoneMatch: req.headers['if-none-match'] })
  handler(req, res)
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function serve(status: number, body: string, etag?: string): Handler {
  return (req, res) => {
    if (etag && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag })
      res.end()
      return
    }
    res.writeHead(status, { 'content-type': 'application/json', ...(etag ? { etag } : {}) })
    res.end(body)
  }
}

let keyCounter = 0
function context(overrides: Partial<RemoteConfigContext> = {}) {
  const updates: string[][] = []
  const warnings: string[] = []
  const issues: TouchloopEvents['config:error'][] = []
  const ctx: RemoteConfigContext = {
    env: createTestEnv(),
    storageKey: `remote-${++keyCounter}`,
    persist: true,
    warn: (message) => warnings.push(message),
    onIssues: (list) => issues.push(...list),
    onUpdate: (surveys) => {
      updates.push((surveys as Survey[]).map((s) => s.id))
    },
    ...overrides,
  }
  return { ctx, updates, warnings, issues }
}

describe('remote config', () => {
  it('fetches, validates each survey and reports bad ones with their path', async () => {
    handler = serve(200, JSON.stringify({ surveys: [survey('a'), { id: 'b', touchpoints: [], questions: [] }] }))
    const { ctx, updates, issues, warnings } = context()
    await loadRemoteSurveys({ url: `${baseUrl}/config` }, ctx).initial
    expect(updates).toEqual([['a']])
    expect(issues).toEqual([
      {
        path: 'remoteConfig.surveys[1].questions',
        message: 'expected at least one question, got an array of 0',
        surveyId: 'b',
      },
    ])
    expect(warnings).toEqual([])
  })

  it('serves the cached copy at once, then revalidates with If-None-Match (304 keeps it)', async () => {
    handler = serve(200, JSON.stringify([survey('a')]), '"v1"')
    const first = context()
    await loadRemoteSurveys({ url: `${baseUrl}/etag` }, first.ctx).initial
    requests.length = 0

    // Next page load: same storage key; the server is slow to answer this time.
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    handler = (req, res) => void gate.then(() => serve(200, JSON.stringify([survey('a')]), '"v1"')(req, res))
    const second = context({ storageKey: first.ctx.storageKey })
    const loader = loadRemoteSurveys({ url: `${baseUrl}/etag` }, second.ctx)
    await loader.initial
    expect(second.updates).toEqual([['a']]) // from the cache, before the server answered
    release()
    await loader.revalidated
    expect(requests).toEqual([{ ifNoneMatch: '"v1"' }])
    expect(second.updates).toEqual([['a']])
    expect(second.warnings).toEqual([])
  })

  it('checks a new body whole, and an unchanged one (cached, 304 or the same again) without that chunk', async () => {
    handler = serve(200, JSON.stringify([survey('a')]), '"v1"')
    wholeGuard.runs = 0
    const first = context()
    await loadRemoteSurveys({ url: `${baseUrl}/whole` }, first.ctx).revalidated
    expect(wholeGuard.runs).toBe(1)
    const second = context({ storageKey: first.ctx.storageKey })
    await loadRemoteSurveys({ url: `${baseUrl}/whole` }, second.ctx).revalidated // 304
    handler = serve(200, JSON.stringify([survey('a')])) // no ETag: the same body again
    const third = context({ storageKey: first.ctx.storageKey })
    await loadRemoteSurveys({ url: `${baseUrl}/whole` }, third.ctx).revalidated
    expect(wholeGuard.runs).toBe(1)
    expect([second.updates, third.updates]).toEqual([[['a']], [['a'], ['a']]])
  })

  it('applies a changed config found while revalidating', async () => {
    handler = serve(200, JSON.stringify([survey('a')]), '"v1"')
    const first = context()
    await loadRemoteSurveys({ url: `${baseUrl}/changed` }, first.ctx).initial
    handler = serve(200, JSON.stringify([survey('a'), survey('b')]), '"v2"')
    const second = context({ storageKey: first.ctx.storageKey })
    const loader = loadRemoteSurveys({ url: `${baseUrl}/changed` }, second.ctx)
    await loader.revalidated
    expect(second.updates).toEqual([['a'], ['a', 'b']])
  })

  it.each([
    ['a server error', serve(500, 'oops'), 'HTTP 500'],
    ['a body that is not JSON', serve(200, '<html>'), 'the body is not valid JSON'],
  ])('keeps the last good copy on %s', async (_, failing, why) => {
    handler = serve(200, JSON.stringify([survey('a')]), '"v1"')
    const first = context()
    await loadRemoteSurveys({ url: `${baseUrl}/fail-${why.length}` }, first.ctx).initial
    handler = failing
    const second = context({ storageKey: first.ctx.storageKey })
    await loadRemoteSurveys({ url: `${baseUrl}/fail-${why.length}` }, second.ctx).revalidated
    expect(second.updates).toEqual([['a']])
    expect(second.warnings).toEqual([
      `touchloop: remote config ${baseUrl}/fail-${why.length}: ${why}; keeping the last good surveys`,
    ])
  })

  // Issue 12 item 4: one invalid survey in a good file keeps its last good copy, also after a 304.
  it('keeps the last good copy of a survey that became invalid, across page loads and 304s', async () => {
    const goodB = { ...survey('b'), version: 1 }
    handler = serve(200, JSON.stringify([survey('a'), goodB]), '"v1"')
    const first = context()
    await loadRemoteSurveys({ url: `${baseUrl}/one-bad` }, first.ctx).initial
    expect(first.updates).toEqual([['a', 'b']])

    // Broken in a question: the remote chunk runs the whole guard, not only its page-load part.
    const brokenB = { ...survey('b'), version: 2, questions: [{ id: 'q', type: 'rating', text: 'x', scale: 12 }] }
    handler = serve(200, JSON.stringify([survey('a'), brokenB, survey('c')]), '"v2"')
    const second = context({ storageKey: first.ctx.storageKey })
    await loadRemoteSurveys({ url: `${baseUrl}/one-bad` }, second.ctx).revalidated
    expect(second.updates).toEqual([
      ['a', 'b'],
      ['a', 'c', 'b'],
    ])
    expect(second.issues.map((issue) => issue.path)).toEqual(['remoteConfig.surveys[1].questions[0].scale'])
    expect(second.warnings).toEqual([
      `touchloop: remote config ${baseUrl}/one-bad: survey "b" is invalid; keeping its last good copy`,
    ])

    // Next page load: the server answers 304 for the broken file; "b" is still the good copy.
    requests.length = 0
    const third = context({ storageKey: first.ctx.storageKey })
    const surveysSeen: Survey[][] = []
    third.ctx.onUpdate = (list) => {
      surveysSeen.push(list as Survey[])
    }
    await loadRemoteSurveys({ url: `${baseUrl}/one-bad` }, third.ctx).revalidated
    expect(requests).toEqual([{ ifNoneMatch: '"v2"' }])
    // In place of the invalid one, so the guard's issue paths still index the body.
    expect(surveysSeen.map((list) => list.map((s) => `${s.id}@${s.version ?? 0}`))).toEqual([['a@0', 'b@1', 'c@0']])
  })

  it('gives up after the timeout and runs without remote surveys', async () => {
    handler = () => {} // never answers
    requests.length = 0
    const { ctx, updates, warnings } = context()
    const env = ctx.env as ReturnType<typeof createTestEnv>
    const loader = loadRemoteSurveys({ url: `${baseUrl}/slow`, timeoutMs: 2000 }, ctx)
    await vi.waitFor(() => expect(requests.length).toBeGreaterThan(0))
    env.advance(2000)
    await loader.initial
    expect(updates).toEqual([])
    expect(warnings).toEqual([
      `touchloop: remote config ${baseUrl}/slow: no answer within 2000 ms; no remote surveys for now`,
    ])
  })

  it('rejects a document of the wrong shape with a message saying what is expected', async () => {
    handler = serve(200, JSON.stringify({ items: [] }))
    const { ctx, updates, warnings } = context()
    await loadRemoteSurveys({ url: `${baseUrl}/shape` }, ctx).initial
    expect(updates).toEqual([])
    expect(warnings[0]).toContain('expected { "surveys": [...] } or an array of surveys')
  })

  it('merges with code surveys in createTouchloop (remote wins on the same id); early events are not lost', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const remoteA = { ...survey('a'), touchpoints: [{ type: 'event' as const, event: 'remote-a' }] }
    handler = (req, res) => void gate.then(() => serve(200, JSON.stringify([remoteA, survey('r')]))(req, res))
    const due: string[] = []
    const touchloop = createTouchloop({
      surveys: [survey('a'), { ...survey('c'), touchpoints: [{ type: 'event', event: 'code-c' }] }],
      remoteConfig: { url: `${baseUrl}/merged` },
      persistence: 'memory',
      env: createTestEnv(),
    })
    touchloop.on('survey:due', ({ survey: s, touchpoint }) => due.push(`${s.id}@${touchpoint}`))
    touchloop.track('e') // before the remote config arrived: buffered
    touchloop.track('code-c')
    release()
    await touchloop.flush()
    // 'a' from code listened to 'e', but the remote 'a' replaced it (it listens to 'remote-a').
    expect(due).toEqual(['r@e', 'c@code-c'])
    touchloop.track('remote-a')
    expect(due).toEqual(['r@e', 'c@code-c', 'a@remote-a'])
    touchloop.destroy()
  })

  it('an unchanged body is not checked at page load: its bad survey is reported with its path at the first match, and skipped', async () => {
    const bad = { ...survey('bad'), questions: [] }
    handler = serve(200, JSON.stringify([survey('ok'), bad]), '"seen"')
    const storageKey = `remote-${++keyCounter}`
    const open = () => {
      const touchloop = createTouchloop({ remoteConfig: { url: `${baseUrl}/seen` }, storageKey, env: createTestEnv() })
      const issues: string[] = []
      const due: string[] = []
      touchloop.on('config:error', (issue) => issues.push(issue.path))
      touchloop.on('survey:due', ({ survey: s }) => due.push(s.id))
      return { touchloop, issues, due }
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // The session record (localStorage; Node has none): without it page load would load the state stage.
    const records = new Map<string, string>()
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => records.get(key) ?? null,
      setItem: (key: string, value: string) => void records.set(key, value),
      removeItem: (key: string) => void records.delete(key),
    })
    try {
      const first = open() // a new body: the remote chunk checks it whole when it arrives
      await first.touchloop.flush()
      expect(first.issues).toEqual(['remoteConfig.surveys[1].questions'])
      first.touchloop.destroy()

      const again = open() // the cached copy (then a 304): nothing checked at page load
      await again.touchloop.flush()
      expect(again.issues).toEqual([])
      again.touchloop.track('e')
      await vi.waitFor(() => expect(again.due).toEqual(['ok']))
      expect(again.issues).toEqual(['remoteConfig.surveys[1].questions'])
      again.touchloop.destroy()
    } finally {
      warn.mockRestore()
      vi.unstubAllGlobals()
    }
  })
})
