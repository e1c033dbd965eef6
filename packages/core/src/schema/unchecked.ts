// What page load does with surveys nobody has checked yet (the guard is a lazy chunk, see
// survey-sources.ts): it hands the trigger matcher their id and touchpoints, read once here, and the
// matcher skips a malformed touchpoint with a warning. Here only what keys a survey: an object with a
// string id, the first of two with the same id. A hostile input (a getter or Proxy that throws) is
// dropped, or gets no touchpoints, instead of throwing.
import type { Survey } from '../model'

/** The id of `input` if it is an object with a string id; never throws. */
export function uncheckedSurveyId(input: unknown): string | undefined {
  try {
    const id = input !== null && typeof input === 'object' ? (input as { id?: unknown }).id : undefined
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

/** The inputs the matcher may see before the guard ran: objects with a string id, first per id. */
export function uncheckedSurveys(inputs: readonly unknown[]): Survey[] {
  const seen = new Set<string>()
  const surveys: Survey[] = []
  for (const input of inputs) {
    const id = uncheckedSurveyId(input)
    if (id === undefined || seen.has(id)) continue
    seen.add(id)
    surveys.push(input as Survey)
  }
  return surveys
}

/** What the trigger matcher reads of the surveys not checked yet: their id and a copy of their touchpoints. */
export function matcherViews(inputs: readonly unknown[]): Survey[] {
  return uncheckedSurveys(inputs).map((survey) => {
    let touchpoints: unknown[] = []
    try {
      const given: unknown = survey.touchpoints
      if (Array.isArray(given)) touchpoints = Array.from(given)
    } catch {
      // Skipped: the guard reports this survey when it runs.
    }
    return { id: survey.id, touchpoints } as unknown as Survey
  })
}
