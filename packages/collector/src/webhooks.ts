// Outbound webhooks: configuration (env and dashboard), signatures, and the sender, a background loop
// that claims due deliveries from the outbox (./alerts writes them with the response), POSTs them
// signed, and retries failures with exponential backoff and jitter until maxAttempts, then marks them
// failed with the last error (shown in the dashboard's delivery log). On PostgreSQL the claim uses
// `for update skip locked`, so several collectors share the outbox without sending one delivery twice
// at the same time. Bodies hold answers: they are never logged.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { ALERT_RULES, type AlertRule } from './alerts'
import type { SqlDb, SqlQueryable } from './db/sql'

export const SIGNATURE_HEADER = 'X-Touchloop-Signature'

export interface WebhookConfig {
  url: string
  secret: string
  /** Default: ['detractor']. */
  rules?: AlertRule[]
  /** Only responses to this survey. */
  surveyId?: string
}

export class WebhookConfigError extends Error {
  readonly code = 'invalid_webhook'
  constructor(message: string) {
    super(message)
    this.name = 'WebhookConfigError'
  }
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signPayload(secret: string, body: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${mac}`
}

/** For receivers (and tests): true when the header signs `body` with `secret` within `toleranceSeconds` of now. */
export function verifySignature(
  header: string | undefined,
  body: string,
  secret: string,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]))
  const t = Number(parts.get('t'))
  const given = parts.get('v1') ?? ''
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(given))
    return false
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest()
  return timingSafeEqual(expected, Buffer.from(given, 'hex'))
}

export function checkWebhookUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new WebhookConfigError(`Webhook URL "${url.slice(0, 200)}" is not a URL; expected https://…`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new WebhookConfigError(`Webhook URL "${url.slice(0, 200)}" must start with https:// (or http://).`)
  }
  if (url.length > 2000) throw new WebhookConfigError('Webhook URL is longer than 2,000 characters.')
  return parsed.toString()
}

export function checkRules(rules: unknown): AlertRule[] {
  if (!Array.isArray(rules) || rules.length === 0 || !rules.every((rule) => ALERT_RULES.includes(rule))) {
    throw new WebhookConfigError(`Webhook rules must be a non-empty list of: ${ALERT_RULES.join(', ')}.`)
  }
  return [...new Set(rules as AlertRule[])]
}

