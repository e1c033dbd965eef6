// The survey being edited in the studio: a plain JSON object in the SDK's format, changed by path,
// validated with the SDK's own zod schema (issues keyed by the same path strings the API answers with).
import type { Question, Survey } from '@touchloop/core'
import { type FormattedIssue, formatIssues, formatPath, surveySchema } from '@touchloop/core/schema'

export type Path = readonly (string | number)[]
export type Draft = Record<string, unknown>
/** path string (`questions[0].text`) → messages */
export type IssueMap = Map<string, string[]>

export const QUESTION_TYPES = [
  ['nps', 'NPS (0–10, recommend)'],
  ['csat', 'CSAT (1–5, satisfied)'],
  ['ces', 'CES (1–7, effort)'],
  ['rating', 'Rating (3–10 points)'],
  ['single', 'Single choice'],
  ['multi', 'Multiple choice'],
  ['text', 'Free text'],
] as const

export const pathKey = (path: Path): string => formatPath(path)

export function getIn(value: unknown, path: Path): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

/**
 * A copy of `value` with `path` set to `next` (`undefined` removes an object key; missing containers
 * are created: an array for a numeric key, else an object). Nothing given is mutated.
 */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T
  const [key, ...rest] = path as [string | number, ...(string | number)[]]
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : value !== null && typeof value === 'object'
      ? { ...(value as Record<string, unknown>) }
      : typeof key === 'number'
        ? []
        : {}
  const child = setIn((container as Record<string | number, unknown>)[key], rest, next)
  if (child === undefined && !Array.isArray(container)) delete (container as Record<string | number, unknown>)[key]
  else (container as Record<string | number, unknown>)[key] = child
  return container as T
}

/** Moves item `from` of the array at `path` to index `to` (clamped). */
export function moveIn<T>(value: T, path: Path, from: number, to: number): T {
  const list = [...((getIn(value, path) as unknown[]) ?? [])]
  const target = Math.max(0, Math.min(list.length - 1, to))
  const [item] = list.splice(from, 1)
  list.splice(target, 0, item)
  return setIn(value, path, list)
}

export function removeAt<T>(value: T, path: Path, index: number): T {
  const list = [...((getIn(value, path) as unknown[]) ?? [])]
  list.splice(index, 1)
  return setIn(value, path, list)
}

