// Live preview with the real widget (@touchloop/widget, loaded only here) in preview mode: answers go
// nowhere (onAnswer resolves at once, no transport exists on this page). Light or dark, left-to-right or
// right-to-left (Arabic UI strings), desktop or a 390 px phone width.
import type { Survey, WidgetHandle } from '@touchloop/core'
import { surveyKit, textDirection } from '@touchloop/core'
import { useEffect, useRef, useState } from 'preact/hooks'

type Toggle = 'dark' | 'rtl' | 'phone'
const TOGGLES: [Toggle, string][] = [
  ['dark', 'Dark'],
  ['rtl', 'Right to left'],
  ['phone', 'Phone width (390 px)'],
]

export function Preview(props: { survey?: Survey; issueCount: number; languages: string[] }) {
  const host = useRef<HTMLDivElement>(null)
  const [on, setOn] = useState<Record<Toggle, boolean>>({ dark: false, rtl: false, phone: false })
  const [run, setRun] = useState(0)
  const [status, setStatus] = useState('')
  const [language, setLanguage] = useState('')
  const shownLanguage = props.languages.includes(language) ? language : (props.languages[0] ?? 'en')
  const { survey } = props
  // The survey text as JSON: a new render only when something shown changed (not on every parent render).
  const shown = survey ? JSON.stringify(survey) : ''
  useEffect(() => {
    const container = host.current
    if (!survey || !container) return
    let handle: WidgetHandle | undefined
    let live = true
    // Typing re-renders the preview after a short pause, not on every keystroke.
    const timer = setTimeout(() => {
      import('@touchloop/widget').then(
        ({ renderSurvey }) => {
          if (!live) return
          setStatus('')
          handle = renderSurvey({
            survey: { ...survey, presentation: { ...survey.presentation, mode: 'inline' } },
            // Right to left without an RTL translation: the Arabic UI strings around the survey's own text.
            locale: on.rtl && textDirection(shownLanguage) !== 'rtl' ? 'ar' : shownLanguage,
            answers: {},
            container,
            preview: true,
            kit: surveyKit,
            theme: { scheme: on.dark ? 'dark' : 'light' },
            onShown() {},
            onAnswer: () => Promise.resolve(),
            onComplete() {
              setStatus('The preview reached its ending. Nothing was stored.')
            },
            onDismiss() {
              setStatus('The preview was closed.')
            },
          })
        },
        (error: Error) => live && setStatus(`The widget could not load: ${error.message}`),
      )
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
      handle?.close()
    }
  }, [shown, on.dark, on.rtl, run, shownLanguage])
  return (
    <section class="card stack preview" aria-labelledby="preview-title">
      <div class="card-head">
        <h2 id="preview-title">Preview</h2>
        <button type="button" class="button small ghost" onClick={() => setRun((n) => n + 1)}>
          Restart
        </button>
      </div>
      <fieldset class="preview-toggles">
        <legend>Show it</legend>
        {TOGGLES.map(([key, label]) => (
          <label class="check" key={key}>
            <input
              type="checkbox"
              checked={on[key]}
              onChange={(e) => setOn({ ...on, [key]: e.currentTarget.checked })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {props.languages.length > 1 && (
        <div class="field">
          <label for="preview-language">Language</label>
          <select id="preview-language" value={shownLanguage} onChange={(e) => setLanguage(e.currentTarget.value)}>
            {props.languages.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </div>
      )}
      <p class="hint">The real widget, in preview mode: answers given here are not stored.</p>
      {!survey && (
        <p class="notice">
          {props.issueCount > 0
            ? `Fix the ${props.issueCount === 1 ? 'error' : `${props.issueCount} errors`} to see the preview.`
            : 'Loading…'}
        </p>
      )}
      <div class={`preview-frame${on.dark ? ' dark' : ''}${on.phone ? ' phone' : ''}`}>
        <div ref={host} data-testid="preview-host" />
      </div>
      {status && (
        <p class="hint" role="status">
          {status}
        </p>
      )}
    </section>
  )
}
