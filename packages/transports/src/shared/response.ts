// Turns a fetch Response into a SendResult. The status line is the truth; the body only refines it
// (per-item results, an error reason). A broken, empty or non-JSON body never throws past the status.
import type { SendResult } from '@touchloop/core'

const MAX_REASON = 300

async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text()
    if (!text) return undefined
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  } catch {
    // Body stream failed (connection cut after the headers, abort): the status still stands.
    return undefined
  }
}

function discardBody(response: Response): void {
  try {
    response.body?.cancel().catch(() => {})
  } catch {
    // Already consumed or locked: nothing to free.
  }
}

function clip(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text
}

/** The first entries of a zod-style `issues` list: "records.0.revision: Expected number". */
function issuesFrom(record: Record<string, unknown>): string | undefined {
  if (!Array.isArray(record.issues)) return undefined
  const described = record.issues
    .slice(0, 3)
    .map((issue: { path?: unknown; message?: unknown }) => {
      const path = Array.isArray(issue?.path) && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
      return typeof issue?.message === 'string' ? `${path}${issue.message}` : undefined
    })
    .filter(Boolean)
  return described.length > 0 ? described.join('; ') : undefined
}

/** A human-readable reason from common error bodies: { error }, { message }, { error: { message } }, text. */
export function reasonFrom(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? clip(body.trim()) : undefined
  if (typeof body !== 'object' || body === null) return undefined
  const record = body as Record<string, unknown>
  const issues = issuesFrom(record)
  if (issues && typeof record.error === 'string') return clip(`${record.error}: ${issues}`)
  for (const field of ['message', 'error', 'detail', 'hint', 'code']) {
    const value = record[field]
    if (typeof value === 'string' && value) return clip(value)
    if (typeof value === 'object' && value !== null) {
      const nested = reasonFrom(value)
      if (nested) return nested
    }
  }
  return undefined
}

/** Valid entries of a `results` map (`{ "<key>": { status, reason? } }`); anything malformed is ignored. */
export function itemsFrom(body: unknown, keys: ReadonlySet<string>): SendResult['items'] {
  if (typeof body !== 'object' || body === null) return undefined
  const results = (body as { results?: unknown }).results
  if (typeof results !== 'object' || results === null || Array.isArray(results)) return undefined
  const items: NonNullable<SendResult['items']> = {}
  let found = false
  for (const [key, value] of Object.entries(results)) {
    if (!keys.has(key) || typeof value !== 'object' || value === null) continue
    const { status, reason } = value as { status?: unknown; reason?: unknown }
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) continue
    items[key] = typeof reason === 'string' ? { status, reason: clip(reason) } : { status }
    found = true
  }
  return found ? items : undefined
}

export interface ReadOptions {
  /** Item keys of the batch: per-item results for other keys are ignored. */
  keys?: ReadonlySet<string>
  /** Set false where the backend has no per-item answer (skips reading the body on success). */
  perItem?: boolean
}

export async function toSendResult(
  response: Response,
  { keys, perItem = true }: ReadOptions = {},
): Promise<SendResult> {
  const result: SendResult = { status: response.status }
  const retryAfter = response.headers.get('retry-after')
  if (retryAfter) result.retryAfter = retryAfter
  const ok = response.status >= 200 && response.status < 300
  if (ok && !(perItem && keys)) {
    discardBody(response)
    return result
  }
  const body = await readJson(response)
  if (ok) {
    const items = itemsFrom(body, keys!)
    if (items) result.items = items
  } else {
    result.reason = reasonFrom(body) ?? `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
  }
  return result
}
