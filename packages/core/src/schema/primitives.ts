// Small building blocks shared by the survey and record schemas. Messages are phrased as
// "expected …" so formatIssues() can append ", got <value>". The predicates and messages themselves
// live in ./checks.ts, shared with the production guard (./guard.ts).
import { z } from 'zod/mini'
import {
  ID_MESSAGE,
  ID_PATTERN,
  ISO_DATE_MESSAGE,
  intMessage,
  isIsoDate,
  isReservedId,
  isWellFormedText,
  NON_EMPTY_MESSAGE,
  numberMessage,
  RESERVED_ID_MESSAGE,
  WELL_FORMED_MESSAGE,
} from './checks'
import { LOCALIZED_TEXT_MESSAGE } from './checks-body'

export { isReservedId, isWellFormedText }

/** A string the backend can store: no NUL, no lone surrogate. */
export const wellFormedString = z.string().check(z.refine(isWellFormedText, WELL_FORMED_MESSAGE))

export const nonEmptyString = wellFormedString.check(z.minLength(1, NON_EMPTY_MESSAGE))

export const idString = z.string().check(
  z.regex(ID_PATTERN, ID_MESSAGE),
  z.refine((id) => !isReservedId(id), RESERVED_ID_MESSAGE),
)

/** An integer in [min, max] with a message naming the range. */
export function intRange(min: number, max: number) {
  const message = intMessage(min, max)
  // z.int() already refuses unsafe integers: no second, identical issue from an lte check.
  const checks = max === Number.MAX_SAFE_INTEGER ? [] : [z.lte(max, message)]
  return z.number(message).check(z.int(message), z.gte(min, message), ...checks)
}

/** A number in [min, max] (not necessarily an integer). */
export function numberRange(min: number, max: number) {
  const message = numberMessage(min, max)
  return z.number(message).check(z.gte(min, message), z.lte(max, message))
}

export const isoDate = z.string().check(z.refine(isIsoDate, ISO_DATE_MESSAGE))

export const localizedText = z.union(
  [nonEmptyString, z.record(wellFormedString, wellFormedString)],
  LOCALIZED_TEXT_MESSAGE,
)
