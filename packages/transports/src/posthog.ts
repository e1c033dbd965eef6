// The posthog transport: answers as PostHog survey events (`survey shown` / `survey sent` /
// `survey dismissed`), so PostHog's own survey analytics shows them. Through the capture API's `/batch/`
// endpoint with the project API key, or through a posthog-js instance the app passes in (never bundled).
// Wire format and sources: docs/transports/posthog.md.
import type {
  DeliveryItem,
  Question,
  ResponseRecord,
  SendContext,
  SendResult,
  Survey,
  Transport,
} from '@touchloop/core'
import { TouchloopConfigError } from '@touchloop/core'
import { raceAbort } from './shared/abort'
import { UNLOAD_BUDGET_BYTES } from './shared/bytes'
import { endpointUnder } from './shared/endpoint'
import { pickText } from './shared/localized'
import {
  type FetchLike,
  optionalFunction,
  optionalName,
  optionalPositiveInteger,
  requireInstance,
  requireObject,
  requireString,
  requireUrl,
  resolveFetch,
} from './shared/options'
import { postBatch, sendKeepalive } from './shared/post'
import { OTHER_CHOICE } from './shared/records'

/** The part of a posthog-js instance this adapter uses. */
export interface PostHogLike {
  capture(event: string, properties?: Record<string, unknown>, options?: { timestamp?: Date; uuid?: string }): unknown
}

export interface PostHogTransportOptions {
  /** Your project API key (`phc_…`), for the capture API. Either this or `posthog`. */
  apiKey?: string
  /** Capture host: `https://us.i.posthog.com` (default), `https://eu.i.posthog.com`, or your own proxy. */
  host?: string
  /** A posthog-js instance: events go through it (and its queue) instead of the capture API. */
  posthog?: PostHogLike
  /** touchloop survey id -> PostHog survey id (an `api` survey created in PostHog). Default: the same id. */
  surveyIds?: Record<string, string>
  /** Survey definitions, for `$survey_name`, `$survey_questions` and which question is the first. */
  surveys?: Array<Pick<Survey, 'id' | 'name' | 'questions'>>
  /** The PostHog distinct_id of a record (capture API only). Default: userId, else the anonymous id. */
  distinctId?: (record: ResponseRecord) => string
  /** Events per request. Default 100. */
  maxBatchSize?: number
  fetch?: FetchLike
  /** Names this transport's queue; default `posthog`. */
  name?: string
}

export interface PostHogEvent {
  event: 'survey shown' | 'survey sent' | 'survey dismissed'
  properties: Record<string, unknown>
  timestamp: string
  uuid?: string
}

const ADAPTER = 'posthog'
const DEFAULT_HOST = 'https://us.i.posthog.com'
// PostHog's capture limit is far larger (20 MB); a smaller body keeps one failed request cheap.
const MAX_BATCH_BYTES = 500_000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const EVENT_NAMES: Record<ResponseRecord['event'], PostHogEvent['event']> = {
  shown: 'survey shown',
  answered: 'survey sent',
  completed: 'survey sent',
  dismissed: 'survey dismissed',
}

/**
 * A UUID that is the same for the same `(id, revision)` on every retry, so PostHog can collapse a batch
 * that was sent twice: the response id (a UUIDv7) with the revision XORed into its last 16 random bits.
 * Distinct per revision of one response; ids of two responses already differ in their time and random bits.
 */
export function eventUuid(record: ResponseRecord): string | undefined {
  if (!UUID.test(record.id)) return undefined
  const tail = (Number.parseInt(record.id.slice(32), 16) ^ (record.revision & 0xffff)).toString(16)
  return record.id.slice(0, 32).toLowerCase() + tail.padStart(4, '0')
}

/**
 * An answer as PostHog's survey results expect it, the way its own surveys record them: text (numbers
 * as "9"); a choice as its label (in the record's locale; the id without `surveys`); the "Other" choice
 * as the text the user typed; multiple choice as a list of those.
 */
export function responseValue(
  record: ResponseRecord,
  questionId: string,
  question: Question | undefined,
): string | string[] {
  const value = record.answers[questionId]!
  const choices = question && 'choices' in question ? question.choices : undefined
  const other = record.otherText?.[questionId]
  const label = (choice: string): string => {
    if (choice === OTHER_CHOICE && other !== undefined) return other
    const found = choices?.find((candidate) => candidate.id === choice)
    return (found && pickText(found.text, record.locale)) ?? choice
  }
  if (Array.isArray(value)) return value.map(label)
  return typeof value === 'string' ? label(value) : String(value)
}

