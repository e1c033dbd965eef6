// Small guards for what the host page hands the public API: nothing it passes may break the SDK,
// and nothing that cannot be stored is kept.
import type { Touchloop } from './api'

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
