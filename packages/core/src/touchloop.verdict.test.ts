// createTouchloop() on repeat page loads: the validator's verdict on unchanged code surveys is reused
// from storage, so the zod chunk is neither imported nor run again (see state/verdict-cache.ts).
import { set } from 'idb-keyval'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import type { TouchloopEvents, TouchloopOptions } from './api'
import type { Survey } from './model'
import { openStateDatabase } from './state/storage'
import { recordingTransport, scriptedWidget, until } from './test-support/harness'
import { createTestEnv } from './test-support/test-env'
import { createTouchloop } from './touchloop'

// Counts every import() of the validator chunk that init asks for, and every validation it runs.
const validator = vi.hoisted(() => ({ imports: 0, runs: 0, version: 1 }))
vi.mock('./code-surveys', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./code-surveys')>()
  return {
    ...actual,
    loadCodeSurveys: (...[inputs, cache, , prefix]: Parameters<typeof actual.loadCodeSurveys>) =>
      actual.loadCodeSurveys(
        inputs,
        cache,
        async () => {
          validator.imports++
          const { validateSurveysInSlices } = await import('./schema/validate')
          return {
            validateSurveysInSlices: (...args: Parameters<typeof validateSurveysInSlices>) => {
              validator.runs++
              return validateSurveysInSlices(...args)
            },
          }
        },
        prefix,
      ),
  }
})
vi.mock('./schema/version', () => ({
  get SURVEY_VALIDATOR_VERSION() {
    return validator.version
  },
}))

const survey = (id: string, extra: Partial<Survey> = {}): Survey => ({
  id,
  version: 1,
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
  fatigue: { displayLimit: 100 }, // shown again on every page load
  ...extra,
})
const misspelt = { ...survey('typo'), sampel: 0.5 }

let keyCounter = 0
let warn: MockInstance<typeof console.warn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  warn.mockRestore()
  validator.version = 1
})

/** One page load: creates the instance, tracks at once (before init), and reports what happened. */
async function pageLoad(options: Partial<TouchloopOptions>) {
  const widget = scriptedWidget()
  const { transport } = recordingTransport()
  const configErrors: TouchloopEvents['config:error'][] = []
  const before = { ...validator }
  const touchloop = createTouchloop({
    surveys: [survey('a'), misspelt],
    transports: [transport],
    widget: widget.loader,
    env: createTestEnv(),
    ...options,
  })
  touchloop.on('config:error', (issue) => configErrors.push(issue))
  touchloop.track('go') // before init has finished: buffered, not lost
  await until(() => widget.contexts.length === 1, 'the survey on screen')
  widget.contexts[0]?.onShown()
  widget.contexts[0]?.onDismiss('close') // nothing left open to resume on the next load
  await touchloop.flush()
  touchloop.destroy()
  return {
    shown: widget.contexts.map((context) => context.survey.id),
    imported: validator.imports - before.imports,
    validated: validator.runs - before.runs,
    configErrors,
    warnings: warn.mock.calls.splice(0).map((call) => String(call[0])),
  }
}

