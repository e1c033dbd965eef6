import type { SendContext } from '@touchloop/core'
import { describe, expect, it } from 'vitest'
import { type AnalyticsLike, createSegmentTransport, type SegmentTransportOptions, toSegmentEvent } from './segment'
import { type Backend, createBackend, type RecordedCall } from './testing/backend'
import { expectShapeCovers, type TransportHarness, testTransport } from './testing/contract'
import { bigRecord, makeRecord, sampleBatch, toItem } from './testing/fixtures'

// The batch request documented for Segment's HTTP Tracking API (POST https://api.segment.io/v1/batch):
// https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch
const DOCUMENTED_BATCH = {
  batch: [
    {
      type: 'track',
      event: 'Song Played',
      anonymousId: '507f191e810c19729de860ea',
      properties: { name: 'Fallin for You' },
      timestamp: '2026-11-23T10:00:00.000Z',
      messageId: 'a-unique-id',
      context: { ip: '8.8.8.8' },
    },
  ],
}

type BatchBody = { batch: Array<Record<string, unknown> & { messageId: string }>; writeKey?: string }
const bodyOf = (call: RecordedCall) => JSON.parse(String(call.init?.body)) as BatchBody
const headersOf = (call: RecordedCall) => (call.init?.headers ?? {}) as Record<string, string>
const context = (): SendContext => ({ signal: new AbortController().signal, idempotencyKey: 'batch-1' })
const messageIds = (call: RecordedCall) => bodyOf(call).batch.map((event) => event.messageId)

const badOptions: TransportHarness['badOptions'] = [
  { options: undefined, code: 'segment/invalid-options' },
  { options: {}, code: 'segment/missing-writekey' },
  { options: { writeKey: '' }, code: 'segment/missing-writekey' },
  { options: { writeKey: 'wk', host: 'ftp://segment.example' }, code: 'segment/invalid-host' },
  { options: { writeKey: 'wk', analytics: { track() {} } }, code: 'segment/ambiguous-channel' },
  { options: { analytics: { page() {} } }, code: 'segment/missing-instance' },
  { options: { writeKey: 'wk', maxBatchSize: -1 }, code: 'segment/invalid-maxbatchsize' },
  { options: { writeKey: 'wk', fetch: {} }, code: 'segment/invalid-fetch' },
]
const factory = (options: unknown) => createSegmentTransport(options as SegmentTransportOptions)

testTransport('segment', {
  create: (backend: Backend) =>
    createSegmentTransport({ writeKey: 'wk_test', fetch: (input, init) => backend.fetch(input, init) }),
  factory,
  keysOf: messageIds,
  dedupIdsOf: messageIds,
  reportsStatus: true,
  canHang: true,
  checkWire(call, batch) {
    expect(call.url).toBe('https://api.segment.io/v1/batch')
    expect(call.init?.method).toBe('POST')
    expect(headersOf(call)).toEqual({ 'content-type': 'application/json', authorization: `Basic ${btoa('wk_test:')}` })
    const body = bodyOf(call)
    expectShapeCovers(body, DOCUMENTED_BATCH, ['$.batch[0].properties', '$.batch[0].context'])
    expect(body.batch.map((event) => event.event)).toEqual([
      'Survey Shown',
      'Survey Answered',
      'Survey Completed',
      'Survey Dismissed',
    ])
    expect(body.batch[2]).toMatchObject({ userId: 'user-42', anonymousId: 'anon-7f3a' })
    expect(body.batch.map((event) => event.timestamp)).toEqual(batch.map((item) => item.record.updatedAt))
  },
  badOptions,
})

describe('segment transport through an analytics.js instance', () => {
  /** An analytics.js (Analytics 2.0) stand-in: track() returns a promise settled by the scripted backend. */
  const fakeAnalytics = (backend: Backend): AnalyticsLike => ({
    track(event, properties, options) {
      const answer = backend.answerNow({ unload: false, args: [event, properties, options] })
      if ('fail' in answer) return answer.fail === 'hang' ? new Promise(() => {}) : Promise.reject(new Error('network'))
      return answer.status < 300 ? Promise.resolve({}) : Promise.reject(new Error(`status ${answer.status}`))
    },
  })
  const optionsOf = (call: RecordedCall) => (call.args as [string, unknown, { messageId: string; timestamp: Date }])[2]
  testTransport('segment', {
    create: (backend) => createSegmentTransport({ analytics: fakeAnalytics(backend) }),
    factory,
    keysOf: (call) => [optionsOf(call).messageId],
    dedupIdsOf: (call) => [optionsOf(call).messageId],
    reportsStatus: false,
    canHang: true,
    checkWire(call) {
      const [event, properties, options] = call.args as [string, Record<string, unknown>, Record<string, unknown>]
      expect(event).toMatch(/^Survey (Shown|Answered|Completed|Dismissed)$/)
      expect(properties).toHaveProperty('response_id')
      expect(options.timestamp).toBeInstanceOf(Date)
      // analytics.js keeps its own identity: touchloop does not override it.
      expect(options).not.toHaveProperty('anonymousId')
      expect(options).not.toHaveProperty('userId')
    },
    badOptions,
  })

  it('also settles through the callback of a classic analytics.js that returns nothing', async () => {
    const calls: string[] = []
    const classic: AnalyticsLike = {
      track(event, _properties, _options, callback) {
        calls.push(event)
        setTimeout(() => callback?.(), 0)
      },
    }
    const result = await createSegmentTransport({ analytics: classic }).send(sampleBatch(), context())
    expect(result).toEqual({ status: 200 })
    expect(calls).toHaveLength(4)
  })
})

