// The touchloop dashboard: overview, responses, follow-up and alerts, on the collector's admin API.
import './styles/base.css'
import './styles/overview.css'
import './styles/controls.css'
import './styles/lists.css'
import './styles/small-screens.css'
import type { ComponentType } from 'preact'
import { render } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { api, type SurveyLabels } from './api'
import { AlertsPage } from './pages/alerts'
import { FollowUpPage } from './pages/follow-up'
import { OverviewPage } from './pages/overview'
import { ResponsePage } from './pages/response'
import { ResponsesPage } from './pages/responses'
import { SurveysPage } from './pages/surveys'
import { href, useRoute } from './router'
import { ErrorNote, SurveysContext } from './ui'

const NAV = [
  ['/', 'Overview'],
  ['/responses', 'Responses'],
  ['/follow-up', 'Follow-up'],
  ['/alerts', 'Alerts'],
  ['/surveys', 'Surveys'],
] as const

type Editor = ComponentType<{ id?: string }>

/** The studio's editor: a chunk of its own (the SDK's schema, the widget), fetched on first use. */
function LazyEditor(props: { id?: string }) {
  const [editor, setEditor] = useState<{ Page: Editor }>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    import('./studio/editor').then(
      (module) => setEditor({ Page: module.EditorPage }),
      (e: Error) => setError(`The editor could not load: ${e.message}`),
    )
  }, [])
  if (error) return <ErrorNote error={error} />
  return editor ? <editor.Page id={props.id} /> : <p class="muted">Loading the editor…</p>
}

function App() {
  const route = useRoute()
  const [surveys, setSurveys] = useState<SurveyLabels[]>([])
  useEffect(() => {
    api<{ surveys: SurveyLabels[] }>('/v1/dashboard/surveys').then(
      (body) => setSurveys(body.surveys),
      () => {},
    )
  }, [])
  const byId = useMemo(() => new Map(surveys.map((survey) => [survey.id, survey])), [surveys])
  const section = NAV.find(([path]) => path !== '/' && route.path.startsWith(path))?.[0] ?? '/'
  const main = useRef<HTMLElement>(null)
  const first = useRef(true)
  // A new page: its title, and keyboard/screen-reader focus at its start (not on the old link).
  useEffect(() => {
    document.title = `${NAV.find(([path]) => path === section)?.[1] ?? 'Dashboard'} · touchloop`
    if (first.current) first.current = false
    else main.current?.focus()
  }, [route.path])
  const responseId = route.path.startsWith('/responses/')
    ? decodeURIComponent(route.path.slice('/responses/'.length))
    : undefined
  return (
    <SurveysContext.Provider value={byId}>
      <header class="top">
        <div class="top-inner">
          <a class="brand" href={href('/')}>
            <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24">
              <circle cx="12" cy="12" r="9" class="brand-ring" />
              <circle cx="12" cy="12" r="3.5" class="brand-dot" />
            </svg>
            touchloop
          </a>
          <nav aria-label="Dashboard">
            {NAV.map(([path, label]) => (
              <a key={path} href={href(path)} aria-current={section === path ? 'page' : undefined}>
                {label}
              </a>
            ))}
          </nav>
          <form method="post" action="/logout" class="signout">
            <button type="submit" class="button small ghost">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main ref={main} tabIndex={-1}>
        {responseId ? (
          <ResponsePage id={responseId} />
        ) : section === '/responses' ? (
          <ResponsesPage route={route} />
        ) : section === '/follow-up' ? (
          <FollowUpPage route={route} />
        ) : route.path === '/surveys/new' ? (
          <LazyEditor key="new" />
        ) : route.path === '/surveys/edit' ? (
          <LazyEditor key={route.params.get('id') ?? ''} id={route.params.get('id') ?? undefined} />
        ) : section === '/surveys' ? (
          <SurveysPage />
        ) : section === '/alerts' ? (
          <AlertsPage />
        ) : (
          <OverviewPage route={route} />
        )}
      </main>
    </SurveysContext.Provider>
  )
}

render(<App />, document.getElementById('app')!)