/** An id not used yet among `taken`: `prefix1`, `prefix2`, … */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`
}

/** A survey id from its name: `Checkout NPS` → `checkout-nps`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
}

/** A new survey: one required NPS question, an event touchpoint and a thank-you ending. */
export function newSurvey(): Draft {
  return {
    id: '',
    name: '',
    touchpoints: [{ type: 'event', event: '' }],
    questions: [
      { id: 'q1', type: 'nps', text: 'How likely are you to recommend us to a friend or colleague?', required: true },
    ],
    endings: [{ id: 'thanks', title: 'Thank you for your feedback!' }],
  }
}

/** A question of `type` keeping what the old one shares with it (id, text, required, showIf, description). */
export function questionOfType(old: Record<string, unknown>, type: string): Record<string, unknown> {
  const { id, text, required, showIf, description } = old
  const base: Record<string, unknown> = { id, type, text }
  if (description !== undefined) base.description = description
  if (required !== undefined) base.required = required
  if (showIf !== undefined) base.showIf = showIf
  if (type === 'rating') base.scale = 5
  if (type === 'single' || type === 'multi') {
    base.choices = Array.isArray(old.choices)
      ? old.choices
      : [
          { id: 'c1', text: 'First choice' },
          { id: 'c2', text: 'Second choice' },
        ]
  }
  return base
}

/** Text shown in a text field: the string, or the default locale's translation of a translated text. */
export function textValue(text: unknown, locale?: string): string {
  if (typeof text === 'string') return text
  if (text && typeof text === 'object') {
    const entries = text as Record<string, unknown>
    const chosen = (locale && entries[locale]) ?? Object.values(entries)[0]
    return typeof chosen === 'string' ? chosen : ''
  }
  return ''
}

/** A new text for a field: a translated text keeps its other locales (the edited one is the shown one). */
export function withText(old: unknown, next: string, locale?: string): unknown {
  if (old && typeof old === 'object' && !Array.isArray(old)) {
    const entries = old as Record<string, unknown>
    const key = locale && locale in entries ? locale : (Object.keys(entries)[0] ?? locale ?? 'en')
    return { ...entries, [key]: next }
  }
  return next
}

export interface Checked {
  issues: FormattedIssue[]
  byPath: IssueMap
  survey?: Survey
}

/** Validates the draft with the SDK's schema; issues by path. */
export function checkDraft(draft: Draft): Checked {
  const parsed = surveySchema.safeParse(draft)
  const issues = parsed.success ? [] : formatIssues(parsed.error.issues, draft)
  return { issues, byPath: groupIssues(issues), survey: parsed.success ? (parsed.data as Survey) : undefined }
}

export function groupIssues(issues: readonly FormattedIssue[]): IssueMap {
  const byPath: IssueMap = new Map()
  for (const { path, message } of issues) byPath.set(path, [...(byPath.get(path) ?? []), message])
  return byPath
}

/** The NPS questions before question `index`: what a follow-up can depend on. */
export function earlierNpsQuestions(questions: readonly Question[], index: number): Question[] {
  return questions.slice(0, index).filter((question) => question.type === 'nps')
}

/** Parses pasted survey JSON: the object, or a message saying what is wrong. */
export function parseSurveyJson(text: string): { ok: true; draft: Draft } | { ok: false; message: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: `This is not JSON: ${(error as Error).message}` }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'Expected one survey object ({ "id": …, "questions": […] }).' }
  }
  const { $schema: _schema, version: _version, ...draft } = value as Record<string, unknown>
  return { ok: true, draft }
}

/** A property value as typed: numbers compare as numbers, true/false as booleans, the rest as text. */
export function propertyValue(text: string, op: string): unknown {
  if (op === 'exists' || op === 'notExists') return undefined
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text)
  if (text === 'true' || text === 'false') return text === 'true'
  return text
}

export const TEXT_KEYS = ['text', 'description', 'lowLabel', 'highLabel', 'placeholder', 'buttonText', 'label', 'title']

/** The survey's languages: the default (defaultLocale, else "en") first, then every locale a text is translated to. */
export function surveyLanguages(draft: Draft): string[] {
  const found = new Set<string>([
    typeof draft.defaultLocale === 'string' && draft.defaultLocale ? draft.defaultLocale : 'en',
  ])
  const visit = (item: unknown) => {
    if (!item || typeof item !== 'object') return
    for (const key of TEXT_KEYS) {
      const text = (item as Record<string, unknown>)[key]
      if (text && typeof text === 'object' && !Array.isArray(text))
        for (const locale of Object.keys(text)) found.add(locale)
    }
  }
  for (const question of (draft.questions as unknown[]) ?? []) {
    visit(question)
    for (const choice of ((question as { choices?: unknown[] })?.choices as unknown[]) ?? []) visit(choice)
    visit((question as { other?: unknown })?.other)
  }
  for (const ending of (draft.endings as unknown[]) ?? []) {
    visit(ending)
    visit((ending as { cta?: unknown })?.cta)
  }
  return [...found]
}

/**
 * A text with its `locale` translation set to `value`: a plain string becomes `{ [defaultLocale]: string }` first;
 * an emptied translation is removed (the widget then falls back to the default language), and a text left with
 * only its default language is a plain string again.
 */
export function withTranslation(old: unknown, locale: string, value: string, defaultLocale: string): unknown {
  const entries: Record<string, string> =
    old && typeof old === 'object' && !Array.isArray(old)
      ? { ...(old as Record<string, string>) }
      : typeof old === 'string' && old !== ''
        ? { [defaultLocale]: old }
        : {}
  if (value === '' && locale !== defaultLocale) delete entries[locale]
  else entries[locale] = value
  const keys = Object.keys(entries)
  if (keys.length === 0) return undefined
  if (keys.length === 1 && keys[0] === defaultLocale) return entries[defaultLocale]
  return entries
}