describe('createTouchloop: validation verdict reused on repeat page loads', () => {
  it('a repeat load with the same surveys does not use the validator and behaves the same', async () => {
    const storageKey = `verdict-${++keyCounter}`
    const first = await pageLoad({ storageKey })
    expect(first.imported).toBe(1)
    expect(first.validated).toBe(1)
    expect(first.shown).toEqual(['a'])
    expect(first.configErrors).toEqual([
      { surveyId: 'typo', path: 'surveys[1]', message: expect.stringContaining('sampel') },
    ])

    const second = await pageLoad({ storageKey })
    expect(second.imported).toBe(0)
    expect(second.validated).toBe(0)
    expect(second.shown).toEqual(first.shown)
    expect(second.configErrors).toEqual(first.configErrors)
    expect(second.warnings).toEqual(first.warnings)
    expect(second.warnings).toContainEqual(expect.stringContaining('touchloop: invalid survey config, surveys[1]'))
  })

  it('reuses the verdict on an unchanged remote config too: a repeat load revalidated with a 304 imports no validator', async () => {
    const storageKey = `verdict-${++keyCounter}`
    const body = { surveys: [survey('remote'), { ...survey('remote-typo'), sampel: 1 }] }
    const sent: (string | null)[] = []
    vi.stubGlobal('fetch', async (_url: string, init: { headers: Record<string, string> }) => {
      const etag = init.headers['if-none-match'] ?? null
      sent.push(etag)
      if (etag === '"v1"') return new Response(null, { status: 304, headers: { etag: '"v1"' } })
      return new Response(JSON.stringify(body), { headers: { etag: '"v1"', 'content-type': 'application/json' } })
    })
    try {
      const options = { storageKey, surveys: [], remoteConfig: { url: 'https://collector.test/v1/surveys' } }
      const first = await pageLoad(options)
      expect(first.shown).toEqual(['remote'])
      expect(first.imported).toBe(1)
      expect(first.configErrors).toEqual([
        { surveyId: 'remote-typo', path: 'remoteConfig.surveys[1]', message: expect.stringContaining('sampel') },
      ])
      const second = await pageLoad(options)
      expect(second.imported).toBe(0)
      expect(second.validated).toBe(0)
      expect(second.shown).toEqual(['remote'])
      expect(second.configErrors).toEqual(first.configErrors)
      await until(() => sent.length === 2, 'the revalidation')
      expect(sent).toEqual([null, '"v1"'])
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('validates again when a survey changed, or the validator version was bumped', async () => {
    const storageKey = `verdict-${++keyCounter}`
    expect((await pageLoad({ storageKey })).validated).toBe(1)
    const changed = await pageLoad({ storageKey, surveys: [survey('a', { priority: 2 }), misspelt] })
    expect(changed.validated).toBe(1)
    expect(changed.shown).toEqual(['a'])
    validator.version = 2
    expect((await pageLoad({ storageKey })).validated).toBe(1)
    expect((await pageLoad({ storageKey })).validated).toBe(0)
  })

  it('never caches with persistence "memory" or while consent is pending', async () => {
    const memoryKey = `verdict-${++keyCounter}`
    expect((await pageLoad({ storageKey: memoryKey, persistence: 'memory' })).validated).toBe(1)
    expect((await pageLoad({ storageKey: memoryKey, persistence: 'memory' })).validated).toBe(1)

    const pendingKey = `verdict-${++keyCounter}`
    expect((await pageLoad({ storageKey: pendingKey, consent: 'pending' })).validated).toBe(1)
    expect((await pageLoad({ storageKey: pendingKey, consent: 'pending' })).validated).toBe(1)
    const names = (await indexedDB.databases()).map((db) => db.name ?? '')
    expect(names.filter((name) => name.includes(memoryKey) || name.includes(pendingKey))).toEqual([])
  })

  it('stores the verdict once consent is given, and erases it when consent is withdrawn', async () => {
    const storageKey = `verdict-${++keyCounter}`
    const widget = scriptedWidget()
    const touchloop = createTouchloop({
      surveys: [survey('a'), misspelt],
      widget: widget.loader,
      env: createTestEnv(),
      consent: 'pending',
      storageKey,
    })
    await touchloop.flush()
    touchloop.setConsent(true)
    await touchloop.flush()
    touchloop.destroy()
    expect((await pageLoad({ storageKey })).validated).toBe(0)

    const withdrawing = createTouchloop({ surveys: [survey('a'), misspelt], env: createTestEnv(), storageKey })
    await withdrawing.flush()
    withdrawing.setConsent(false)
    await withdrawing.flush()
    withdrawing.destroy()
    expect((await pageLoad({ storageKey, consent: 'pending' })).validated).toBe(1)
    expect((await pageLoad({ storageKey })).validated).toBe(1)
  })

  it('validates again when the stored verdict is corrupt', async () => {
    const storageKey = `verdict-${++keyCounter}`
    await pageLoad({ storageKey })
    await set('surveys', { v: 1, entries: [{ key: 'garbage' }, 42] }, openStateDatabase(storageKey))
    const again = await pageLoad({ storageKey })
    expect(again.validated).toBe(1)
    expect(again.shown).toEqual(['a'])
    expect((await pageLoad({ storageKey })).validated).toBe(0)
  })
})
