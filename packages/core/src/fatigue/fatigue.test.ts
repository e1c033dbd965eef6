import { describe, expect, it } from 'vitest'
import type { Survey } from '../model'
import { createFreshState } from '../state/store'
import { createTestEnv } from '../test-support/test-env'
import { fatigueBlock } from './fatigue'
import { recordShown } from './history'

const DAY = 24 * 60 * 60 * 1000
const survey = (fatigue?: Survey['fatigue'], id = 's'): Survey => ({
  id,
  touchpoints: [],
  questions: [{ id: 'q', type: 'nps', text: 'x' }],
  fatigue,
})

function fresh() {
  const env = createTestEnv()
  return { env, state: createFreshState(env), now: env.now() }
}

describe('fatigue', () => {
  it('shows a survey once by default', () => {
    const { state, now } = fresh()
    expect(fatigueBlock(survey(), state, now, {})).toBeUndefined()
    recordShown(state, 's', 'checkout', now)
    expect(fatigueBlock(survey(), state, now + 365 * DAY, {})).toBe('fatigue: already shown once')
  })

  it('untilAnswered: again until completed', () => {
    const { state, now } = fresh()
    const s = survey({ displayLimit: 'untilAnswered' })
    recordShown(state, 's', 'checkout', now)
    recordShown(state, 's', 'checkout', now)
    expect(fatigueBlock(s, state, now, {})).toBeUndefined()
    state.surveys.s!.completedAt = now
    expect(fatigueBlock(s, state, now, {})).toBe('fatigue: already answered')
  })

  it('a number: at most N displays', () => {
    const { state, now } = fresh()
    const s = survey({ displayLimit: 2 })
    recordShown(state, 's', 'a', now)
    expect(fatigueBlock(s, state, now, {})).toBeUndefined()
    recordShown(state, 's', 'a', now)
    expect(fatigueBlock(s, state, now, {})).toBe('fatigue: display limit 2 reached')
  })

  it('recontact days per survey', () => {
    const { state, now } = fresh()
    const s = survey({ displayLimit: 10, recontactDays: 30 })
    recordShown(state, 's', 'a', now)
    expect(fatigueBlock(s, state, now + 29 * DAY, {})).toBe('fatigue: recontact period of 30 days')
    expect(fatigueBlock(s, state, now + 30 * DAY, {})).toBeUndefined()
  })

  it('global quiet period between any two surveys, unless the survey opts out', () => {
    const { state, now } = fresh()
    recordShown(state, 'other', 'a', now)
    expect(fatigueBlock(survey(), state, now + 13 * DAY, { quietPeriodDays: 14 })).toBe(
      'fatigue: global quiet period of 14 days',
    )
    expect(fatigueBlock(survey(), state, now + 14 * DAY, { quietPeriodDays: 14 })).toBeUndefined()
    expect(fatigueBlock(survey({ ignoreGlobalQuietPeriod: true }), state, now, { quietPeriodDays: 14 })).toBeUndefined()
  })

  it('per-session cap', () => {
    const { state, now } = fresh()
    recordShown(state, 'a', 'x', now)
    expect(fatigueBlock(survey(), state, now, { sessionCap: 1 })).toBe('fatigue: session cap of 1 reached')
    state.session.shown = 0 // a new session
    expect(fatigueBlock(survey(), state, now, { sessionCap: 1 })).toBeUndefined()
  })

  it('per-touchpoint cap', () => {
    const { state, now } = fresh()
    const s = survey({ displayLimit: 10 })
    recordShown(state, 's', 'checkout', now)
    expect(fatigueBlock(s, state, now, {}, { name: 'checkout', cap: 1 })).toBe(
      'fatigue: touchpoint "checkout" cap of 1 reached',
    )
    expect(fatigueBlock(s, state, now, {}, { name: 'pricing', cap: 1 })).toBeUndefined()
  })
})
