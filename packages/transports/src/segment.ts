// The segment transport: Segment `track` events through the HTTP Tracking API's batch endpoint (write key as
// HTTP Basic auth), or through an analytics.js instance the app passes in (never bundled).
// messageId = `${responseId}:${revision}`, so Segment drops a batch that was sent twice.
// Wire format and sources: docs/transports/segment.md.
import type { DeliveryItem, ResponseRecord, SendContext, SendResult, Transport } from '@touchloop/core'
import { raceAbort } from './shared/abort'
import { byteLength, UNLOAD_BUDGET_BYTES } from './shared/bytes'
import { endpointUnder } from './shared/endpoint'
import {
  type FetchLike,
  optionalName,
  optionalPositiveInteger,
  requireInstance,
  requireObject,
  requireString,
  requireUrl,
  resolveFetch,
} from './shared/options'
import { postBatch, sendKeepalive } from './shared/post'

/** The part of an analytics.js (Analytics 2.0) instance this adapter uses. */
export interface AnalyticsLike {
  track(
    event: string,
    properties?: Record<string, unknown>,
    options?: Record<string, unknown>,
    callback?: () => void,
  ): unknown
}

export interface SegmentTransportOptions {
  /** The write key of a Segment source (HTTP API or JavaScript source). Either this or `analytics`. */
  writeKey?: string
  /** `https://api.segment.io` (default) or `https://events.eu1.segmentapis.com` for EU workspaces, or your proxy. */
  host?: string
  /** An analytics.js instance: events go through it instead of the HTTP API. */
  analytics?: AnalyticsLike
  /** Events per request. Default 100 (Segment accepts 500 KB per batch, 32 KB per event). */
  maxBatchSize?: number
  fetch?: FetchLike
  /** Names this transport's queue; default `segment`. */
  name?: string
}

export interface SegmentTrackEvent {
  type: 'track'
  event: string
  messageId: string
  timestamp: string
  userId?: string
  anonymousId: string
  properties: Record<string, unknown>
  context: Record<string, unknown>
}

const ADAPTER = 'segment'
const DEFAULT_HOST = 'https://api.segment.io'
/** Segment rejects a batch with any event over 32 KB. */
const MAX_EVENT_BYTES = 32 * 1024
const MAX_BATCH_BYTES = 500 * 1024
const LIBRARY = { name: 'touchloop', version: '0.1.0' }

export const SEGMENT_EVENT_NAMES: Record<ResponseRecord['event'], string> = {
  shown: 'Survey Shown',
  answered: 'Survey Answered',
  completed: 'Survey Completed',
  dismissed: 'Survey Dismissed',
}

export function segmentProperties(record: ResponseRecord): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    survey_id: record.surveyId,
    survey_version: record.surveyVersion,
    response_id: record.id,
    revision: record.revision,
    touchpoint: record.touchpoint,
    answers: record.answers,
  }
  if (record.otherText) properties.other_text = record.otherText
  if (record.timings) properties.timings_ms = record.timings
  if (record.endingId) properties.ending_id = record.endingId
  return properties
}

export function toSegmentEvent(record: ResponseRecord): SegmentTrackEvent {
  const context: Record<string, unknown> = { library: LIBRARY }
  if (record.locale) context.locale = record.locale
  if (record.url) context.page = { url: record.url }
  const event: SegmentTrackEvent = {
    type: 'track',
    event: SEGMENT_EVENT_NAMES[record.event],
    messageId: `${record.id}:${record.revision}`,
    timestamp: record.updatedAt,
    anonymousId: record.anonymousId,
    properties: segmentProperties(record),
    context,
  }
  if (record.userId) event.userId = record.userId
  return event
}

