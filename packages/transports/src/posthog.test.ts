import type { SendContext } from '@touchloop/core'
import { describe, expect, it } from 'vitest'
import {
  createPostHogTransport,
  eventUuid,
  type PostHogLike,
  type PostHogTransportOptions,
  toPostHogEvent,
} from './posthog'
import { type Backend, createBackend, type RecordedCall } from './testing/backend'
import { expectShapeCovers, type TransportHarness, testTransport } from './testing/contract'
import { makeRecord, sampleBatch } from './testing/fixtures'

// The batch request documented at https://posthog.com/docs/api/capture ("Batch events", /batch/ endpoint).
const DOCUMENTED_BATCH = {
  api_key: '<ph_project_api_key>',
  batch: [
    { event: 'batched_event_name', properties: { distinct_id: 'user distinct id' }, timestamp: '2026-11-23T10:00:00Z' },
  ],
}
// The `survey sent` event documented at https://posthog.com/docs/surveys/implementing-custom-surveys.
const DOCUMENTED_SURVEY_SENT = {
  $survey_id: '018ed910-3b24-0000-e3fd-d51c59aa74b2',
  $survey_questions: [{ id: 'a3071551-d599-4eeb-9ffe-69e93dc647b6', question: 'Do you like PostHog?' }],
  $survey_response: 'Yes!',
}

type BatchBody = {
  api_key: string
  batch: Array<{ event: string; properties: Record<string, unknown>; uuid?: string }>
}
const bodyOf = (call: RecordedCall) => JSON.parse(String(call.init?.body)) as BatchBody
const keyOfProps = (properties: Record<string, unknown>) =>
  `${properties.$survey_submission_id}:${properties.touchloop_revision}`
const context = (): SendContext => ({ signal: new AbortController().signal, idempotencyKey: 'batch-1' })
const EVENT_NAMES = ['survey shown', 'survey sent', 'survey dismissed']

const badOptions: TransportHarness['badOptions'] = [
  { options: undefined, code: 'posthog/invalid-options' },
  { options: {}, code: 'posthog/missing-apikey' },
  { options: { apiKey: '   ' }, code: 'posthog/missing-apikey' },
  { options: { apiKey: 'phx_personal_secret' }, code: 'posthog/personal-api-key' },
  { options: { apiKey: 'phc_abc', host: 'ftp://posthog.example' }, code: 'posthog/invalid-host' },
  { options: { apiKey: 'phc_abc', posthog: { capture() {} } }, code: 'posthog/ambiguous-channel' },
  { options: { posthog: {} }, code: 'posthog/missing-instance' },
  { options: { posthog: null }, code: 'posthog/missing-instance' },
  { options: { apiKey: 'phc_abc', distinctId: 'user-1' }, code: 'posthog/invalid-distinctid' },
  { options: { apiKey: 'phc_abc', surveyIds: 5 }, code: 'posthog/invalid-surveyids' },
  { options: { apiKey: 'phc_abc', surveys: {} }, code: 'posthog/invalid-surveys' },
  { options: { apiKey: 'phc_abc', maxBatchSize: 5000 }, code: 'posthog/invalid-maxbatchsize' },
]
const factory = (options: unknown) => createPostHogTransport(options as PostHogTransportOptions)

testTransport('posthog', {
  create: (backend: Backend) =>
    createPostHogTransport({ apiKey: 'phc_test', fetch: (input, init) => backend.fetch(input, init) }),
  factory,
  keysOf: (call) => bodyOf(call).batch.map((event) => keyOfProps(event.properties)),
  dedupIdsOf: (call) => bodyOf(call).batch.map((event) => event.uuid!),
  reportsStatus: true,
  canHang: true,
  checkWire(call, batch) {
    expect(call.url).toBe('https://us.i.posthog.com/batch/')
    expect(call.init?.method).toBe('POST')
    expect((call.init!.headers as Record<string, string>)['content-type']).toBe('application/json')
    const body = bodyOf(call)
    expectShapeCovers(body, DOCUMENTED_BATCH)
    expect(body.api_key).toBe('phc_test')
    expect(body.batch.map((event) => event.event)).toEqual([
      'survey shown',
      'survey sent',
      'survey sent',
      'survey dismissed',
    ])
    expect(body.batch.map((event) => event.properties.$survey_id)).toEqual(batch.map((item) => item.record.surveyId))
  },
  badOptions,
})

/** A posthog-js stand-in: capture() hands the event to the scripted backend; a failure throws like a broken instance. */
function fakePostHog(backend: Backend): PostHogLike {
  return {
    capture(event, properties, options) {
      const answer = backend.answerNow({ unload: false, args: [event, properties, options] })
      if ('fail' in answer || answer.status >= 300) throw new Error(`capture failed: ${JSON.stringify(answer)}`)
    },
  }
}

describe('posthog transport through a posthog-js instance', () => {
  const argsOf = (call: RecordedCall) =>
    call.args as [string, Record<string, unknown>, { uuid?: string; timestamp?: Date }]
  testTransport('posthog', {
    create: (backend) => createPostHogTransport({ posthog: fakePostHog(backend) }),
    factory,
    keysOf: (call) => [keyOfProps(argsOf(call)[1])],
    dedupIdsOf: (call) => [argsOf(call)[2].uuid!],
    reportsStatus: false,
    canHang: false,
    checkWire(call) {
      const [event, properties, options] = argsOf(call)
      expect(EVENT_NAMES).toContain(event)
      expect(properties).not.toHaveProperty('distinct_id')
      expect(typeof properties.$survey_id).toBe('string')
      expect(options.timestamp).toBeInstanceOf(Date)
    },
    badOptions,
  })
})

