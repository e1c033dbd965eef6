import { describe, expect, it } from 'vitest'
import type { ResponseRecord, Survey } from '../model'
import type { OpenResponse } from '../state/types'
import { createTestEnv } from '../test-support/test-env'
import { createResponseSession, reportableUrl } from './response'

const survey: Survey = {
  id: 'nps',
  version: 2,
  touchpoints: [],
  questions: [
    {
      id: 'score',
      type: 'nps',
      text: 'x',
      jumps: [{ if: { question: 'score', op: 'npsCategory', value: 'promoter' }, to: 'end' }],
    },
    { id: 'why', type: 'text', text: 'y' },
  ],
}

function session(resume?: OpenResponse, enqueueDelay = false) {
  const env = createTestEnv(undefined, 'https://shop.test/checkout?token=secret#x')
  const records: ResponseRecord[] = []
  const saved: (OpenResponse | undefined)[] = []
  const s = createResponseSession(
    survey,
    'checkout',
    'en',
    env,
    {
      enqueue: async (record) => {
        if (enqueueDelay) await new Promise((resolve) => setTimeout(resolve, 1))
        records.push(record)
      },
      save: (open) => saved.push(open),
      identity: () => ({ anonymousId: 'anon', userId: 'u1' }),
    },
    resume,
  )
  return { s, records, saved }
}

describe('response session', () => {
  it('writes revisions in order with all answers so far, even when nobody awaits', async () => {
    const { s, records } = session(undefined, true)
    void s.shown()
    void s.answer({ questionId: 'score', value: 4, msToAnswer: 1234.4 })
    void s.answer({ questionId: 'why', value: 'slow', otherText: undefined })
    await s.complete('thanks')
    expect(records.map((r) => [r.revision, r.event])).toEqual([
      [0, 'shown'],
      [1, 'answered'],
      [2, 'answered'],
      [3, 'completed'],
    ])
    expect(records[3]).toMatchObject({
      surveyId: 'nps',
      surveyVersion: 2,
      touchpoint: 'checkout',
      answers: { score: 4, why: 'slow' },
      timings: { score: 1234 },
      endingId: 'thanks',
      userId: 'u1',
      anonymousId: 'anon',
      locale: 'en',
      url: 'https://shop.test/checkout',
    })
    expect(records[1]!.answers).toEqual({ score: 4 })
  })

  it('keeps the open response (next question by the flow rules) for resume, and clears it at the end', async () => {
    const { s, saved } = session()
    await s.shown()
    await s.answer({ questionId: 'score', value: 3 })
    expect(saved.at(-1)).toMatchObject({ revision: 1, answers: { score: 3 }, currentQuestionId: 'why' })
    await s.dismiss()
    expect(saved.at(-1)).toBeUndefined()
    await s.answer({ questionId: 'why', value: 'late' }) // after closing: ignored
    expect(saved).toHaveLength(3)
  })

  it('a promoter jumps to the end: nothing left to resume at', async () => {
    const { s, saved } = session()
    await s.answer({ questionId: 'score', value: 10 })
    expect(saved.at(-1)?.currentQuestionId).toBeUndefined()
  })

  it('resuming continues the same response without a second "shown"', async () => {
    const open: OpenResponse = {
      responseId: '0190a5e5-0000-7000-8000-000000000001',
      surveyId: 'nps',
      surveyVersion: 2,
      touchpoint: 'checkout',
      revision: 1,
      answers: { score: 3 },
      createdAt: '2026-11-23T10:00:00.000Z',
    }
    const { s, records } = session(open)
    await s.shown()
    await s.answer({ questionId: 'why', value: 'x' })
    expect(records.map((r) => [r.id, r.revision, r.event])).toEqual([[open.responseId, 2, 'answered']])
    expect(records[0]!.createdAt).toBe(open.createdAt)
  })

  it('reports the page URL without query and hash', () => {
    expect(reportableUrl('https://a.test/p?token=1#h')).toBe('https://a.test/p')
    expect(reportableUrl('')).toBeUndefined()
  })
})

// Issue 12 items 5 and 6: answers live in an object without a prototype; typed text is made storable.
describe('answers the backend can store', () => {
  it('keeps answers in an object without a prototype and refuses an unknown question id', async () => {
    const { s, records } = session()
    await s.shown()
    await expect(s.answer({ questionId: '__proto__', value: 1 })).rejects.toThrow(
      'expected a question id of survey "nps", got "__proto__"',
    )
    expect(Object.getPrototypeOf(s.open.answers)).toBeNull()
    expect(records.map((record) => record.event)).toEqual(['shown'])
  })

  it('replaces lone surrogates with U+FFFD and removes NUL in text answers and "Other" text', async () => {
    const { s, records } = session()
    await s.answer({ questionId: 'why', value: 'a\u0000b\uDC00', otherText: 'x\uD800' })
    expect(records.at(-1)).toMatchObject({ answers: { why: 'ab\uFFFD' }, otherText: { why: 'x\uFFFD' } })
  })
})
