// Built-in UI strings. English ships in the main chunk (the strings of choice and text questions in
// their chunk); every other locale is a tiny chunk loaded with import() only when a survey shows in
// that language (a dozen languages would cost ~3 KB gzip).

/** English, and the order of the `|`-separated fields in every other locale's string. */
const EN = {
  next: 'Next',
  back: 'Back',
  submit: 'Submit',
  close: 'Close',
  required: 'Please answer this question.',
  // The English of these six (and of the CSAT and CES labels) is in ./more-types, with their questions.
  tooShort: '',
  tooLong: '',
  email: '',
  url: '',
  other: '',
  otherLabel: '',
  progress: 'Question {n} of {t}',
  thanks: 'Thank you!',
  saveError: 'Your answer could not be saved. Please try again.',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  csatLow: '',
  csatHigh: '',
  cesLow: '',
  cesHigh: '',
  feedback: 'Feedback',
  survey: 'Survey',
  preview: 'Preview',
  thanksText: 'Your feedback helps us make it better.',
}

export type StringKey = keyof typeof EN
export type Strings = Record<StringKey, string>

export function parseStrings(packed: string): Strings {
  const fields = packed.split('|')
  const strings = { ...EN }
  Object.keys(EN).forEach((key, index) => {
    if (fields[index]) strings[key as StringKey] = fields[index]
  })
  return strings
}

/** Replaces `{n}`, `{t}`, … in a UI string. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match))
}

/** Joins texts into one announcement, adding a full stop only to a text without closing punctuation. */
export function sentences(...texts: string[]): string {
  return texts
    .filter(Boolean)
    .map((text) => (/[.!?…:。！？؟]$/.test(text) ? text : `${text}.`))
    .join(' ')
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
  if (!loader) return EN
  try {
    return parseStrings((await loader()).default)
  } catch {
    // A chunk that fails to load (offline, CDN hiccup) must not cost the answer: fall back to English.
    return EN
  }
}
