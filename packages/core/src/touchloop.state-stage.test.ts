// The state stage (state/index.ts, a lazy chunk): loaded the first time a touchpoint matches or a method
// needs it, never for a page where nothing matched; calls made before it loaded apply in call order; and
// visits and sessions are counted on every page load without it (state/session-tick.ts).
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TouchloopOptions } from './api'
import type { Survey } from './model'
import { createIndexedDbStorage } from './state/storage'
import { recordingTransport, scriptedWidget, settle, setupTouchloop, until } from './test-support/harness'
import { createTestEnv, type TestEnv } from './test-support/test-env'
import { createTouchloop } from './touchloop'

// Counts every load of the state stage: the chunk's factory, called once its import() resolved. (A
// vi.mock factory runs once per file, so counting module evaluations would miss later instances.)
const chunk = vi.hoisted(() => ({ imports: 0 }))
vi.mock('./state/index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./state/index')>()
  return {
    ...actual,
    createStateCore: (...args: Parameters<typeof actual.createStateCore>) => {
      chunk.imports++
      return actual.createStateCore(...args)
    },
  }
})

const survey = (id: string, extra: Partial<Survey> = {}): Survey => ({
  id,
  version: 1,
  touchpoints: [{ type: 'event', event: 'checkout_completed' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
  ...extra,
})

afterEach(() => {
  localStorage.clear()
})

describe('state stage', () => {
  it('is not loaded by page load or by events that match no touchpoint, and is loaded by the first match', async () => {
    const before = chunk.imports
    const widget = scriptedWidget()
    const touchloop = createTouchloop({
      surveys: [
        survey('nps', {
          touchpoints: [
            { type: 'event', event: 'checkout_completed', where: [{ prop: 'total', op: 'gt', value: 50 }] },
          ],
        }),
      ],
      transports: [recordingTransport().transport],
      widget: widget.loader,
      persistence: 'memory',
      env: createTestEnv(),
    })
    touchloop.track('page_scrolled')
    touchloop.track('checkout_completed', { total: 10 }) // the name matches, its property filter does not
    await touchloop.flush()
    await settle()
    expect(chunk.imports - before).toBe(0)
    touchloop.track('checkout_completed', { total: 80 })
    await until(() => widget.contexts.length === 1, 'the survey shown')
    expect(chunk.imports - before).toBe(1)
    touchloop.destroy()
  })

  it('applies calls made before it loaded in call order (identify before track, reset after)', async () => {
    const proOnly = survey('pro', { audience: { traits: [{ prop: 'plan', op: 'eq', value: 'pro' }] } })
    // identify() then track(): the trait is known when the touchpoint is decided.
    const first = setupTouchloop({ surveys: [proOnly] })
    first.touchloop.identify('u1', { plan: 'pro' })
    first.touchloop.track('checkout_completed')
    await until(() => first.widget.contexts.length === 1, 'the survey for a pro user')
    first.touchloop.destroy()

    // track() then identify(): decided before the trait arrives, so not shown.
    const second = setupTouchloop({ surveys: [proOnly] })
    second.touchloop.track('checkout_completed')
    second.touchloop.identify('u1', { plan: 'pro' })
    await second.touchloop.flush()
    await settle()
    expect(second.widget.contexts).toHaveLength(0)
    second.touchloop.destroy()

    // identify(), reset(), track(): the reset user has no traits any more.
    const third = setupTouchloop({ surveys: [proOnly] })
    third.touchloop.identify('u1', { plan: 'pro' })
    third.touchloop.reset()
    third.touchloop.track('checkout_completed')
    await third.touchloop.flush()
    await settle()
    expect(third.widget.contexts).toHaveLength(0)
    third.touchloop.destroy()
  })

  it('counts visits and sessions on page loads where nothing matched, without loading it', async () => {
    const before = chunk.imports
    const storageKey = `sessions-${Math.random().toString(36).slice(2)}`
    const env: TestEnv = createTestEnv()
    const pageLoad = async (surveys: Survey[]) => {
      const widget = scriptedWidget()
      const options: TouchloopOptions = { surveys, widget: widget.loader, env, storageKey }
      const touchloop = createTouchloop({ ...options, transports: [recordingTransport().transport] })
      touchloop.track('page_scrolled')
      await touchloop.flush()
      await settle()
      return { touchloop, widget }
    }
    // Three page loads, 31 minutes apart: three visits in three sessions, none of them matched anything.
    for (let i = 0; i < 2; i++) {
      const { touchloop } = await pageLoad([survey('quiet')])
      touchloop.destroy()
      env.advance(31 * 60 * 1000)
    }
    expect(chunk.imports - before).toBe(0)
    const third = await pageLoad([
      survey('third-session', { touchpoints: [{ type: 'visits', count: 3, per: 'session' }] }),
    ])
    await until(() => third.widget.contexts.length === 1, 'the survey of the third session')
    await third.touchloop.flush()
    third.touchloop.destroy()
    // Once loaded, the stage brought the stored state in line with the counts page load kept.
    expect(await createIndexedDbStorage(storageKey).read()).toMatchObject({ visits: 3, sessions: 3 })
  })

  it('counts the visit itself when page load cannot (a state database but no session record yet)', async () => {
    const storageKey = `upgrade-${Math.random().toString(36).slice(2)}`
    const env = createTestEnv()
    const first = createTouchloop({ surveys: [survey('quiet')], env, storageKey })
    first.identify('u1') // loads the state stage, which writes the state database
    await first.flush()
    first.destroy()
    // An earlier version wrote the database but not the record.
    localStorage.clear()
    env.advance(31 * 60 * 1000)
    const widget = scriptedWidget()
    const second = createTouchloop({
      surveys: [survey('second-visit', { touchpoints: [{ type: 'visits', count: 2 }] })],
      widget: widget.loader,
      env,
      storageKey,
      transports: [recordingTransport().transport],
    })
    await until(() => widget.contexts.length === 1, 'the survey of the second visit')
    await second.flush()
    second.destroy()
    expect(await createIndexedDbStorage(storageKey).read()).toMatchObject({ visits: 2, sessions: 2 })
  })

  it('is not loaded by an identify() the stored state already has (the same user and traits on the next page)', async () => {
    const storageKey = `identity-${Math.random().toString(36).slice(2)}`
    const env = createTestEnv()
    const pageLoad = async (identify: () => [string, Record<string, string>]) => {
      const before = chunk.imports
      const touchloop = createTouchloop({ surveys: [survey('quiet')], env, storageKey })
      touchloop.identify(...identify())
      await touchloop.flush()
      touchloop.destroy()
      return chunk.imports - before
    }
    expect(await pageLoad(() => ['u1', { plan: 'pro' }])).toBe(1) // first time: stored
    expect(await pageLoad(() => ['u1', { plan: 'pro' }])).toBe(0) // the same call: nothing to store
    expect(await pageLoad(() => ['u1', { plan: 'team' }])).toBe(1) // a changed trait is stored
    expect(await createIndexedDbStorage(storageKey).read()).toMatchObject({ userId: 'u1', traits: { plan: 'team' } })
    expect(await pageLoad(() => ['u1', { plan: 'team' }])).toBe(0)
  })

  it('is not loaded by setConsent(true) alone; the state it stores later persists', async () => {
    const before = chunk.imports
    const storageKey = `consent-${Math.random().toString(36).slice(2)}`
    const touchloop = createTouchloop({
      surveys: [survey('quiet')],
      env: createTestEnv(),
      storageKey,
      consent: 'pending',
    })
    touchloop.setConsent(true)
    await touchloop.flush()
    expect(chunk.imports - before).toBe(0)
    touchloop.identify('u1')
    await touchloop.flush()
    touchloop.destroy()
    expect(chunk.imports - before).toBe(1)
    expect(await createIndexedDbStorage(storageKey).read()).toMatchObject({ userId: 'u1' })
  })
})