export function toPostHogEvent(
  record: ResponseRecord,
  options: Pick<PostHogTransportOptions, 'surveyIds' | 'surveys' | 'distinctId'> & { withDistinctId?: boolean } = {},
): PostHogEvent {
  const survey = options.surveys?.find((candidate) => candidate.id === record.surveyId)
  const properties: Record<string, unknown> = {
    $survey_id: options.surveyIds?.[record.surveyId] ?? record.surveyId,
    $survey_submission_id: record.id,
  }
  if (survey?.name) properties.$survey_name = survey.name
  if (survey) {
    properties.$survey_questions = survey.questions.map((question) => ({
      id: question.id,
      question: pickText(question.text, record.locale) ?? question.id,
    }))
  }
  const answered = Object.keys(record.answers)
  const firstQuestion = survey?.questions[0]?.id ?? answered[0]
  for (const questionId of answered) {
    const question = survey?.questions.find((candidate) => candidate.id === questionId)
    const value = responseValue(record, questionId, question)
    properties[`$survey_response_${questionId}`] = value
    if (questionId === firstQuestion) properties.$survey_response = value
  }
  if (record.event === 'answered' || record.event === 'completed') {
    properties.$survey_completed = record.event === 'completed'
  }
  if (record.event === 'dismissed') properties.$survey_partially_completed = answered.length > 0
  if (record.url) properties.$current_url = record.url
  if (record.locale) properties.$survey_language = record.locale
  properties.touchloop_revision = record.revision
  properties.touchloop_touchpoint = record.touchpoint
  properties.touchloop_survey_version = record.surveyVersion
  if (record.endingId) properties.touchloop_ending_id = record.endingId
  if (options.withDistinctId) {
    properties.distinct_id = options.distinctId?.(record) ?? record.userId ?? record.anonymousId
    // An anonymous touchloop id is not a PostHog person: do not create a person profile for it.
    if (!options.distinctId && !record.userId) properties.$process_person_profile = false
  }
  const event: PostHogEvent = { event: EVENT_NAMES[record.event], properties, timestamp: record.updatedAt }
  const uuid = eventUuid(record)
  if (uuid) event.uuid = uuid
  return event
}

function checkMappings(options: PostHogTransportOptions): void {
  if (options.surveyIds !== undefined && (typeof options.surveyIds !== 'object' || options.surveyIds === null)) {
    throw new TouchloopConfigError(
      'posthog/invalid-surveyids',
      'posthog transport: `surveyIds` must map touchloop survey ids to PostHog survey ids, e.g. { "nps-q4": "0190f…" }.',
    )
  }
  if (options.surveys !== undefined && !Array.isArray(options.surveys)) {
    throw new TouchloopConfigError(
      'posthog/invalid-surveys',
      'posthog transport: `surveys` must be an array of survey definitions (the same objects you pass to touchloop).',
    )
  }
}

export function createPostHogTransport(options: PostHogTransportOptions): Transport {
  requireObject(ADAPTER, options)
  checkMappings(options)
  const name = optionalName(ADAPTER, options.name, 'posthog')
  const maxBatchSize = optionalPositiveInteger(ADAPTER, 'maxBatchSize', options.maxBatchSize, 100, 1000)
  const distinctId = optionalFunction<(record: ResponseRecord) => string>(ADAPTER, 'distinctId', options.distinctId)
  const mapping = { surveyIds: options.surveyIds, surveys: options.surveys, distinctId }

  if (options.posthog !== undefined) {
    const instance = requireInstance<PostHogLike>(
      ADAPTER,
      options.apiKey,
      options.posthog,
      'capture',
      'pass either `apiKey` (capture API) or `posthog` (a posthog-js instance), not both.',
      '`posthog` must be a loaded posthog-js instance with a capture() method (import posthog from "posthog-js", then posthog.init(…)).',
    )
    return createInstanceTransport(name, maxBatchSize, instance, mapping)
  }

  const apiKey = requireString(
    ADAPTER,
    'apiKey',
    options.apiKey,
    'your PostHog project API key, phc_…, or a posthog-js instance as `posthog`',
  )
  if (apiKey.startsWith('phx_')) {
    throw new TouchloopConfigError(
      'posthog/personal-api-key',
      'posthog transport: `apiKey` is a personal API key (phx_…), which must never ship to browsers. Pass the project API key (phc_…) from your project settings.',
    )
  }
  const host = requireUrl(ADAPTER, 'host', options.host ?? DEFAULT_HOST, DEFAULT_HOST)
  const url = endpointUnder(host, '/batch/')
  const doFetch = resolveFetch(ADAPTER, options.fetch)
  const headers = { 'content-type': 'application/json' }
  const encode = (items: readonly DeliveryItem[]) =>
    JSON.stringify({
      api_key: apiKey,
      batch: items.map((item) => toPostHogEvent(item.record, { ...mapping, withDistinctId: true })),
    })

  return {
    name,
    maxBatchSize,
    maxBatchBytes: MAX_BATCH_BYTES,

    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      return postBatch(
        doFetch,
        url,
        { headers, body: encode(batch), signal: context.signal },
        MAX_BATCH_BYTES,
        (size) => `request body of ${size} bytes exceeds ${MAX_BATCH_BYTES}`,
        { perItem: false },
      )
    },

    sendOnUnload(batch: DeliveryItem[]): boolean {
      // Same JSON request with keepalive (posthog-js does the same on unload). The deterministic event
      // uuids let PostHog collapse it with the regular send of the same items after the next load.
      return sendKeepalive(doFetch, url, headers, batch, encode, UNLOAD_BUDGET_BYTES)
    },
  }
}

function createInstanceTransport(
  name: string,
  maxBatchSize: number,
  instance: PostHogLike,
  mapping: Pick<PostHogTransportOptions, 'surveyIds' | 'surveys' | 'distinctId'>,
): Transport {
  return {
    name,
    maxBatchSize,
    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      // posthog-js queues and sends on its own; handing the events over is all this adapter can confirm.
      // A throwing capture() (e.g. a broken instance) rejects, and the core retries the batch.
      await raceAbort(() => {
        for (const item of batch) {
          const { event, properties, timestamp, uuid } = toPostHogEvent(item.record, mapping)
          instance.capture(
            event,
            properties,
            uuid ? { timestamp: new Date(timestamp), uuid } : { timestamp: new Date(timestamp) },
          )
        }
      }, context.signal)
      return { status: 200 }
    },
  }
}
