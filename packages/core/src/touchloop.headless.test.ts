// Issue 12 item 7: headless mode on its own. Without a widget, the app starts a response with
// start(), renders it itself and reports answers, completion and dismissal through the session; the
// same fatigue, revisions, events and durable queue apply as with the widget.
import { describe, expect, it, vi } from 'vitest'
import type { SurveySession, TouchloopEvents } from './api'
import type { Survey } from './model'
import { setupTouchloop, until } from './test-support/harness'

const survey: Survey = {
  id: 'nps',
  version: 2,
  touchpoints: [{ type: 'event', event: 'checkout_completed' }],
  fatigue: { displayLimit: 'once' },
  questions: [
    { id: 'score', type: 'nps', text: 'Recommend?' },
    {
      id: 'why',
      type: 'multi',
      text: 'Why?',
      other: true,
      choices: [
        { id: 'speed', text: 'Speed' },
        { id: 'price', text: 'Price' },
      ],
      showIf: { question: 'score', op: 'gte', value: 7 },
    },
    { id: 'comment', type: 'text', text: 'Anything else?' },
  ],
}

function headless() {
  const setup = setupTouchloop({ surveys: [survey], widget: undefined })
  const due: TouchloopEvents['survey:due'][] = []
  const events: string[] = []
  setup.touchloop.on('survey:due', (payload) => due.push(payload))
  for (const name of ['survey:shown', 'question:answered', 'survey:completed', 'survey:dismissed'] as const) {
    setup.touchloop.on(name, () => events.push(name))
  }
  return { ...setup, due, events }
}

describe('headless mode', () => {
  it('starts a response from survey:due, records every revision, and counts the display once', async () => {
    const { touchloop, records, due, events } = headless()
    touchloop.track('checkout_completed')
    await until(() => due.length === 1)
    const session = (await touchloop.start(due[0]!.survey.id, { touchpoint: due[0]!.touchpoint })) as SurveySession
    expect(session.step).toEqual({ kind: 'question', questionId: 'score' })
    await expect(session.answer('score', 9)).resolves.toBe(true)
    expect(session.step).toEqual({ kind: 'question', questionId: 'why' })
    await expect(session.answer('why', ['speed', 'other'], { otherText: 'deli\u0000very' })).resolves.toBe(true)
    await expect(session.answer('comment', 'great \uD800')).resolves.toBe(true)
    expect(session.step).toEqual({ kind: 'ending', endingId: undefined })
    await expect(session.complete()).resolves.toBe(true)
    await touchloop.flush()

    expect(records.map((record) => [record.revision, record.event])).toEqual([
      [0, 'shown'],
      [1, 'answered'],
      [2, 'answered'],
      [3, 'answered'],
      [4, 'completed'],
    ])
    const last = records.at(-1)!
    expect(last).toMatchObject({
      id: session.responseId,
      surveyId: 'nps',
      surveyVersion: 2,
      touchpoint: 'checkout_completed',
      // What the user typed is made storable before it is queued (item 6).
      answers: { score: 9, why: ['speed', 'other'], comment: 'great \uFFFD' },
      otherText: { why: 'delivery' },
    })
    expect(events).toEqual([
      'survey:shown',
      'question:answered',
      'question:answered',
      'question:answered',
      'survey:completed',
    ])

    // displayLimit 'once': not due again, and start() declines.
    touchloop.track('checkout_completed')
    await touchloop.flush()
    expect(due).toHaveLength(1)
    await expect(touchloop.start('nps')).resolves.toBeUndefined()
    touchloop.destroy()
  })

  it('refuses what does not fit, without throwing, and says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { touchloop, records } = headless()
    const session = (await touchloop.start('nps')) as SurveySession
    await expect(session.answer('nope', 1)).resolves.toBe(false)
    await expect(session.answer('score', 11)).resolves.toBe(false)
    await expect(session.answer('__proto__', 1)).resolves.toBe(false)
    await expect(session.dismiss()).resolves.toBe(true)
    await expect(session.answer('score', 5)).resolves.toBe(false)
    await touchloop.flush()
    expect(records.map((record) => record.event)).toEqual(['shown', 'dismissed'])
    const messages = warn.mock.calls.map((call) => String(call[0]))
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('expected a question id of survey "nps", got "nope"'),
        expect.stringContaining('expected an integer 0–10 for a nps question, got 11'),
        expect.stringContaining('already completed or dismissed'),
      ]),
    )
    warn.mockRestore()
    touchloop.destroy()
  })

  it('makes the user id storable before it is delivered (item 6)', async () => {
    const { touchloop, records } = headless()
    touchloop.identify('user\uD800\u0000')
    await touchloop.start('nps')
    await touchloop.flush()
    expect(records[0]?.userId).toBe('user\uFFFD')
    touchloop.destroy()
  })

  it('points show() at start() instead of failing with "no widget loader"', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { touchloop } = headless()
    await expect(touchloop.show('nps')).resolves.toBe(false)
    expect(String(warn.mock.calls[0]?.[0])).toContain('call touchloop.start("nps")')
    warn.mockRestore()
    touchloop.destroy()
  })

  it('keeps one survey at a time: a second start() waits until the first is closed', async () => {
    const { touchloop } = setupTouchloop({
      surveys: [survey, { ...survey, id: 'other' }],
      widget: undefined,
    })
    const first = (await touchloop.start('nps')) as SurveySession
    let second: SurveySession | undefined
    const pending = touchloop.start('other').then((session) => {
      second = session
    })
    await touchloop.flush()
    expect(second).toBeUndefined()
    await first.dismiss()
    await pending
    expect(second?.survey.id).toBe('other')
    touchloop.destroy()
  })
})
