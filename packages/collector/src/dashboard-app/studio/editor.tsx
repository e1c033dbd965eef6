// The studio's survey editor (a lazy chunk with the SDK's schema and, in ./preview, the widget): a form
// for the survey model, validated as you type with the same zod schema as the SDK, a live preview, JSON
// import/export for what the form does not cover, and Publish (PUT /v1/surveys/:id: a new version).
import '../styles/studio.css'
import type { FormattedIssue } from '@touchloop/core/schema'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, api } from '../api'
import { href } from '../router'
import { ErrorNote } from '../ui'
import {
  checkDraft,
  type Draft,
  groupIssues,
  newSurvey,
  parseSurveyJson,
  pathKey,
  setIn,
  slugify,
  surveyLanguages,
} from './draft'
import { EditorContext, type EditorState, FieldErrors, fieldId, TextField } from './fields'
import { Preview } from './preview'
import { QuestionsEditor } from './questions'
import { AudienceEditor, EndingsEditor } from './settings'
import { TouchpointsEditor } from './touchpoints'

interface Loaded {
  status: string
  version: number | null
  survey: Record<string, unknown>
}

function JsonPanel(props: { draft: Draft; onApply(draft: Draft): void; exportHref?: string }) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const [applied, setApplied] = useState(false)
  const current = JSON.stringify(props.draft, null, 2)
  return (
    <details class="card json-panel">
      <summary>Survey as JSON (translations, conditions, other triggers, audience, theme…)</summary>
      <div class="stack">
        <p class="hint">
          Everything the form does not cover can be edited here; “Use this JSON” replaces the survey in the form and
          checks it with the same rules.
        </p>
        <label for="survey-json">JSON</label>
        <textarea
          id="survey-json"
          class="mono"
          rows={14}
          spellcheck={false}
          value={text || current}
          onInput={(e) => {
            setText(e.currentTarget.value)
            setApplied(false)
          }}
        />
        <div class="actions">
          <button
            type="button"
            class="button ghost"
            onClick={() => {
              const parsed = parseSurveyJson(text || current)
              if (!parsed.ok) return setError(parsed.message)
              setError(undefined)
              setText('')
              setApplied(true)
              props.onApply(parsed.draft)
            }}
          >
            Use this JSON
          </button>
          {props.exportHref && (
            <a class="button ghost" href={props.exportHref} download>
              Download the published version
            </a>
          )}
        </div>
        <ErrorNote error={error} />
        {applied && (
          <p class="ok" role="status">
            The form now shows this JSON.
          </p>
        )}
      </div>
    </details>
  )
}

