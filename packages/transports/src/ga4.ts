// The ga4 transport: GA4 events through the page's `gtag()` (the Google tag), within GA4's collection
// limits: event and parameter names up to 40 characters (letters, digits, underscores, starting with a
// letter), string values up to 100 characters, at most 25 parameters per event.
// GA4 acknowledges nothing and deduplicates nothing: see docs/transports/ga4.md for what that means.
import type { DeliveryItem, ResponseRecord, SendContext, SendResult, Transport } from '@touchloop/core'
import { TouchloopConfigError } from '@touchloop/core'
import { raceAbort } from './shared/abort'
import { optionalFunction, optionalName, optionalPositiveInteger, requireObject } from './shared/options'
import { answerTextWithOther } from './shared/records'

export type Gtag = (command: 'event', eventName: string, params: Record<string, unknown>) => void

export interface Ga4TransportOptions {
  /** The gtag function. Default: `window.gtag`, which the Google tag snippet defines. */
  gtag?: Gtag
  /** A measurement id (`G-…`) to send to, when the page has several Google tags. */
  sendTo?: string
  /**
   * true (default): a batch counts as delivered once gtag.js calls each event's `event_callback`.
   * false: once the events are handed to gtag (e.g. when gtag.js loads long after the page).
   */
  awaitCallback?: boolean
  /** Events per batch. Default 20. */
  maxBatchSize?: number
  /** Names this transport's queue; default `ga4`. */
  name?: string
}

const ADAPTER = 'ga4'
export const GA4_LIMITS = { nameLength: 40, valueLength: 100, params: 25 } as const
/** touchloop's own parameters on every event; answers fill the remaining slots. */
const FIXED_PARAMS = 6

export const GA4_EVENT_NAMES: Record<ResponseRecord['event'], string> = {
  shown: 'survey_shown',
  answered: 'survey_answered',
  completed: 'survey_completed',
  dismissed: 'survey_dismissed',
}

function clipValue(value: string): string {
  return value.length > GA4_LIMITS.valueLength ? value.slice(0, GA4_LIMITS.valueLength) : value
}

/** `answer_<question id>`, reduced to GA4's name alphabet and length. */
export function answerParamName(questionId: string): string {
  const safe = questionId.replace(/[^A-Za-z0-9_]/g, '_')
  return `answer_${safe}`.slice(0, GA4_LIMITS.nameLength)
}

/** The GA4 event parameters of one record (without gtag's own `send_to` / `event_callback`). */
export function toGa4Params(record: ResponseRecord): Record<string, string | number> {
  const params: Record<string, string | number> = {
    survey_id: clipValue(record.surveyId),
    survey_version: record.surveyVersion,
    response_id: record.id,
    response_revision: record.revision,
    touchpoint: clipValue(record.touchpoint),
  }
  let slots = GA4_LIMITS.params - FIXED_PARAMS
  let omitted = 0
  for (const [questionId, value] of Object.entries(record.answers)) {
    const param = answerParamName(questionId)
    if (slots === 0 || param in params) {
      omitted++
      continue
    }
    // Numbers stay numbers so GA4 can average scores; everything else is text ("Other" text included).
    params[param] = typeof value === 'number' ? value : clipValue(answerTextWithOther(record, questionId))
    slots--
  }
  // The 6th fixed slot: how many answers did not fit (the full response belongs in a response store).
  if (omitted > 0) params.answers_omitted = omitted
  else if (record.endingId) params.ending_id = clipValue(record.endingId)
  return params
}

function pageGtag(): Gtag | undefined {
  const candidate = (globalThis as { gtag?: unknown }).gtag
  return typeof candidate === 'function' ? (candidate as Gtag) : undefined
}

export function createGa4Transport(options: Ga4TransportOptions = {}): Transport {
  requireObject(ADAPTER, options)
  const explicit = optionalFunction<Gtag>(ADAPTER, 'gtag', options.gtag)
  if (!explicit && !pageGtag()) {
    throw new TouchloopConfigError(
      'ga4/missing-gtag',
      'ga4 transport: no gtag() on this page. Add the Google tag snippet (gtag.js) before creating the transport, or pass `gtag`.',
    )
  }
  if (options.sendTo !== undefined && (typeof options.sendTo !== 'string' || !/^G-[A-Z0-9]+$/i.test(options.sendTo))) {
    throw new TouchloopConfigError(
      'ga4/invalid-sendto',
      `ga4 transport: \`sendTo\` must be a GA4 measurement id such as "G-XXXXXXX", got ${JSON.stringify(options.sendTo)}.`,
    )
  }
  const name = optionalName(ADAPTER, options.name, 'ga4')
  const maxBatchSize = optionalPositiveInteger(ADAPTER, 'maxBatchSize', options.maxBatchSize, 20, 100)
  const awaitCallback = options.awaitCallback !== false
  const sendTo = options.sendTo
  // Events already handed to gtag on this page, by item key. The Google tag queues events in dataLayer
  // until gtag.js loads and then sends them, so a retry on the same page must not push them again (GA4
  // would count them twice); it waits for the first push's callback instead.
  const pushed = new Map<string, Promise<void>>()

  const push = (item: DeliveryItem): Promise<void> => {
    const existing = pushed.get(item.key)
    if (existing) return existing
    const gtag = explicit ?? pageGtag()
    if (!gtag) return Promise.reject(new Error('ga4 transport: gtag() disappeared from the page'))
    const delivered = new Promise<void>((resolve) => {
      const params: Record<string, unknown> = { ...toGa4Params(item.record) }
      if (sendTo) params.send_to = sendTo
      if (awaitCallback) params.event_callback = () => resolve()
      gtag('event', GA4_EVENT_NAMES[item.record.event], params)
      if (!awaitCallback) resolve()
    })
    pushed.set(item.key, delivered)
    // A gtag() that threw never queued the event: forget it so the retry pushes it again.
    delivered.catch(() => pushed.delete(item.key))
    return delivered
  }

  return {
    name,
    maxBatchSize,
    async send(batch: DeliveryItem[], context: SendContext): Promise<SendResult> {
      await raceAbort(() => Promise.all(batch.map(push)), context.signal)
      for (const item of batch) pushed.delete(item.key)
      return { status: 200 }
    },
    dispose() {
      pushed.clear()
    },
  }
}
