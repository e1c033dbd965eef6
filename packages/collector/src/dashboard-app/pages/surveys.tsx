// Surveys: every survey the collector serves or keeps, with its status, touchpoints, responses, NPS and
// last edit; pause, resume, archive; links to the studio's editor.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { formatDateTime, formatNps, formatNumber } from '../format'
import { href } from '../router'
import { Empty, ErrorNote, useLoad } from '../ui'

export interface SurveyRow {
  id: string
  name: string | null
  status: 'draft' | 'published' | 'paused' | 'archived'
  served: boolean
  source: 'files' | 'api' | 'files+api'
  version: number | null
  touchpoints: string[]
  responses: number
  completed: number
  nps: { score: number; count: number } | null
  updatedAt: string | null
  updatedBy: string | null
}

const STATUS: Record<SurveyRow['status'], string> = {
  draft: 'Draft',
  published: 'Published',
  paused: 'Paused',
  archived: 'Archived',
}

function Row(props: { survey: SurveyRow; onChanged(): void }) {
  const { survey } = props
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const name = survey.name || survey.id
  const act = async (path: string, method: 'POST' | 'DELETE') => {
    setBusy(true)
    setError(undefined)
    try {
      await api(`/v1/surveys/${encodeURIComponent(survey.id)}${path}`, { method })
      props.onChanged()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const managed = survey.source !== 'files'
  return (
    <li class="row survey-row">
      <div class="row-top">
        <a class="row-survey" href={href('/surveys/edit', { id: survey.id })}>
          {name}
        </a>
        <span class={`chip survey-${survey.status}`}>{STATUS[survey.status]}</span>
      </div>
      <dl class="survey-facts">
        <div>
          <dt>Touchpoints</dt>
          <dd>{survey.touchpoints.length > 0 ? survey.touchpoints.join(', ') : 'none (shown by code only)'}</dd>
        </div>
        <div>
          <dt>Responses</dt>
          <dd>{formatNumber(survey.responses)}</dd>
        </div>
        <div>
          <dt>NPS</dt>
          <dd>{survey.nps && survey.nps.count > 0 ? formatNps(survey.nps.score) : '–'}</dd>
        </div>
        <div>
          <dt>Last edited</dt>
          <dd>
            {survey.updatedAt
              ? `${formatDateTime(survey.updatedAt)}${survey.updatedBy ? ` by ${survey.updatedBy}` : ''}`
              : 'in the --surveys files'}
            {survey.version !== null ? ` · version ${survey.version}` : ''}
          </dd>
        </div>
      </dl>
      <div class="actions">
        <a class="button small ghost" href={href('/surveys/edit', { id: survey.id })}>
          Edit<span class="sr-only"> {name}</span>
        </a>
        {managed && survey.status === 'published' && (
          <button type="button" class="button small ghost" disabled={busy} onClick={() => act('/pause', 'POST')}>
            Pause<span class="sr-only"> {name}</span>
          </button>
        )}
        {managed && survey.status === 'paused' && (
          <button type="button" class="button small ghost" disabled={busy} onClick={() => act('/resume', 'POST')}>
            Resume<span class="sr-only"> {name}</span>
          </button>
        )}
        {managed && survey.status !== 'archived' && (
          <button
            type="button"
            class="button small ghost danger"
            disabled={busy}
            onClick={() => {
              if (confirm(`Archive "${name}"? It is no longer shown; its answers and versions are kept.`)) {
                void act('', 'DELETE')
              }
            }}
          >
            Archive<span class="sr-only"> {name}</span>
          </button>
        )}
      </div>
      <ErrorNote error={error} />
    </li>
  )
}

export function SurveysPage() {
  const list = useLoad('surveys', () => api<{ surveys: SurveyRow[] }>('/v1/admin/surveys'))
  const surveys = list.data?.surveys ?? []
  return (
    <>
      <div class="page-head toolbar">
        <div>
          <h1>Surveys</h1>
          <p class="lede">Create, preview and publish surveys without a deploy.</p>
        </div>
        <a class="button" href={href('/surveys/new')}>
          New survey
        </a>
      </div>
      <ErrorNote error={list.error} />
      {list.data && surveys.length === 0 ? (
        <Empty title="No surveys yet">Create one with “New survey”.</Empty>
      ) : (
        <ul class="rows card" aria-label="Surveys" aria-busy={list.loading}>
          {surveys.map((survey) => (
            <Row key={survey.id} survey={survey} onChanged={list.reload} />
          ))}
        </ul>
      )}
    </>
  )
}
