import type { SendContext } from '@touchloop/core'
import { afterEach, describe, expect, it } from 'vitest'
import {
  answerParamName,
  createGa4Transport,
  GA4_LIMITS,
  type Ga4TransportOptions,
  type Gtag,
  toGa4Params,
} from './ga4'
import type { Backend, RecordedCall } from './testing/backend'
import { type TransportHarness, testTransport, waitFor } from './testing/contract'
import { makeRecord, sampleBatch } from './testing/fixtures'

// gtag's documented event command: gtag('event', '<event_name>', { <parameter_name>: <value>, event_callback })
// https://developers.google.com/tag-platform/gtagjs/reference#event ; limits from
// https://support.google.com/analytics/answer/9267744 (names ≤ 40 characters, values ≤ 100, 25 parameters).
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/
const GTAG_KEYS = new Set(['event_callback', 'event_timeout', 'send_to'])

type GtagCall = ['event', string, Record<string, unknown>]
const argsOf = (call: RecordedCall) => call.args as GtagCall
const keyOf = (call: RecordedCall) => {
  const params = argsOf(call)[2]
  return `${params.response_id}:${params.response_revision}`
}
const context = (signal = new AbortController().signal): SendContext => ({ signal, idempotencyKey: 'batch-1' })

/** A gtag.js stand-in: records the event; calls event_callback when the scripted backend accepts it. */
function fakeGtag(backend: Backend): Gtag {
  return (command, eventName, params) => {
    const answer = backend.answerNow({ unload: false, args: [command, eventName, params] })
    if ('fail' in answer && answer.fail === 'hang') return
    if ('fail' in answer || answer.status >= 300) throw new Error('gtag failed')
    setTimeout(() => (params.event_callback as (() => void) | undefined)?.(), 0)
  }
}

export function expectWithinGa4Limits(eventName: string, params: Record<string, unknown>): void {
  expect(eventName.length).toBeLessThanOrEqual(GA4_LIMITS.nameLength)
  expect(eventName).toMatch(NAME)
  const own = Object.entries(params).filter(([key]) => !GTAG_KEYS.has(key))
  expect(own.length).toBeLessThanOrEqual(GA4_LIMITS.params)
  for (const [key, value] of own) {
    expect(key.length).toBeLessThanOrEqual(GA4_LIMITS.nameLength)
    expect(key).toMatch(NAME)
    expect(key).not.toMatch(/^(google_|ga_|firebase_)/)
    if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(GA4_LIMITS.valueLength)
    else expect(typeof value).toBe('number')
  }
}

const badOptions: TransportHarness['badOptions'] = [
  { options: null, code: 'ga4/invalid-options' },
  { options: { gtag: 'gtag' }, code: 'ga4/invalid-gtag' },
  { options: {}, code: 'ga4/missing-gtag' },
  { options: { gtag() {}, sendTo: 'UA-12345-1' }, code: 'ga4/invalid-sendto' },
  { options: { gtag() {}, maxBatchSize: 0 }, code: 'ga4/invalid-maxbatchsize' },
  { options: { gtag() {}, name: 7 }, code: 'ga4/missing-name' },
]

testTransport('ga4', {
  create: (backend) => createGa4Transport({ gtag: fakeGtag(backend) }),
  factory: (options) => createGa4Transport(options as Ga4TransportOptions),
  keysOf: (call) => [keyOf(call)],
  dedupIdsOf: (call) => [keyOf(call)],
  reportsStatus: false,
  canHang: true,
  checkWire(call) {
    const [command, eventName, params] = argsOf(call)
    expect(command).toBe('event')
    expect(['survey_shown', 'survey_answered', 'survey_completed', 'survey_dismissed']).toContain(eventName)
    expect(typeof params.event_callback).toBe('function')
    expectWithinGa4Limits(eventName, params)
  },
  badOptions,
})