describe('segment transport specifics', () => {
  it('builds the Basic auth header like the Segment docs: "abc123:" → YWJjMTIzOg==', async () => {
    const backend = createBackend()
    await createSegmentTransport({ writeKey: 'abc123', fetch: backend.fetch }).send(sampleBatch(), context())
    expect(headersOf(backend.calls[0]!).authorization).toBe('Basic YWJjMTIzOg==')
  })

  it('messageId is "<response id>:<revision>" and properties carry the whole response so far', () => {
    const record = sampleBatch()[2]!.record
    expect(toSegmentEvent(record)).toMatchObject({
      type: 'track',
      event: 'Survey Completed',
      messageId: `${record.id}:2`,
      properties: {
        survey_id: 'nps-checkout',
        response_id: record.id,
        revision: 2,
        answers: { score: 9, reasons: ['speed', 'price'], comment: 'Fast checkout', subscribe: true },
        other_text: { reasons: 'the colours' },
        ending_id: 'thanks',
      },
      context: { library: { name: 'touchloop' }, locale: 'en-GB', page: { url: record.url } },
    })
  })

  it("keeps an event over Segment's 32 KB limit out of the batch and reports it alone as 413", async () => {
    const backend = createBackend()
    const ok = toItem(makeRecord())
    const huge = toItem(bigRecord(40 * 1024))
    const result = await createSegmentTransport({ writeKey: 'wk', fetch: backend.fetch }).send([ok, huge], context())
    expect(result.status).toBe(200)
    expect(result.items?.[huge.key]?.status).toBe(413)
    expect(messageIds(backend.calls[0]!)).toEqual([ok.key])
  })

  it('answers a batch over 500 KB 413 locally, leaving the per-event results to the split batches', async () => {
    const backend = createBackend()
    const batch = Array.from({ length: 17 }, () => toItem(bigRecord(30 * 1024)))
    const huge = toItem(bigRecord(40 * 1024))
    const result = await createSegmentTransport({ writeKey: 'wk', fetch: backend.fetch }).send(
      [...batch, huge],
      context(),
    )
    expect(result.status).toBe(413)
    expect(result.reason).toMatch(/^batch of \d+ bytes exceeds Segment's 500 KB limit$/)
    expect(result.items).toBeUndefined()
    expect(backend.calls).toHaveLength(0)
  })

  it('unload: CORS-simple text/plain keepalive with the write key in the body', () => {
    const backend = createBackend()
    createSegmentTransport({ writeKey: 'wk_test', fetch: backend.fetch }).sendOnUnload!(sampleBatch())
    const call = backend.calls[0]!
    expect(call.init).toMatchObject({ keepalive: true, method: 'POST' })
    expect(headersOf(call)).toEqual({ 'content-type': 'text/plain;charset=UTF-8' })
    expect(bodyOf(call).writeKey).toBe('wk_test')
    expect(bodyOf(call).batch.every((event) => event.writeKey === 'wk_test')).toBe(true)
  })

  it('sends to the EU endpoint when asked', async () => {
    const backend = createBackend()
    await createSegmentTransport({
      writeKey: 'wk',
      host: 'https://events.eu1.segmentapis.com',
      fetch: backend.fetch,
    }).send(sampleBatch(), context())
    expect(backend.calls[0]!.url).toBe('https://events.eu1.segmentapis.com/v1/batch')
  })

  // Issue 12 item 2: a proxy under a path keeps its path.
  it('keeps the path of a proxy host', async () => {
    const backend = createBackend()
    await createSegmentTransport({ writeKey: 'wk', host: 'https://example.com/seg/', fetch: backend.fetch }).send(
      sampleBatch(),
      context(),
    )
    expect(backend.calls[0]!.url).toBe('https://example.com/seg/v1/batch')
  })
})
