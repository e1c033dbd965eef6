// Query-string parsing for the admin API: every parameter checked, a bad one answered 400 with what
// was expected (never a 500 from the database).
import { isStorableText } from '@touchloop/core/schema'
import type { Context } from 'hono'
import type { Cursor } from '../store'

export class QueryError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`)
  }
}

const ID = /^[A-Za-z0-9_.:-]{1,100}$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A calendar day PostgreSQL reads the same way ('2026-02-31' and year 0 are not). */
function isDay(value: string): boolean {
  if (!DAY.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getUTCFullYear() >= 1000
}

/** An instant JS and PostgreSQL agree on: a 4-digit year first (JS also reads '-1' or '0'), years 1000–9999. */
function instant(value: string): string | undefined {
  if (value.length > 40 || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined
  const date = new Date(value)
  const year = date.getUTCFullYear()
  return Number.isNaN(date.getTime()) || year < 1000 || year > 9999 ? undefined : date.toISOString()
}

/** A checked query parameter ('iso' comes back normalised to an ISO instant), or undefined when absent. */
export function queryParam(c: Context, name: string, check: 'id' | 'text' | 'day' | 'iso'): string | undefined {
  const value = c.req.query(name)
  if (value === undefined || value === '') return undefined
  const normalised =
    check === 'id'
      ? ID.test(value) && value
      : check === 'text'
        ? value.length <= 200 && isStorableText(value) && value
        : check === 'day'
          ? isDay(value) && value
          : instant(value)
  if (!normalised) {
    const expected = {
      id: 'an id of 1–100 letters, digits, _ . : or -',
      text: 'text of at most 200 characters',
      day: 'a calendar date YYYY-MM-DD',
      iso: 'an ISO 8601 date',
    }[check]
    throw new QueryError(name, `expected ${expected}`)
  }
  return normalised
}

export function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const value = c.req.query(name)
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || parsed < min || parsed > max)
    throw new QueryError(name, `expected a whole number ${min}–${max}`)
  return parsed
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt, cursor.id])).toString('base64url')
}

export function cursorParam(c: Context): Cursor | undefined {
  const value = c.req.query('cursor')
  if (!value) return undefined
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(value.slice(0, 300), 'base64url').toString('utf8')) as unknown[]
    if (
      typeof receivedAt === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(Date.parse(receivedAt)) &&
      id.length <= 100 &&
      isStorableText(id)
    ) {
      return { receivedAt, id }
    }
  } catch {}
  throw new QueryError('cursor', 'expected the nextCursor of a previous page')
}
