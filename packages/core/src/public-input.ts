// Small guards for what the host page hands the public API: nothing it passes may break the SDK,
// and nothing that cannot be stored is kept.
import type { Touchloop, Traits } from './api'

/** The URL parameter that opens a survey in preview mode: `?touchloop_preview=<surveyId>`. */
export const PREVIEW_PARAM = 'touchloop_preview'

export function previewSurveyId(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get(PREVIEW_PARAM) ?? undefined
  } catch {
    return undefined
  }
}

export const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? [])

/** Traits are kept and compared as scalars; anything else is dropped with a warning (it would not persist). */
export function cleanTraits(traits: unknown, warn: (message: string) => void): Traits {
  if (traits === undefined || traits === null) return {}
  if (typeof traits !== 'object' || Array.isArray(traits)) {
    warn('touchloop: identify(id, traits): expected traits as an object of strings, numbers, booleans or null')
    return {}
  }
  const clean: Traits = {}
  for (const [key, value] of Object.entries(traits)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) clean[key] = value as Traits[string]
    else if (value !== undefined)
      warn(`touchloop: identify(): trait "${key}" dropped: expected a string, number, boolean or null`)
  }
  return clean
}

/** What createTouchloop() returns when it could not start: every method does nothing. */
export function createInertTouchloop(): Touchloop {
  return {
    track() {},
    identify() {},
    show: async () => false,
    start: async () => undefined,
    on: () => () => {},
    flush: async () => {},
    deadLetters: async () => [],
    retryDeadLetters: async () => 0,
    discardDeadLetters: async () => 0,
    setConsent() {},
    reset() {},
    destroy() {},
  }
}
