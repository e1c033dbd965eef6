// Who may write answers. A public write key belongs to one site: it is sent by browsers (in the query
// string, so sendBeacon and keepalive requests carry it too) and is accepted only from the origins it
// lists, checked on every write from the request's Origin header (not only through CORS headers,
// which a no-cors fetch or a beacon ignores). A secret key is for servers: `Authorization: Bearer`,
// no origin check, never in a URL.
import { createHash, timingSafeEqual } from 'node:crypto'

export interface WriteKey {
  key: string
  /** Exact origins (`https://shop.example.com`), or '*' for any origin. */
  origins: string[]
}

export interface WriteAccessConfig {
  writeKeys: WriteKey[]
  secretKeys: string[]
}

export type WriteAccess =
  | { ok: true; keyId: string }
  | { ok: false; status: 401 | 403; error: string; message: string }

export const WRITE_KEY_PARAM = 'key'
const KEY_SHAPE = /^[A-Za-z0-9_-]{8,200}$/

export class WriteKeyConfigError extends Error {
  readonly code = 'invalid_write_key'
  constructor(message: string) {
    super(message)
    this.name = 'WriteKeyConfigError'
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest()
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b))

/** `pk_live_x=https://a.example,https://b.example` → a write key (the CLI and env format). */
export function parseWriteKey(text: string): WriteKey {
  const [key = '', originList = ''] = text.split('=', 2)
  const origins = originList
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  if (!KEY_SHAPE.test(key.trim()) || origins.length === 0) {
    throw new WriteKeyConfigError(
      `A write key is "KEY=ORIGIN[,ORIGIN…]" (KEY: 8–200 letters, digits, _ or -), e.g. "pk_shop_4f9a2c=https://shop.example.com"; got "${text}".`,
    )
  }
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new WriteKeyConfigError(
        `Write key ${key}: "${origin}" is not an origin; write scheme://host[:port] with no path, e.g. https://shop.example.com.`,
      )
    }
  }
  return { key: key.trim(), origins }
}

export function assertSecretKey(key: string): string {
  if (!KEY_SHAPE.test(key) || key.length < 24) {
    throw new WriteKeyConfigError('A secret key is 24–200 letters, digits, _ or - (e.g. `openssl rand -hex 24`).')
  }
  return key
}

/** Checks a write before its body is read. `origin`: the Origin header; `bearer`: the Authorization token. */
export function checkWriteAccess(
  config: WriteAccessConfig,
  request: { queryKey?: string; bearer?: string; origin?: string },
): WriteAccess {
  if (request.bearer) {
    const secret = config.secretKeys.find((key) => sameSecret(key, request.bearer!))
    if (secret) return { ok: true, keyId: `secret:${secret.slice(0, 6)}` }
  }
  const given = request.queryKey
  if (!given) {
    return {
      ok: false,
      status: 401,
      error: 'missing_write_key',
      message: `Send the site's public write key as ?${WRITE_KEY_PARAM}=… (the http transport's writeKey option), or a secret key as Authorization: Bearer … from a server.`,
    }
  }
  const writeKey = config.writeKeys.find((candidate) => sameSecret(candidate.key, given))
  if (!writeKey) {
    if (config.secretKeys.some((key) => sameSecret(key, given))) {
      return {
        ok: false,
        status: 401,
        error: 'secret_key_in_url',
        message: 'That is a secret key: send it as Authorization: Bearer … from a server, never in a URL. Rotate it now.',
      }
    }
    return { ok: false, status: 401, error: 'unknown_write_key', message: 'Unknown write key.' }
  }
  if (writeKey.origins.includes('*')) return { ok: true, keyId: writeKey.key }
  if (!request.origin || !writeKey.origins.includes(request.origin)) {
    return {
      ok: false,
      status: 403,
      error: 'origin_not_allowed',
      message: request.origin
        ? `Origin ${request.origin} may not use this write key; add it to the key's origins on the collector.`
        : 'A public write key is for browsers (which send an Origin header); servers use a secret key.',
    }
  }
  return { ok: true, keyId: writeKey.key }
}
