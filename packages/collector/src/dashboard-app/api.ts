// JSON from the collector's admin API with the session cookie (same origin). State changes carry the
// X-Touchloop-Dashboard header the server requires of cookie-authenticated writes (CSRF).
import type { FollowUp, FollowUpEvent, FollowUpStatus, ResponseView } from '../follow-up'
import type { SurveyLabels } from '../labels'
import type { GroupStats, TrendPoint } from '../stats'

export type { FollowUp, FollowUpEvent, FollowUpStatus, GroupStats, ResponseView, SurveyLabels, TrendPoint }

export class ApiError extends Error {
  /** The answer's JSON body (e.g. `issues` of a survey the collector refused). */
  body: Record<string, unknown>
  constructor(message: string, body: Record<string, unknown> = {}) {
    super(message)
    this.body = body
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: {
      'x-touchloop-dashboard': '1',
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  })
  if (response.status === 401) {
    // The session ended: the page at / is the sign-in form again.
    location.assign('/')
    throw new ApiError('Your session ended; sign in again.')
  }
  if (response.status === 204) return undefined as T
  const body = (await response.json().catch(() => ({}))) as { message?: string }
  if (!response.ok) throw new ApiError(body.message ?? `The collector answered ${response.status}.`, body)
  return body as T
}

export const query = (params: Record<string, string | undefined | false>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value)
  const text = search.toString()
  return text ? `?${text}` : ''
}

export interface Overview {
  stats: GroupStats[]
  trends: Record<string, TrendPoint[]>
  touchpoints: string[]
  interval: 'day' | 'week'
}

export interface Page {
  responses: ResponseView[]
  nextCursor?: string
}

export interface Inbox extends Page {
  counts: Record<FollowUpStatus, number>
}

export interface Webhook {
  id: string
  url: string
  rules: string[]
  surveyId: string | null
  source: 'config' | 'dashboard'
  enabled: boolean
  createdAt: string
}

export interface Delivery {
  id: string
  url: string
  responseId: string
  rule: string
  status: 'pending' | 'sending' | 'delivered' | 'failed'
  attempts: number
  lastError: string | null
  lastStatus: number | null
  createdAt: string
  deliveredAt: string | null
  nextAttemptAt: string | null
}
