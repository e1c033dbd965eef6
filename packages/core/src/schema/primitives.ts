// Small building blocks shared by the survey and record schemas. Messages are phrased as
// "expected …" so formatIssues() can append ", got <value>".
import { z } from 'zod/mini'

export const nonEmptyString = z.string().check(z.minLength(1, 'expected a non-empty string'))

export const idString = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected an id of 1–100 letters, digits, _ . : or -'))

/** An integer in [min, max] with a message naming the range. */
export function intRange(min: number, max: number) {
  const message = max === Number.MAX_SAFE_INTEGER ? `expected an integer ≥ ${min}` : `expected an integer ${min}–${max}`
  return z.number(message).check(z.int(message), z.gte(min, message), z.lte(max, message))
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
  [nonEmptyString, z.record(z.string(), z.string())],
  'expected a string or an object of strings per locale ({ "en": "…", "de": "…" })',
)