function basicAuth(writeKey: string): string {
  // HTTP Basic with the write key as the user name and an empty password ("key:").
  const bytes = new TextEncoder().encode(`${writeKey}:`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

export function createSegmentTransport(options: SegmentTransportOptions): Transport {
  requireObject(ADAPTER, options)
  const name = optionalName(ADAPTER, options.name, 'segment')
  const maxBatchSize = optionalPositiveInteger(ADAPTER, 'maxBatchSize', options.maxBatchSize, 100, 2000)

  if (options.analytics !== undefined) {
    const analytics = requireInstance<AnalyticsLike>(
      ADAPTER,
      options.writeKey,
      options.analytics,
      'track',
      'pass either `writeKey` (HTTP Tracking API) or `analytics` (an analytics.js instance), not both.',
      '`analytics` must be an analytics.js instance with a track() method (e.g. AnalyticsBrowser.load({ writeKey })).',
    )
    return createInstanceTransport(name, maxBatchSize, analytics)
  }

  const writeKey = requireString(
    ADAPTER,
    'writeKey',
    options.writeKey,
    'the write key of your Segment source, or an analytics.js instance as `analytics`',
  )
  const host = requireUrl(ADAPTER, 'host', options.host ?? DEFAULT_HOST, DEFAULT_HOST)
  const url = endpointUnder(host, '/v1/batch')
  const doFetch = resolveFetch(ADAPTER, options.fetch)
  const authorization = basicAuth(writeKey)

  return {
    name,
    maxBatchSize,
    maxBatchBytes: MAX_BATCH_BYTES,

    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      // One oversize event would make Segment refuse the whole batch (400): keep it out and report it alone.
      const items: NonNullable<SendResult['items']> = {}
      const events: SegmentTrackEvent[] = []
      for (const item of batch) {
        const event = toSegmentEvent(item.record)
        const size = byteLength(JSON.stringify(event))
        if (size > MAX_EVENT_BYTES)
          items[item.key] = { status: 413, reason: `event of ${size} bytes exceeds Segment's 32 KB limit` }
        else events.push(event)
      }
      if (events.length === 0) return { status: 413, items, reason: "every event exceeds Segment's 32 KB limit" }
      let sent = true
      const result = await postBatch(
        doFetch,
        url,
        {
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ batch: events, sentAt: new Date().toISOString() }),
          signal: context.signal,
        },
        MAX_BATCH_BYTES,
        (size) => {
          // Not sent at all: the core splits the batch and the oversize events are decided again.
          sent = false
          return `batch of ${size} bytes exceeds Segment's 500 KB limit`
        },
        { perItem: false },
      )
      if (sent && Object.keys(items).length > 0) result.items = { ...items, ...result.items }
      return result
    },

    sendOnUnload(batch: DeliveryItem[]): boolean {
      // CORS-simple on unload: text/plain and the write key in the body instead of an Authorization header,
      // so no preflight has to finish while the page closes (analytics.js does the same).
      const encode = (items: readonly DeliveryItem[]) =>
        JSON.stringify({
          // analytics.js puts the write key on every event; the top-level one covers the whole batch.
          batch: items.map((item) => ({ ...toSegmentEvent(item.record), writeKey })),
          sentAt: new Date().toISOString(),
          writeKey,
        })
      return sendKeepalive(
        doFetch,
        url,
        { 'content-type': 'text/plain;charset=UTF-8' },
        batch,
        encode,
        UNLOAD_BUDGET_BYTES,
      )
    },
  }
}

function createInstanceTransport(name: string, maxBatchSize: number, analytics: AnalyticsLike): Transport {
  const trackOne = (record: ResponseRecord) =>
    new Promise<void>((resolve, reject) => {
      const event = toSegmentEvent(record)
      // analytics.js keeps its own identity (userId/anonymousId): only the dedup id and time are set here.
      const result = analytics.track(
        event.event,
        event.properties,
        { messageId: event.messageId, timestamp: new Date(event.timestamp), context: event.context },
        () => resolve(),
      )
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
        ;(result as PromiseLike<unknown>).then(() => resolve(), reject)
      }
    })
  return {
    name,
    maxBatchSize,
    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      await raceAbort(() => Promise.all(batch.map((item) => trackOne(item.record))), context.signal)
      return { status: 200 }
    },
  }
}
