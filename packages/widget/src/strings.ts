// Built-in UI strings. English ships in the main chunk; every other locale is a tiny chunk loaded
// with import() only when a survey shows in that language (a dozen languages would cost ~3 KB gzip).

/** The order of the `|`-separated fields in a locale string. */
const KEYS = [
  'next',
  'back',
  'submit',
  'close',
  'required',
  'tooShort',
  'tooLong',
  'email',
  'url',
  'other',
  'otherLabel',
  'progress',
  'thanks',
  'saveError',
  'npsLow',
  'npsHigh',
  'csatLow',
  'csatHigh',
  'cesLow',
  'cesHigh',
  'feedback',
  'survey',
  'preview',
] as const

export type StringKey = (typeof KEYS)[number]
export type Strings = Record<StringKey, string>

export const EN =
  'Next|Back|Submit|Close|Please answer this question.|Please enter at least {n} characters.|Please use at most {n} characters.|Please enter a valid email address.|Please enter a valid URL, like https://example.com.|Other|Please specify|Question {n} of {t}|Thank you!|Your answer could not be saved. Please try again.|Not at all likely|Extremely likely|Very dissatisfied|Very satisfied|Very difficult|Very easy|Feedback|Survey|Preview'

export function parseStrings(packed: string): Strings {
  const fields = packed.split('|')
  const english = EN.split('|')
  const strings = {} as Strings
  KEYS.forEach((key, index) => {
    strings[key] = fields[index] || english[index]!
  })
  return strings
}

/** Replaces `{n}`, `{t}`, … in a UI string. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match))
}

const LOADERS: Record<string, () => Promise<{ default: string }>> = {
  ar: () => import('./locales/ar'),
  de: () => import('./locales/de'),
  es: () => import('./locales/es'),
  fr: () => import('./locales/fr'),
  he: () => import('./locales/he'),
  it: () => import('./locales/it'),
  ja: () => import('./locales/ja'),
  nl: () => import('./locales/nl'),
  pl: () => import('./locales/pl'),
  pt: () => import('./locales/pt'),
  zh: () => import('./locales/zh'),
}

/** The languages with built-in strings (English plus the lazily loaded ones). */
export const UI_LANGUAGES = ['en', ...Object.keys(LOADERS)]

/** UI strings for a locale: English at once, others after a small import(); unknown → English. */
export async function loadStrings(locale: string): Promise<Strings> {
  const lang = locale.toLowerCase().split(/[-_]/)[0]!
  const loader = LOADERS[lang === 'iw' ? 'he' : lang]
  if (!loader) return parseStrings(EN)
  try {
    return parseStrings((await loader()).default)
  } catch {
    // A chunk that fails to load (offline, CDN hiccup) must not cost the answer: fall back to English.
    return parseStrings(EN)
  }
}
