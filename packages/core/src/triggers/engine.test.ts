import { afterEach, describe, expect, it } from 'vitest'
import type { Survey, Touchpoint } from '../model'
import { createFreshState } from '../state/store'
import type { TouchloopState } from '../state/types'
import { createTestEnv } from '../test-support/test-env'
import { createTriggerEngine, type TouchpointFire } from './engine'
import { createPageSignals } from './page'

const survey = (id: string, ...touchpoints: Touchpoint[]): Survey => ({
  id,
  touchpoints,
  questions: [{ id: 'q', type: 'nps', text: 'x' }],
})

function setup(surveys: Survey[], url = 'https://shop.test/') {
  const env = createTestEnv(undefined, url)
  const state: TouchloopState = createFreshState(env)
  const fired: string[] = []
  const warnings: string[] = []
  const engine = createTriggerEngine({
    env,
    signals: createPageSignals(env, document, window),
    counts: () => state,
    countOccurrence: (key, counted) => {
      state.occurrences[key] = (state.occurrences[key] ?? 0) + 1
      counted(state.occurrences[key])
    },
    onFire: (fire: TouchpointFire) => fired.push(`${fire.survey.id}@${fire.name}`),
    warn: (message) => warnings.push(message),
  })
  engine.setSurveys(surveys)
  return { env, state, fired, warnings, engine }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('trigger engine: code events', () => {
  it('fires on the event name with property conditions', () => {
    const { engine, fired } = setup([
      survey('big', { type: 'event', event: 'checkout', where: [{ prop: 'orderValue', op: 'gte', value: 100 }] }),
      survey('any', { type: 'event', event: 'checkout', name: 'checkout-any' }),
    ])
    engine.start()
    engine.track('checkout', { orderValue: 50 })
    expect(fired).toEqual(['any@checkout-any'])
    engine.track('checkout', { orderValue: 120 })
    expect(fired).toEqual(['any@checkout-any', 'big@checkout', 'any@checkout-any'])
    engine.track('signup', {})
    expect(fired).toHaveLength(3)
  })

  it('fires from the nth matching occurrence on, counted in state across page loads', () => {
    const { engine, fired, state } = setup([
      survey('third', { type: 'event', event: 'export', nth: 3, where: [{ prop: 'format', op: 'eq', value: 'csv' }] }),
    ])
    engine.start()
    engine.track('export', { format: 'csv' })
    engine.track('export', { format: 'pdf' })
    engine.track('export', { format: 'csv' })
    expect(fired).toEqual([])
    expect(state.occurrences).toEqual({ 'third#0': 2 })
    engine.track('export', { format: 'csv' })
    expect(fired).toEqual(['third@export'])
  })

  it('waits the delay, and a cancel event or a navigation cancels it', () => {
    const { engine, fired, env } = setup([
      survey('later', { type: 'event', event: 'open', delaySeconds: 5, cancelOn: ['close'] }),
    ])
    engine.start()
    engine.track('open', {})
    env.advance(4999)
    expect(fired).toEqual([])
    env.advance(1)
    expect(fired).toEqual(['later@open'])

    engine.track('open', {})
    engine.track('close', {})
    env.advance(10_000)
    expect(fired).toEqual(['later@open'])

    engine.track('open', {})
    engine.navigate('https://shop.test/elsewhere')
    env.advance(10_000)
    expect(fired).toEqual(['later@open'])
  })

  it('checks the touchpoint URL rules against the current page', () => {
    const { engine, fired, env } = setup(
      [survey('s', { type: 'event', event: 'e', url: [{ op: 'startsWith', value: '/app' }] })],
      'https://shop.test/home',
    )
    engine.start()
    engine.track('e', {})
    expect(fired).toEqual([])
    env.navigate('https://shop.test/app/settings')
    engine.track('e', {})
    expect(fired).toEqual(['s@e'])
  })
})

describe('trigger engine: page touchpoints', () => {
  it('fires page views at start and on every SPA navigation, with URL rules and negation', () => {
    const { engine, fired, env } = setup(
      [
        survey('pricing', {
          type: 'pageview',
          url: [
            { op: 'contains', value: '/pricing' },
            { op: 'contains', value: 'ref=ads', not: true },
          ],
        }),
      ],
      'https://shop.test/pricing',
    )
    engine.start()
    expect(fired).toEqual(['pricing@pageview'])
    env.navigate('https://shop.test/pricing?ref=ads')
    engine.navigate(env.url())
    env.navigate('https://shop.test/about')
    engine.navigate(env.url())
    expect(fired).toEqual(['pricing@pageview'])
    env.navigate('https://shop.test/pricing#plans')
    engine.navigate(env.url())
    expect(fired).toEqual(['pricing@pageview', 'pricing@pageview'])
  })

  it('fires on a click inside an element matching the selector', () => {
    document.body.innerHTML = '<button id="help"><span>Help</span></button><button id="other">Other</button>'
    const { engine, fired } = setup([survey('help', { type: 'click', selector: '#help', name: 'help-click' })])
    engine.start()
    document.querySelector('#other')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(fired).toEqual([])
    document.querySelector('#help span')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(fired).toEqual(['help@help-click'])
  })

  it('warns once about an invalid selector instead of throwing', () => {
    document.body.innerHTML = '<button>x</button>'
    const { engine, fired, warnings } = setup([survey('bad', { type: 'click', selector: '##nope' })])
    engine.start()
    document.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    document.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(fired).toEqual([])
    expect(warnings).toEqual(['touchloop: click touchpoint selector "##nope" is not a valid CSS selector'])
  })

  it('fires exit intent once per page when the pointer leaves through the top', () => {
    const { engine, fired } = setup([survey('exit', { type: 'exitIntent' })])
    engine.start()
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, relatedTarget: null }))
    expect(fired).toEqual([])
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: null }))
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }))
    expect(fired).toEqual(['exit@exitIntent'])
    engine.navigate('https://shop.test/next')
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: null }))
    expect(fired).toEqual(['exit@exitIntent', 'exit@exitIntent'])
  })

  it('counts dwell time only while the page is visible', () => {
    const { engine, fired, env } = setup([survey('dwell', { type: 'dwell', seconds: 30 })])
    engine.start()
    env.advance(20_000)
    env.setVisible(false)
    env.advance(60_000)
    expect(fired).toEqual([])
    env.setVisible(true)
    env.advance(9_999)
    expect(fired).toEqual([])
    env.advance(1)
    expect(fired).toEqual(['dwell@dwell'])
  })

  it('fires on visit and session counts', () => {
    const { engine, fired, state } = setup([
      survey('third-visit', { type: 'visits', count: 3 }),
      survey('second-session', { type: 'visits', count: 2, per: 'session' }),
    ])
    state.visits = 3
    state.sessions = 1
    engine.start()
    expect(fired).toEqual(['third-visit@visits'])
  })

  it('gives surveys added after start (revalidated remote config) this page view', () => {
    const { engine, fired } = setup([survey('old', { type: 'pageview' })])
    engine.start()
    engine.setSurveys([survey('old', { type: 'pageview' }), survey('new', { type: 'pageview' })])
    expect(fired).toEqual(['old@pageview', 'new@pageview'])
  })

  it('stops listening after destroy', () => {
    document.body.innerHTML = '<button id="help">Help</button>'
    const { engine, fired, env } = setup([
      survey('help', { type: 'click', selector: '#help' }),
      survey('later', { type: 'event', event: 'e', delaySeconds: 1 }),
    ])
    engine.start()
    engine.track('e', {})
    engine.destroy()
    env.advance(5000)
    document.querySelector('#help')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(fired).toEqual([])
  })
})

