// Form fields bound to a path of the draft, each with the schema's errors for that path beside it
// (aria-invalid + aria-describedby), shown once the field was touched or a publish was attempted.

import { textDirection } from '@touchloop/core'
import type { ComponentChildren } from 'preact'
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import {
  type Draft,
  getIn,
  type IssueMap,
  moveIn,
  type Path,
  pathKey,
  removeAt,
  TEXT_KEYS,
  textValue,
  withText,
  withTranslation,
} from './draft'

export interface EditorState {
  draft: Draft
  issues: IssueMap
  set(path: Path, value: unknown): void
  update(change: (draft: Draft) => Draft): void
  /** Whether the errors of this path are on screen (touched, or a publish was attempted). */
  showsErrors(key: string): boolean
  /** The survey's languages, the default first: with more than one, texts are edited side by side. */
  languages: string[]
}

export const EditorContext = createContext<EditorState>({
  draft: {},
  issues: new Map(),
  set() {},
  update() {},
  showsErrors: () => false,
  languages: ['en'],
})
export const useEditor = () => useContext(EditorContext)

export const fieldId = (path: Path) => `f-${pathKey(path).replace(/[^\w-]/g, '_')}`

/** The messages for `path` as shown beside its field, or nothing. */
export function FieldErrors(props: { path: Path; also?: Path[]; id?: string }) {
  const { issues, showsErrors } = useEditor()
  const keys = [props.path, ...(props.also ?? [])].map(pathKey)
  const messages = keys.flatMap((key) =>
    showsErrors(key) ? (issues.get(key) ?? []).map((message) => ({ key, message })) : [],
  )
  if (messages.length === 0) return null
  return (
    <ul class="field-errors" id={`${props.id ?? fieldId(props.path)}-errors`}>
      {messages.map(({ key, message }) => (
        <li key={key + message}>
          <code>{key}</code>: {message}
        </li>
      ))}
    </ul>
  )
}

function useFieldErrors(path: Path, also?: Path[], id = fieldId(path)) {
  const { issues, showsErrors } = useEditor()
  const invalid = [path, ...(also ?? [])].some((p) => showsErrors(pathKey(p)) && issues.has(pathKey(p)))
  return {
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': invalid ? `${id}-errors` : undefined,
  }
}

interface FieldProps {
  label: string
  path: Path
  hint?: ComponentChildren
  /** Also show the errors of these paths here (e.g. a container's). */
  also?: Path[]
  class?: string
  /** The element id, when two fields edit the same path. */
  id?: string
}

/** The id of a field's control and the aria attributes that tie it to its errors. */
function useFieldControl(props: FieldProps) {
  const id = props.id ?? fieldId(props.path)
  return { id, aria: useFieldErrors(props.path, props.also, id) }
}

/** The frame of a labelled single-value field: label, the control (children), hint, `note`, errors. */
function LabelledField(props: FieldProps & { id: string; note?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.note}
      <FieldErrors path={props.path} also={props.also} id={props.id} />
    </div>
  )
}

type TextProps = FieldProps & { multiline?: boolean; placeholder?: string; optional?: boolean; locale?: string }

/** A translated text: one field per language, side by side (each in its own direction). */
function TranslatedField(props: TextProps) {
  const { draft, set, languages } = useEditor()
  const current = getIn(draft, props.path)
  const [defaultLanguage = 'en'] = languages
  const aria = useFieldErrors(props.path, props.also)
  return (
    <fieldset class={`field translations ${props.class ?? ''}`}>
      <legend>{props.label}</legend>
      <div class="translation-grid">
        {languages.map((language) => {
          const id = `${fieldId(props.path)}-${language.replace(/[^\w-]/g, '_')}`
          const value =
            current && typeof current === 'object'
              ? ((current as Record<string, string>)[language] ?? '')
              : language === defaultLanguage && typeof current === 'string'
                ? current
                : ''
          const onInput = (next: string) => set(props.path, withTranslation(current, language, next, defaultLanguage))
          const common = {
            id,
            ...(language === defaultLanguage ? aria : {}),
            value,
            lang: language,
            dir: textDirection(language),
            placeholder: language === defaultLanguage ? props.placeholder : undefined,
          }
          return (
            <div class="field" key={language}>
              <label for={id}>
                {props.label} ({language})
              </label>
              {props.multiline ? (
                <textarea {...common} rows={2} onInput={(e) => onInput(e.currentTarget.value)} />
              ) : (
                <input type="text" {...common} onInput={(e) => onInput(e.currentTarget.value)} />
              )}
            </div>
          )
        })}
      </div>
      {props.hint && <p class="hint">{props.hint}</p>}
      <FieldErrors path={props.path} also={props.also} />
    </fieldset>
  )
}

/** The keys of texts shown to people (LocalizedText): translated side by side when the survey has several languages. */
const SHOWN_TEXT = new Set(TEXT_KEYS)

