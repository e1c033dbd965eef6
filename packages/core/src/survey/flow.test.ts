import { describe, expect, it } from 'vitest'
import type { Survey } from '../model'
import {
  chooseEnding,
  evaluateCondition,
  firstStep,
  nextStep,
  npsCategory,
  previousQuestionId,
  progressOf,
  questionPath,
} from './flow'

const survey: Survey = {
  id: 's',
  touchpoints: [{ type: 'pageview' }],
  questions: [
    {
      id: 'nps',
      type: 'nps',
      text: 'How likely?',
      jumps: [{ if: { question: 'nps', op: 'npsCategory', value: 'promoter' }, to: 'review' }],
    },
    { id: 'why', type: 'text', text: 'Why?', showIf: { question: 'nps', op: 'lte', value: 6 } },
    { id: 'what', type: 'multi', text: 'What?', choices: [{ id: 'a', text: 'A' }] },
    { id: 'review', type: 'cta', text: 'Review us', buttonText: 'Go', url: 'https://example.com' },
    {
      id: 'email',
      type: 'text',
      text: 'Email',
      format: 'email',
      jumps: [{ if: { question: 'email', op: 'skipped' }, to: 'bye' }],
    },
  ],
  endings: [
    { id: 'promo', if: { question: 'nps', op: 'npsCategory', value: 'promoter' }, title: 'Thanks, fan' },
    { id: 'bye', title: 'Bye' },
    { id: 'default', title: 'Thanks' },
  ],
}

describe('npsCategory', () => {
  it('splits 0–6, 7–8, 9–10', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ])
  })
})

describe('evaluateCondition', () => {
  const answers = { n: 7, s: 'yes', m: ['a', 'b'], one: ['a'], c: true }
  it.each([
    [{ question: 'n', op: 'gt', value: 6 }, true],
    [{ question: 'n', op: 'gte', value: 7 }, true],
    [{ question: 'n', op: 'lt', value: 7 }, false],
    [{ question: 'n', op: 'lte', value: 7 }, true],
    [{ question: 'n', op: 'eq', value: 7 }, true],
    [{ question: 'n', op: 'neq', value: 7 }, false],
    [{ question: 'missing', op: 'neq', value: 7 }, false],
    [{ question: 's', op: 'includes', value: 'es' }, true],
    [{ question: 'm', op: 'includes', value: 'b' }, true],
    [{ question: 'm', op: 'eq', value: 'a' }, false],
    [{ question: 'one', op: 'eq', value: 'a' }, true],
    [{ question: 'c', op: 'eq', value: true }, true],
    [{ question: 'n', op: 'npsCategory', value: 'passive' }, true],
    [{ question: 's', op: 'npsCategory', value: 'passive' }, false],
    [{ question: 'missing', op: 'answered' }, false],
    [{ question: 'missing', op: 'skipped' }, true],
    [{ question: 'n', op: 'gt', value: '6' }, false],
    [
      {
        all: [
          { question: 'n', op: 'gt', value: 1 },
          { question: 'c', op: 'eq', value: true },
        ],
      },
      true,
    ],
    [
      {
        any: [
          { question: 'n', op: 'gt', value: 9 },
          { question: 'missing', op: 'answered' },
        ],
      },
      false,
    ],
    [{ not: { question: 'missing', op: 'answered' } }, true],
  ] as const)('%j → %s', (condition, expected) => {
    expect(evaluateCondition(condition as never, answers)).toBe(expected)
  })
  it('treats an empty string or empty list as not answered', () => {
    expect(evaluateCondition({ question: 'x', op: 'answered' }, { x: '' })).toBe(false)
    expect(evaluateCondition({ question: 'x', op: 'skipped' }, { x: [] })).toBe(true)
  })
})