describe('trigger engine: malformed touchpoints (a survey that slipped past validation)', () => {
  it('skips what does not fit with one warning each, never throws, and still fires the touchpoints that fit', () => {
    const odd = (value: unknown) => value as Touchpoint
    const { engine, fired, warnings, env } = setup([
      survey(
        'odd',
        odd(null),
        odd({ type: 'event', event: 'go', where: 'orderValue > 1' }),
        odd({ type: 'event', event: 'go', url: 42 }),
        odd({ type: 'event', event: 'go', nth: 1, url: { op: 'contains' } }),
        odd({ type: 'pageview', url: 'not a list' }),
        odd({ type: 'visits', count: 1, per: 'session', url: 7 }),
        odd({ type: 'event', event: 'go', delaySeconds: 1, cancelOn: 'stop' }),
        { type: 'event', event: 'go', name: 'fits' },
      ),
      { id: 'no-list', touchpoints: 'go', questions: [] } as unknown as Survey,
      { id: 'no-touchpoints', questions: [] } as unknown as Survey,
    ])
    expect(() => {
      engine.start()
      engine.track('go', {})
      engine.track('go', {})
      engine.track('stop', {})
      engine.navigate('https://shop.test/next')
      env.advance(2000)
    }).not.toThrow()
    expect(fired).toContain('odd@fits')
    expect(fired.filter((name) => name === 'odd@fits')).toHaveLength(2)
    expect(warnings.length).toBeGreaterThan(0)
    expect(new Set(warnings).size).toBe(warnings.length) // one warning per touchpoint, not one per event
    expect(warnings.join('\n')).toMatch(/survey "odd": touchpoint 1 was skipped/)
  })
})