describe('posthog survey events', () => {
  it('maps a completed response to `survey sent` with PostHog survey properties', () => {
    const record = sampleBatch()[2]!.record
    const event = toPostHogEvent(record, {
      withDistinctId: true,
      surveyIds: { 'nps-checkout': '018ed910-3b24-0000-e3fd-d51c59aa74b2' },
      surveys: [
        {
          id: 'nps-checkout',
          name: 'Checkout NPS',
          questions: [
            { id: 'score', type: 'nps', text: { en: 'How likely…?', de: 'Wie wahrscheinlich…?' } },
            { id: 'reasons', type: 'multi', text: 'Why?', choices: [] },
          ],
        },
      ],
    })
    expect(event.event).toBe('survey sent')
    expect(event.timestamp).toBe(record.updatedAt)
    expectShapeCovers(event.properties, DOCUMENTED_SURVEY_SENT)
    expect(event.properties).toMatchObject({
      $survey_id: '018ed910-3b24-0000-e3fd-d51c59aa74b2',
      $survey_name: 'Checkout NPS',
      $survey_submission_id: record.id,
      $survey_completed: true,
      $survey_response: '9',
      $survey_response_score: '9',
      $survey_response_reasons: ['speed', 'price'],
      $survey_response_comment: 'Fast checkout',
      $survey_response_subscribe: 'true',
      $survey_questions: [
        { id: 'score', question: 'How likely…?' },
        { id: 'reasons', question: 'Why?' },
      ],
      distinct_id: 'user-42',
      $current_url: record.url,
    })
    expect(event.properties).not.toHaveProperty('$process_person_profile')
  })

  // Issue 12 item 3: PostHog's own surveys record choice labels, and the typed text for "Other".
  it('sends choice labels in the record locale and the "Other" text, as PostHog surveys record them', () => {
    const record = makeRecord({
      locale: 'de',
      answers: { reasons: ['speed', 'price', 'other'], plan: 'other', size: 'm', score: 9 },
      otherText: { reasons: 'delivery', plan: 'Enterprise' },
    })
    const surveys = [
      {
        id: record.surveyId,
        questions: [
          {
            id: 'reasons',
            type: 'multi' as const,
            text: 'Why?',
            other: true,
            choices: [
              { id: 'speed', text: { en: 'Speed', de: 'Tempo' } },
              { id: 'price', text: 'Price' },
            ],
          },
          { id: 'plan', type: 'single' as const, text: 'Plan?', other: true, choices: [{ id: 'pro', text: 'Pro' }] },
          { id: 'size', type: 'single' as const, text: 'Size?', choices: [{ id: 'm', text: 'Medium' }] },
        ],
      },
    ]
    expect(toPostHogEvent(record, { surveys }).properties).toMatchObject({
      $survey_response_reasons: ['Tempo', 'Price', 'delivery'],
      $survey_response_plan: 'Enterprise',
      $survey_response_size: 'Medium',
      $survey_response_score: '9',
    })
    // Without survey definitions: ids, but the "Other" text still replaces "other".
    expect(toPostHogEvent(record).properties).toMatchObject({
      $survey_response_reasons: ['speed', 'price', 'delivery'],
      $survey_response_plan: 'Enterprise',
    })
  })

  it('marks an answered revision as partial and an anonymous one as personless', () => {
    const event = toPostHogEvent(makeRecord({ revision: 1, event: 'answered' }), { withDistinctId: true })
    expect(event.properties).toMatchObject({
      $survey_completed: false,
      distinct_id: 'anon-7f3a',
      $process_person_profile: false,
    })
  })

  it('maps shown and dismissed, with the partial flag on dismissals', () => {
    expect(toPostHogEvent(makeRecord({ revision: 0, event: 'shown', answers: {} })).event).toBe('survey shown')
    const dismissed = toPostHogEvent(makeRecord({ revision: 2, event: 'dismissed' }))
    expect(dismissed.event).toBe('survey dismissed')
    expect(dismissed.properties.$survey_partially_completed).toBe(true)
    expect(dismissed.properties).not.toHaveProperty('$survey_completed')
  })

  it('uses the app distinctId function and gives every revision its own stable uuid', () => {
    const record = makeRecord()
    const event = toPostHogEvent(record, { withDistinctId: true, distinctId: () => 'ph-distinct-1' })
    expect(event.properties.distinct_id).toBe('ph-distinct-1')
    expect(event.properties).not.toHaveProperty('$process_person_profile')
    expect(event.uuid).toBe(eventUuid(record))
    expect(eventUuid({ ...record, revision: 2 })).not.toBe(eventUuid(record))
    expect(eventUuid(record)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(eventUuid({ ...record, id: 'not-a-uuid' })).toBeUndefined()
  })

  it('sends to the EU host or a proxy', async () => {
    const backend = createBackend()
    const transport = createPostHogTransport({
      apiKey: 'phc_x',
      host: 'https://eu.i.posthog.com',
      fetch: backend.fetch,
    })
    await transport.send(sampleBatch(), context())
    expect(backend.calls[0]!.url).toBe('https://eu.i.posthog.com/batch/')
  })

  // Issue 12 item 2: a reverse proxy under a path, as PostHog's docs recommend.
  it.each([
    ['https://example.com/ingest', 'https://example.com/ingest/batch/'],
    ['https://example.com/ingest/', 'https://example.com/ingest/batch/'],
    ['https://example.com', 'https://example.com/batch/'],
  ])('keeps the path of host %s', async (host, expected) => {
    const backend = createBackend()
    await createPostHogTransport({ apiKey: 'phc_x', host, fetch: backend.fetch }).send(sampleBatch(), context())
    expect(backend.calls[0]!.url).toBe(expected)
  })
})
