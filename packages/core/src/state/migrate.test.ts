import { describe, expect, it } from 'vitest'
import { readState, StateReadError } from './migrate'
import { STATE_VERSION } from './types'

const valid = {
  v: STATE_VERSION,
  anonymousId: 'anon-1',
  userId: 'u1',
  traits: { plan: 'pro' },
  visits: 4,
  sessions: 2,
  session: { id: 's1', startedAt: 1, lastActivityAt: 2, shown: 1, byTouchpoint: { checkout: 1 } },
  lastShownAt: 2,
  surveys: { nps: { shown: 1, lastShownAt: 2, completedAt: 3, byTouchpoint: { checkout: 1 } } },
  occurrences: { 'nps#0': 2 },
  open: {
    responseId: '0190a5e5-0000-7000-8000-000000000000',
    surveyId: 'nps',
    surveyVersion: 1,
    touchpoint: 'checkout',
    revision: 1,
    answers: { score: 9 },
    currentQuestionId: 'why',
    createdAt: '2026-11-23T10:00:00.000Z',
  },
}

describe('reading stored state', () => {
  it('returns a valid current state as is', () => {
    expect(readState(structuredClone(valid))).toEqual(valid)
  })

  it('migrates v1 (seen/answered maps) to the current version', () => {
    const v1 = { v: 1, anonymousId: 'anon-1', traits: {}, visits: 3, seen: { nps: 100 }, answered: { nps: 200 } }
    const state = readState(v1)
    expect(state.v).toBe(STATE_VERSION)
    expect(state.surveys).toEqual({ nps: { shown: 1, lastShownAt: 100, completedAt: 200 } })
    expect(state.visits).toBe(3)
    expect(state.session.lastActivityAt).toBe(0) // the next init starts a new session
  })

  it.each([
    ['not an object', 'garbage', '(root): expected an object'],
    ['a newer version', { ...valid, v: 99 }, 'v: expected a version ≤ 2 (written by a newer touchloop)'],
    ['an unknown old version', { ...valid, v: 0 }, 'v: expected a known version, got 0'],
    ['a bad count', { ...valid, visits: -1 }, 'visits: expected a count'],
    ['a bad history', { ...valid, surveys: { nps: { shown: 'x' } } }, 'surveys.nps.shown: expected a count'],
    ['a bad trait', { ...valid, traits: { a: {} } }, 'traits.a: expected a string, number, boolean or null'],
    ['a broken open response', { ...valid, open: { ...valid.open, surveyId: 1 } }, 'open.surveyId: expected a string'],
    ['a missing session', { ...valid, session: undefined }, 'session: expected an object'],
  ])('rejects %s with a message naming the field', (_, raw, message) => {
    expect(() => readState(raw)).toThrow(StateReadError)
    expect(() => readState(raw)).toThrow(message)
  })
})