describe('ga4 transport specifics', () => {
  afterEach(() => {
    delete (globalThis as { gtag?: unknown }).gtag
  })

  it('uses the page gtag() when none is passed', async () => {
    const events: string[] = []
    ;(globalThis as { gtag?: Gtag }).gtag = (_command, name, params) => {
      events.push(name)
      ;(params.event_callback as () => void)()
    }
    const result = await createGa4Transport().send(sampleBatch(), context())
    expect(result).toEqual({ status: 200 })
    expect(events).toEqual(['survey_shown', 'survey_answered', 'survey_completed', 'survey_dismissed'])
  })

  it('maps answers to answer_<question> parameters, numbers kept numeric, within every GA4 limit', () => {
    const answers: Record<string, string | number | string[]> = { score: 9, reasons: ['speed', 'price'] }
    answers['a-very-long-question-identifier-that-goes-on-and-on'] = 'y'.repeat(300)
    for (let i = 0; i < 30; i++) answers[`q${i}`] = i
    const params = toGa4Params(makeRecord({ answers, surveyId: 's'.repeat(150) }))
    expectWithinGa4Limits('survey_completed', params)
    expect(params).toMatchObject({ answer_score: 9, answer_reasons: 'speed, price', survey_id: 's'.repeat(100) })
    expect(params[answerParamName('a-very-long-question-identifier-that-goes-on-and-on')]).toBe('y'.repeat(100))
    expect(Object.keys(params)).toHaveLength(GA4_LIMITS.params)
    expect(params.answers_omitted).toBe(32 + 1 - (GA4_LIMITS.params - 6))
  })

  // Issue 12 item 3: the "Other" text reaches GA4.
  it('includes the text typed in "Other" in a choice answer', () => {
    const record = makeRecord({
      answers: { reasons: ['speed', 'price', 'other'], plan: 'other' },
      otherText: { reasons: 'delivery', plan: 'a custom one' },
    })
    expect(toGa4Params(record)).toMatchObject({
      answer_reasons: 'speed, price, other: delivery',
      answer_plan: 'other: a custom one',
    })
  })

  it('does not push an event twice on a retry within the page (GA4 cannot deduplicate)', async () => {
    const pushed: Array<Record<string, unknown>> = []
    const gtag: Gtag = (_command, _name, params) => void pushed.push(params)
    const transport = createGa4Transport({ gtag })
    const batch = sampleBatch()
    const first = new AbortController()
    const attempt = transport.send(batch, context(first.signal))
    first.abort(new DOMException('timed out', 'TimeoutError'))
    await expect(attempt).rejects.toThrow('timed out')
    // gtag.js loads later and sends what it queued; the retry waits for those callbacks instead of re-pushing.
    const retry = transport.send(batch, context())
    await waitFor(() => true)
    expect(pushed).toHaveLength(4)
    for (const params of pushed) (params.event_callback as () => void)()
    await expect(retry).resolves.toEqual({ status: 200 })
    expect(pushed).toHaveLength(4)
  })

  it('pushes again on a retry when gtag threw the first time', async () => {
    let calls = 0
    const gtag: Gtag = (_command, _name, params) => {
      calls++
      if (calls === 1) throw new Error('not ready')
      ;(params.event_callback as () => void)()
    }
    const transport = createGa4Transport({ gtag })
    const [item] = sampleBatch()
    await expect(transport.send([item!], context())).rejects.toThrow('not ready')
    await expect(transport.send([item!], context())).resolves.toEqual({ status: 200 })
    expect(calls).toBe(2)
  })

  it('awaitCallback: false counts a batch delivered once handed to gtag; sendTo routes it', async () => {
    const params: Array<Record<string, unknown>> = []
    const transport = createGa4Transport({
      gtag: (_c, _n, p) => void params.push(p),
      awaitCallback: false,
      sendTo: 'G-ABC123',
    })
    await expect(transport.send(sampleBatch(), context())).resolves.toEqual({ status: 200 })
    expect(params.every((p) => p.send_to === 'G-ABC123' && !('event_callback' in p))).toBe(true)
  })

  it('has no unload path: gtag.js sends its own beacons, and a resend would double-count', () => {
    expect(createGa4Transport({ gtag() {} }).sendOnUnload).toBeUndefined()
  })
})