/** TOUCHLOOP_WEBHOOK_URL (comma-separated) and TOUCHLOOP_WEBHOOK_SECRET (required with it). */
export function webhooksFromEnv(env: Record<string, string | undefined>): WebhookConfig[] {
  const urls = (env.TOUCHLOOP_WEBHOOK_URL ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  if (urls.length === 0) return []
  const secret = env.TOUCHLOOP_WEBHOOK_SECRET ?? ''
  if (secret.length < 16) {
    throw new WebhookConfigError(
      'TOUCHLOOP_WEBHOOK_SECRET (16 characters or more) is required with TOUCHLOOP_WEBHOOK_URL: deliveries are signed with it.',
    )
  }
  return urls.map((url) => ({ url: checkWebhookUrl(url), secret }))
}

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`

/** Webhooks given in the options/env are kept in the table (source 'config'); ones removed from the config are deleted. */
export async function syncConfiguredWebhooks(db: SqlDb, configs: readonly WebhookConfig[]): Promise<void> {
  const rows = configs.map((config) => ({
    id: `config-${createHash('sha256')
      .update(`${config.url}\n${config.surveyId ?? ''}`)
      .digest('hex')
      .slice(0, 16)}`,
    url: checkWebhookUrl(config.url),
    secret: config.secret,
    rules: checkRules(config.rules ?? ['detractor']),
    survey_id: config.surveyId ?? null,
  }))
  await db.transaction(async (tx) => {
    await tx.query(`delete from webhooks where source = 'config' and not (id = any($1::text[]))`, [
      rows.map((row) => row.id),
    ])
    if (rows.length === 0) return
    await tx.query(
      `insert into webhooks (id, url, secret, rules, survey_id, source)
       select id, url, secret, rules, survey_id, 'config'
       from jsonb_to_recordset($1::jsonb) as i(id text, url text, secret text, rules jsonb, survey_id text)
       on conflict (id) do update set url = excluded.url, secret = excluded.secret, rules = excluded.rules,
         survey_id = excluded.survey_id, enabled = true`,
      [JSON.stringify(rows)],
    )
  })
}

export interface WebhookSenderOptions {
  log: (message: string, details?: Record<string, string | number>) => void
  /** How often the outbox is checked for due deliveries (default 1 s). */
  intervalMs?: number
  /** Attempts before a delivery is marked failed (default 8: about 4 hours of retries). */
  maxAttempts?: number
  /** Per request (default 10 s). */
  timeoutMs?: number
  /** Delay before attempt n+1 (default: 10 s × 4^(n−1), at most 1 h, with ±50 % jitter). */
  backoffMs?: (attempt: number) => number
  fetch?: typeof fetch
}

export interface WebhookSender {
  /** Sends what is due now; resolves with how many deliveries were attempted. */
  runOnce(): Promise<number>
  stop(): Promise<void>
}

const BATCH = 20
/** A claimed delivery is leased for this long: if its collector dies mid-send, another one retries it. */
const LEASE_SECONDS = 120

export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(10_000 * 4 ** Math.max(attempt - 1, 0), 3_600_000)
  return Math.round(base * (0.5 + Math.random()))
}

interface Claimed {
  id: string
  body: string
  attempts: number
  url: string
  secret: string
}

async function claimDue(db: SqlDb): Promise<Claimed[]> {
  return db.transaction(async (tx: SqlQueryable) => {
    const { rows } = await tx.query<Claimed>(
      `with due as (
         select id from webhook_deliveries
         where status in ('pending', 'sending') and next_attempt_at <= now()
         order by next_attempt_at, id limit $1
         for update skip locked
       )
       update webhook_deliveries d set status = 'sending', attempts = d.attempts + 1,
         next_attempt_at = now() + make_interval(secs => $2::int)
       from due, webhooks w
       where d.id = due.id and w.id = d.webhook_id
       returning d.id, d.body, d.attempts, w.url, w.secret`,
      [BATCH, LEASE_SECONDS],
    )
    return rows
  })
}

export function startWebhookSender(db: SqlDb, options: WebhookSenderOptions): WebhookSender {
  const intervalMs = options.intervalMs ?? 1000
  const maxAttempts = options.maxAttempts ?? 8
  const timeoutMs = options.timeoutMs ?? 10_000
  const backoffMs = options.backoffMs ?? defaultBackoffMs
  const send = options.fetch ?? fetch
  const inFlight = new Set<AbortController>()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined

  async function deliver(item: Claimed): Promise<void> {
    const controller = new AbortController()
    inFlight.add(controller)
    const timeout = setTimeout(() => controller.abort(), timeoutMs)
    let error: string | undefined
    let status: number | null = null
    try {
      const response = await send(item.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'touchloop-collector',
          'x-touchloop-delivery': item.id,
          [SIGNATURE_HEADER]: signPayload(item.secret, item.body),
        },
        body: item.body,
        redirect: 'manual',
        signal: controller.signal,
      })
      status = response.status
      await response.body?.cancel().catch(() => {})
      if (status < 200 || status > 299) error = `HTTP ${status}`
    } catch (cause) {
      const code = (cause as { cause?: { code?: string } }).cause?.code
      error = stopped
        ? 'interrupted: the collector stopped'
        : controller.signal.aborted
          ? `no answer within ${timeoutMs / 1000} s`
          : `network error${code ? ` (${code})` : ''}`
    } finally {
      clearTimeout(timeout)
      inFlight.delete(controller)
    }
    if (!error) {
      await db.query(
        `update webhook_deliveries set status = 'delivered', delivered_at = now(), last_status = $2, last_error = null where id = $1`,
        [item.id, status],
      )
      return
    }
    const failed = item.attempts >= maxAttempts
    await db.query(
      `update webhook_deliveries set status = $2, last_status = $3, last_error = $4,
         next_attempt_at = now() + make_interval(secs => $5::float8) where id = $1`,
      [item.id, failed ? 'failed' : 'pending', status, error, failed ? 0 : backoffMs(item.attempts) / 1000],
    )
    options.log(failed ? 'webhook delivery failed for good' : 'webhook delivery failed; retrying', {
      attempt: item.attempts,
      error,
    })
  }

  async function runOnce(): Promise<number> {
    const claimed = await claimDue(db)
    await Promise.all(
      claimed.map((item) =>
        deliver(item).catch((error) =>
          options.log('webhook bookkeeping failed', { code: String((error as Error).name) }),
        ),
      ),
    )
    return claimed.length
  }

  const tick = () => {
    if (stopped) return
    running = runOnce()
      .catch((error: unknown) => {
        options.log('the webhook sender could not read the outbox; retrying', { code: (error as Error).name })
        return 0
      })
      .finally(() => {
        running = undefined
        if (!stopped) {
          timer = setTimeout(tick, intervalMs)
          timer.unref()
        }
      })
  }
  timer = setTimeout(tick, 0)
  timer.unref()

  return {
    runOnce,
    async stop() {
      stopped = true
      clearTimeout(timer)
      for (const controller of inFlight) controller.abort()
      await running?.catch(() => {})
    },
  }
}