function IssueSummary(props: {
  issues: FormattedIssue[]
  title: string
  summaryRef: { current: HTMLDivElement | null }
}) {
  if (props.issues.length === 0) return null
  return (
    <div class="issue-summary" ref={props.summaryRef} tabIndex={-1} role="alert" aria-labelledby="issue-summary-title">
      <p id="issue-summary-title" class="error">
        {props.title}
      </p>
      <ul>
        {props.issues.map((issue) => (
          <li key={issue.path + issue.message}>
            <button type="button" class="link-button" onClick={() => focusIssue(issue.path)}>
              <code>{issue.path}</code>
            </button>
            : {issue.message}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Moves focus to the field of an issue's path (or its nearest container with errors shown). */
function focusIssue(path: string) {
  const id = `f-${path.replace(/[^\w-]/g, '_')}`
  const target = document.getElementById(id) ?? document.getElementById(`${id}-errors`)
  target?.scrollIntoView({ block: 'center' })
  if (target?.matches('input, select, textarea')) target.focus()
}

/** The default language and the translations: with several languages, every text is edited side by side. */
function LanguagesEditor(props: { languages: string[]; onAdd(language: string): void }) {
  const [language, setLanguage] = useState('')
  const [error, setError] = useState<string>()
  const add = () => {
    const tag = language.trim()
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag))
      return setError('Enter a language tag such as de, fr or pt-BR.')
    if (props.languages.includes(tag)) return setError(`${tag} is already there.`)
    setError(undefined)
    setLanguage('')
    props.onAdd(tag)
  }
  return (
    <section class="card stack" aria-labelledby="languages-title">
      <h2 id="languages-title">Languages</h2>
      <p class="hint">
        {props.languages.length > 1
          ? `Texts are edited side by side in ${props.languages.join(', ')}. An empty translation shows the default language's text.`
          : 'One language. Add a translation to edit every text side by side.'}
      </p>
      <div class="grid-2">
        <TextField label="Default language" path={['defaultLocale']} optional placeholder="en" />
        <div class="field">
          <label for="add-language">Add a translation</label>
          <div class="item-row">
            <input
              id="add-language"
              type="text"
              class="grow"
              placeholder="de"
              value={language}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'add-language-error' : undefined}
              onInput={(e) => setLanguage(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault()
                  add()
                }
              }}
            />
            <button type="button" class="button ghost" onClick={add}>
              Add
            </button>
          </div>
          {error && (
            <p class="error" id="add-language-error">
              {error}
            </p>
          )}
        </div>
      </div>
    </section>
  )
}

export function EditorPage(props: { id?: string }) {
  const [draft, setDraft] = useState<Draft>(newSurvey)
  const [loaded, setLoaded] = useState<Loaded>()
  const [loadError, setLoadError] = useState<string>()
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [attempted, setAttempted] = useState(false)
  const [serverIssues, setServerIssues] = useState<FormattedIssue[]>([])
  const [publishing, setPublishing] = useState(false)
  const [message, setMessage] = useState<string>()
  const [error, setError] = useState<string>()
  const [idEdited, setIdEdited] = useState(false)
  /** Languages added in this session that no text has yet. */
  const [addedLanguages, setAddedLanguages] = useState<string[]>([])
  const [imports, setImports] = useState(0)
  const summary = useRef<HTMLDivElement>(null)
  const isNew = !props.id

  useEffect(() => {
    if (!props.id) return
    api<Loaded>(`/v1/surveys/${encodeURIComponent(props.id)}`).then(
      (body) => {
        const { version: _version, ...survey } = body.survey
        setLoaded(body)
        setDraft(survey)
      },
      (e: Error) => setLoadError(e.message),
    )
  }, [props.id])

  const checked = useMemo(() => checkDraft(draft), [draft])
  const issues = useMemo(
    () => (serverIssues.length > 0 ? groupIssues([...checked.issues, ...serverIssues]) : checked.byPath),
    [checked, serverIssues],
  )
  const languages = [...new Set([...surveyLanguages(draft), ...addedLanguages])]
  const state: EditorState = {
    draft,
    issues,
    languages,
    set(path, value) {
      // A new survey's id follows its name until the id is typed in.
      const idFollows = isNew && !loaded && !idEdited && pathKey(path) === 'name'
      setDraft((previous) => {
        const next = setIn(previous, path, value)
        return idFollows ? setIn(next, ['id'], slugify(typeof value === 'string' ? value : '')) : next
      })
      setTouched((previous) => new Set(previous).add(pathKey(path)))
      setServerIssues([])
      setMessage(undefined)
    },
    update(change) {
      setDraft(change)
      setServerIssues([])
      setMessage(undefined)
    },
    showsErrors: (key) => attempted || touched.has(key),
  }

  const surveyId = typeof draft.id === 'string' ? draft.id : ''
  /** Publishes the draft (served and shown) or saves it as a draft (served, shown only in preview). */
  const publish = async (asDraft = false) => {
    setAttempted(true)
    setError(undefined)
    setMessage(undefined)
    if (checked.issues.length > 0) {
      requestAnimationFrame(() => summary.current?.focus())
      return
    }
    setPublishing(true)
    // The model's own status: "draft" for a draft; publishing clears it (and keeps any other).
    const status = () => (asDraft ? 'draft' : draft.status === 'draft' ? undefined : draft.status)
    try {
      const result = await api<{ version: number; outcome: string; status: string }>(
        `/v1/surveys/${encodeURIComponent(surveyId)}`,
        { method: 'PUT', body: { ...draft, status: status() } },
      )
      setDraft((previous) => setIn(previous, ['status'], status()))
      setMessage(
        result.outcome === 'unchanged'
          ? `Nothing changed since version ${result.version}.`
          : asDraft
            ? `Saved version ${result.version} as a draft: not shown to anyone; preview it on your site with ?touchloop_preview=${surveyId}.`
            : `Published version ${result.version}${result.status === 'paused' ? ' (the survey stays paused)' : ''}.`,
      )
      setLoaded((previous) => ({ status: result.status, version: result.version, survey: previous?.survey ?? draft }))
      if (isNew) history.replaceState(null, '', href('/surveys/edit', { id: surveyId }))
    } catch (e) {
      const body = e instanceof ApiError ? e.body : {}
      if (Array.isArray(body.issues)) {
        setServerIssues(body.issues as FormattedIssue[])
        requestAnimationFrame(() => summary.current?.focus())
      } else setError((e as Error).message)
    } finally {
      setPublishing(false)
    }
  }

  if (loadError) return <ErrorNote error={loadError} />
  const allIssues = serverIssues.length > 0 ? [...checked.issues, ...serverIssues] : checked.issues
  const name = typeof draft.name === 'string' ? draft.name : ''
  return (
    <EditorContext.Provider value={state}>
      <a class="back" href={href('/surveys')}>
        ← Surveys
      </a>
      <div class="page-head">
        <h1>{isNew && !loaded ? 'New survey' : `Edit ${name || surveyId}`}</h1>
        <p class="lede">
          {loaded
            ? `Version ${loaded.version ?? '–'} is ${loaded.status}. Publishing makes a new version; answers keep the version they were given under.`
            : 'Nothing is shown to anyone until you publish.'}
        </p>
      </div>
      <div class="studio">
        <form
          class="studio-form stack"
          aria-label="Survey"
          onSubmit={(event) => {
            event.preventDefault()
            void publish()
          }}
        >
          <section class="card stack" aria-labelledby="basics-title">
            <h2 id="basics-title">Basics</h2>
            <div class="grid-2">
              <TextField label="Name" path={['name']} optional hint="Shown in the dashboard only." />
              {isNew && !loaded ? (
                <div class="field">
                  <label for={fieldId(['id'])}>Survey id</label>
                  <input
                    id={fieldId(['id'])}
                    type="text"
                    value={surveyId}
                    aria-invalid={state.showsErrors('id') && issues.has('id') ? 'true' : undefined}
                    aria-describedby={
                      state.showsErrors('id') && issues.has('id') ? `${fieldId(['id'])}-errors` : undefined
                    }
                    onInput={(e) => {
                      setIdEdited(true)
                      state.set(['id'], e.currentTarget.value)
                    }}
                  />
                  <p class="hint">Letters, digits and - _ . : — it cannot change after publishing.</p>
                  <FieldErrors path={['id']} />
                </div>
              ) : (
                <p class="field">
                  <span class="label">Survey id</span> <code>{surveyId}</code>
                </p>
              )}
            </div>
          </section>
          <LanguagesEditor
            languages={languages}
            onAdd={(language) => setAddedLanguages((previous) => [...previous, language])}
          />
          <QuestionsEditor />
          <TouchpointsEditor />
          <EndingsEditor />
          {/* Remounted when the survey is replaced (loaded, imported): it keeps the typed language list. */}
          <AudienceEditor key={`${loaded?.version ?? 'new'}-${imports}`} />
          <JsonPanel
            draft={draft}
            onApply={(next) => {
              setDraft(isNew && !loaded ? next : { ...next, id: surveyId })
              setAttempted(true)
              setImports((n) => n + 1)
            }}
            exportHref={loaded ? `/v1/surveys/${encodeURIComponent(surveyId)}/export` : undefined}
          />
          <div class="publish-bar">
            <IssueSummary
              issues={attempted ? allIssues : []}
              summaryRef={summary}
              title={`Fix ${allIssues.length === 1 ? 'this error' : `these ${allIssues.length} errors`} before publishing:`}
            />
            <div class="form-actions">
              <button type="submit" class="button" disabled={publishing}>
                {publishing ? 'Saving…' : 'Publish'}
              </button>
              <button type="button" class="button ghost" disabled={publishing} onClick={() => void publish(true)}>
                Save as draft
              </button>
              {!attempted && checked.issues.length > 0 && (
                <span class="hint">
                  {checked.issues.length} {checked.issues.length === 1 ? 'thing' : 'things'} to fill in before
                  publishing
                </span>
              )}
            </div>
            {message && (
              <p class="ok" role="status">
                {message}
              </p>
            )}
            <ErrorNote error={error} />
          </div>
        </form>
        <Preview survey={checked.survey} issueCount={checked.issues.length} languages={languages} />
      </div>
    </EditorContext.Provider>
  )
}
