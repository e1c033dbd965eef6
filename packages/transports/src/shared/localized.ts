// Picks one string out of a LocalizedText for analytics tools that hold a single label.
import type { LocalizedText } from '@touchloop/core'

export function pickText(text: LocalizedText | undefined, locale?: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text
  if (locale) {
    const exact = text[locale]
    if (exact !== undefined) return exact
    const language = text[locale.split('-')[0]!]
    if (language !== undefined) return language
  }
  return Object.values(text)[0]
}