describe('flow', () => {
  it('starts at the first visible question', () => {
    expect(firstStep(survey)).toEqual({ kind: 'question', questionId: 'nps' })
  })

  it('shows a follow-up only when its show-if holds', () => {
    expect(nextStep(survey, 'nps', { nps: 3 })).toEqual({ kind: 'question', questionId: 'why' })
    expect(nextStep(survey, 'nps', { nps: 8 })).toEqual({ kind: 'question', questionId: 'what' })
  })

  it('follows the first matching jump rule', () => {
    expect(nextStep(survey, 'nps', { nps: 10 })).toEqual({ kind: 'question', questionId: 'review' })
  })

  it('jumps to a named ending', () => {
    expect(nextStep(survey, 'email', { nps: 3 })).toEqual({ kind: 'ending', endingId: 'bye' })
  })

  it('chooses the ending by category after the last question', () => {
    expect(nextStep(survey, 'email', { nps: 10, email: 'a@b.c' })).toEqual({ kind: 'ending', endingId: 'promo' })
    expect(nextStep(survey, 'email', { nps: 5, email: 'a@b.c' })).toEqual({ kind: 'ending', endingId: 'bye' })
  })

  it("'end' goes to the chosen ending", () => {
    const s: Survey = {
      ...survey,
      questions: [{ ...survey.questions[0]!, jumps: [{ if: { question: 'nps', op: 'answered' }, to: 'end' }] }],
    }
    expect(nextStep(s, 'nps', { nps: 9 })).toEqual({ kind: 'ending', endingId: 'promo' })
  })

  it('lands on the built-in thank-you when there are no endings', () => {
    const s: Survey = { ...survey, endings: undefined }
    expect(nextStep(s, 'email', { email: 'x' })).toEqual({ kind: 'ending', endingId: undefined })
    expect(chooseEnding(s, {})).toBeUndefined()
  })

  it('a jump to a hidden question lands on the next visible one', () => {
    const s: Survey = {
      ...survey,
      questions: [
        {
          id: 'a',
          type: 'consent',
          label: 'ok',
          text: 'A',
          jumps: [{ if: { question: 'a', op: 'answered' }, to: 'b' }],
        },
        { id: 'x', type: 'consent', label: 'ok', text: 'X' },
        { id: 'b', type: 'consent', label: 'ok', text: 'B', showIf: { question: 'x', op: 'answered' } },
        { id: 'c', type: 'consent', label: 'ok', text: 'C' },
      ],
    }
    expect(nextStep(s, 'a', { a: true })).toEqual({ kind: 'question', questionId: 'c' })
  })

  it('replays the path so back works after a reload', () => {
    expect(questionPath(survey, { nps: 3 })).toEqual(['nps', 'why', 'what', 'review', 'email'])
    expect(questionPath(survey, { nps: 10 })).toEqual(['nps', 'review', 'email'])
    expect(previousQuestionId(survey, 'review', { nps: 10 })).toBe('nps')
    expect(previousQuestionId(survey, 'review', { nps: 3 })).toBe('what')
    expect(previousQuestionId(survey, 'nps', {})).toBeUndefined()
  })

  it('stops replaying a jump loop', () => {
    const s: Survey = {
      ...survey,
      endings: [],
      questions: [
        { id: 'a', type: 'consent', label: 'ok', text: 'A' },
        {
          id: 'b',
          type: 'consent',
          label: 'ok',
          text: 'B',
          jumps: [{ if: { question: 'b', op: 'answered' }, to: 'a' }],
        },
      ],
    }
    expect(questionPath(s, { b: true })).toEqual(['a', 'b'])
  })

  it('estimates progress on the path', () => {
    expect(progressOf(survey, 'nps', {})).toEqual({ position: 1, total: 4 })
    expect(progressOf(survey, 'why', { nps: 2 })).toEqual({ position: 2, total: 5 })
    expect(progressOf(survey, 'review', { nps: 10 })).toEqual({ position: 2, total: 3 })
  })
})

// Issue 12 item 5: an answer is never read from Object.prototype.
describe('answers and inherited names', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('"%s" unanswered is skipped', (question) => {
    expect(evaluateCondition({ question, op: 'answered' }, {})).toBe(false)
    expect(evaluateCondition({ question, op: 'skipped' }, {})).toBe(true)
  })
})
