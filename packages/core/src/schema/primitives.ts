// Small building blocks shared by the survey and record schemas. Messages are phrased as
// "expected …" so formatIssues() can append ", got <value>".
import { z } from 'zod/mini'

// NUL (refused by Postgres text columns), or a lone UTF-16 surrogate (not encodable as UTF-8): a high
// surrogate not followed by a low one, or a low one not preceded by a high one (no lookbehind, for
// older Safari). Text the user types is repaired instead of refused: ../well-formed.ts.
const ILL_FORMED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Text the backend can store: no NUL, no lone surrogate. */
export function isWellFormedText(text: string): boolean {
  return !ILL_FORMED.test(text)
}

const WELL_FORMED_MESSAGE =
  'expected text without NUL (U+0000) or lone UTF-16 surrogates (the backend cannot store them)'

/** A string the backend can store: no NUL, no lone surrogate. */
export const wellFormedString = z.string().check(z.refine(isWellFormedText, WELL_FORMED_MESSAGE))

export const nonEmptyString = wellFormedString.check(z.minLength(1, 'expected a non-empty string'))

/**
 * Names an object inherits (`__proto__`, `constructor`, `toString`, …): as a question id they would
 * be read from the prototype of an answers object instead of from the answers.
 */
export function isReservedId(id: string): boolean {
  return id in Object.prototype || id === 'prototype'
}

export const idString = z.string().check(
  z.regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected an id of 1–100 letters, digits, _ . : or -'),
  z.refine(
    (id) => !isReservedId(id),
    'expected an id that is not a reserved JavaScript name (__proto__, constructor, prototype, toString, …)',
  ),
)

/** An integer in [min, max] with a message naming the range. */
export function intRange(min: number, max: number) {
  const message = max === Number.MAX_SAFE_INTEGER ? `expected an integer ≥ ${min}` : `expected an integer ${min}–${max}`
  // z.int() already refuses unsafe integers: no second, identical issue from an lte check.
  const checks = max === Number.MAX_SAFE_INTEGER ? [] : [z.lte(max, message)]
  return z.number(message).check(z.int(message), z.gte(min, message), ...checks)
}

/** A number in [min, max] (not necessarily an integer). */
export function numberRange(min: number, max: number) {
  const message = `expected a number ${min}–${max}`
  return z.number(message).check(z.gte(min, message), z.lte(max, message))
}

export const isoDate = z
  .string()
  .check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date, e.g. 2026-11-23T10:00:00Z'))

export const localizedText = z.union(
  [nonEmptyString, z.record(wellFormedString, wellFormedString)],
  'expected a string or an object of strings per locale ({ "en": "…", "de": "…" })',
)