/** A field of text: a text shown to people (translatable), or a plain string (ids, names, links). */
export function TextField(props: TextProps) {
  const { languages } = useEditor()
  const translatable = SHOWN_TEXT.has(String(props.path[props.path.length - 1]))
  return translatable && languages.length > 1 ? <TranslatedField {...props} /> : <PlainTextField {...props} />
}

function PlainTextField(props: TextProps) {
  const { draft, set } = useEditor()
  const current = getIn(draft, props.path)
  const { id, aria } = useFieldControl(props)
  const onInput = (value: string) =>
    set(props.path, value === '' && props.optional ? undefined : withText(current, value, props.locale))
  const common = { id, ...aria, value: textValue(current, props.locale), placeholder: props.placeholder }
  const translated = Boolean(current) && typeof current === 'object'
  return (
    <LabelledField
      {...props}
      id={id}
      note={translated && <p class="hint">Translated: edit the other languages in JSON.</p>}
    >
      {props.multiline ? (
        <textarea {...common} rows={2} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <input type="text" {...common} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
    </LabelledField>
  )
}

/** A number; empty removes the key. `scale` maps the shown number to the stored one (percent → 0–1). */
export function NumberField(props: FieldProps & { min?: number; max?: number; step?: number; scale?: number }) {
  const { draft, set } = useEditor()
  const scale = props.scale ?? 1
  const current = getIn(draft, props.path)
  const { id, aria } = useFieldControl(props)
  return (
    <LabelledField {...props} id={id}>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={props.min}
        max={props.max}
        step={props.step ?? 'any'}
        {...aria}
        value={typeof current === 'number' ? String(Math.round(current * scale * 1e6) / 1e6) : ''}
        onInput={(e) => {
          const text = e.currentTarget.value
          set(props.path, text === '' ? undefined : Number(text) / scale)
        }}
      />
    </LabelledField>
  )
}

/** A choice of fixed values; the empty option (if given) removes the key. */
export function SelectField(
  props: FieldProps & {
    options: readonly (readonly [string, string])[]
    empty?: string
    /** The option shown, when it is not the stored value itself. */
    value?: string
    onChange?(value: string): void
  },
) {
  const { draft, set } = useEditor()
  const current = getIn(draft, props.path)
  const { id, aria } = useFieldControl(props)
  return (
    <LabelledField {...props} id={id}>
      <select
        id={id}
        {...aria}
        value={props.value ?? (current === undefined ? '' : String(current))}
        onChange={(e) => {
          const value = e.currentTarget.value
          if (props.onChange) props.onChange(value)
          else set(props.path, value === '' ? undefined : value)
        }}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </LabelledField>
  )
}

/** A yes/no; unchecked removes the key (every boolean of the model defaults to false). */
export function CheckField(props: FieldProps) {
  const { draft, set } = useEditor()
  const { id, aria } = useFieldControl(props)
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label class="check">
        <input
          id={id}
          type="checkbox"
          {...aria}
          checked={getIn(draft, props.path) === true}
          onChange={(e) => set(props.path, e.currentTarget.checked ? true : undefined)}
        />
        {props.label}
      </label>
      <FieldErrors path={props.path} also={props.also} id={id} />
    </div>
  )
}

/** Up, down and remove buttons of item `index` of a list; `noun` names the items for screen readers. */
/** Move up, move down and remove for item `index` of the list at `list` (a path into the draft). */
export function ItemButtons(props: { noun: string; list: Path; index: number; count: number }) {
  const { index, count, noun, list: listPath } = props
  const { update } = useEditor()
  const label = `${noun} ${index + 1}`
  // Focus follows the moved item (the list re-renders by position): its button of the same direction, or the
  // other one once it reached an end.
  const move = (event: Event, to: number, direction: 'up' | 'down') => {
    const list = (event.currentTarget as HTMLElement).closest('ol, fieldset')
    update((draft) => moveIn(draft, listPath, index, to))
    requestAnimationFrame(() => {
      const find = (d: string) =>
        list?.querySelector<HTMLButtonElement>(`button[aria-label="Move ${noun} ${to + 1} ${d}"]:not(:disabled)`)
      ;(find(direction) ?? find(direction === 'up' ? 'down' : 'up'))?.focus()
    })
  }
  return (
    <div class="item-buttons">
      <button
        type="button"
        class="button small ghost"
        disabled={index === 0}
        aria-label={`Move ${label} up`}
        onClick={(event) => move(event, index - 1, 'up')}
      >
        ↑
      </button>
      <button
        type="button"
        class="button small ghost"
        disabled={index === count - 1}
        aria-label={`Move ${label} down`}
        onClick={(event) => move(event, index + 1, 'down')}
      >
        ↓
      </button>
      <button
        type="button"
        class="button small ghost danger"
        aria-label={`Remove ${label}`}
        onClick={() => update((draft) => removeAt(draft, listPath, index))}
      >
        Remove
      </button>
    </div>
  )
}
