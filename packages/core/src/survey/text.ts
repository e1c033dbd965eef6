// Survey text in the reader's language: pick a locale for a display, then resolve each LocalizedText
// with fallbacks (exact tag → language → a regional sibling → the survey default → English → any).
import type { LocalizedText, Question, Survey } from '../model'

/** BCP 47 tags compare case-insensitively; `_` is a common typo for `-` (`pt_BR`). */
export function normalizeLocale(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase()
}

function language(tag: string): string {
  return normalizeLocale(tag).split('-')[0] ?? ''
}

/** The key of `available` that serves `wanted` best, or undefined when no key shares its language. */
export function matchLocale(wanted: string, available: readonly string[]): string | undefined {
  const tag = normalizeLocale(wanted)
  if (!tag) return undefined
  const lang = language(tag)
  return (
    available.find((key) => normalizeLocale(key) === tag) ??
    available.find((key) => normalizeLocale(key) === lang) ??
    available.find((key) => language(key) === lang)
  )
}

/**
 * Resolves a LocalizedText for `locale`. A plain string is the same in every language. A map falls
 * back to the survey's default locale, then English, then its first entry, so a text never renders empty.
 */
export function resolveText(text: LocalizedText | undefined, locale: string, defaultLocale?: string): string {
  if (text === undefined) return ''
  if (typeof text === 'string') return text
  const keys = Object.keys(text)
  const key =
    matchLocale(locale, keys) ??
    (defaultLocale ? matchLocale(defaultLocale, keys) : undefined) ??
    matchLocale('en', keys) ??
    keys[0]
  return key === undefined ? '' : (text[key] ?? '')
}

function collectKeys(text: LocalizedText | undefined, into: Set<string>): void {
  if (text && typeof text === 'object') for (const key of Object.keys(text)) into.add(key)
}

function questionTexts(question: Question): Array<LocalizedText | undefined> {
  const texts: Array<LocalizedText | undefined> = [question.text, question.description]
  if ('lowLabel' in question) texts.push(question.lowLabel, question.highLabel)
  if (question.type === 'single' || question.type === 'multi') {
    for (const choice of question.choices) texts.push(choice.text)
  }
  return texts
}

/** Every locale a survey has translations for (its defaultLocale first, when set). */
export function surveyLocales(survey: Survey): string[] {
  const keys = new Set<string>()
  if (survey.defaultLocale) keys.add(survey.defaultLocale)
  for (const question of survey.questions) for (const text of questionTexts(question)) collectKeys(text, keys)
  for (const ending of survey.endings ?? []) collectKeys(ending.title, keys)
  return [...keys]
}

export interface LocaleSources {
  /** An explicit locale (the `locale` option); wins when the survey has it. */
  explicit?: string
  /** identify() traits: `locale` or `language`. */
  traits?: Record<string, unknown>
  /** navigator.languages, most preferred first. */
  languages?: readonly string[]
  /** Locales the survey is translated into; empty means "any" (untranslated plain strings). */
  available?: readonly string[]
  /** Used when nothing matches; default 'en'. */
  fallback?: string
}

/**
 * Chooses the display locale: the first of explicit / traits / navigator.languages that the survey is
 * translated into (by exact tag or language). With no translations, the first preference wins as is.
 */
export function chooseLocale(sources: LocaleSources): string {
  const traits = sources.traits ?? {}
  const candidates = [sources.explicit, traits.locale, traits.language, ...(sources.languages ?? [])].filter(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  )
  const available = sources.available ?? []
  if (available.length === 0) return candidates[0]?.trim() ?? sources.fallback ?? 'en'
  for (const candidate of candidates) {
    const match = matchLocale(candidate, available)
    if (match) return match
  }
  return sources.fallback ?? available[0] ?? 'en'
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug'])

/** Writing direction of a locale (Arabic, Hebrew, Persian, Urdu, … are right-to-left). */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(language(locale)) ? 'rtl' : 'ltr'
}
