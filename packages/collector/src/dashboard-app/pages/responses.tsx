// Responses: filter by survey, touchpoint, NPS category, dates and text; newest first, paged by cursor;
// CSV and JSON exports of exactly the filtered view.
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { answerText } from '../../labels'
import { api, type Page, query, type ResponseView } from '../api'
import { formatDateTime, localDayEnd, localDayStart, plural } from '../format'
import { href, type Route, setParams } from '../router'
import { CategoryChip, Empty, ErrorNote, StatusChip, useSurveys } from '../ui'

const FILTERS = ['surveyId', 'touchpoint', 'category', 'from', 'to', 'q', 'all'] as const

export function ResponseRow(props: { response: ResponseView; children?: ComponentChildren }) {
  const { response } = props
  const surveys = useSurveys()
  const labels = surveys.get(response.surveyId)
  const entries = Object.entries(response.answers)
  const comment = entries.find(
    ([id, value]) => typeof value === 'string' && labels?.questions.find((q) => q.id === id)?.type === 'text',
  )
  const others = entries.filter(
    ([id]) => id !== comment?.[0] && id !== 'nps' && labels?.questions.find((q) => q.id === id)?.type !== 'nps',
  )
  return (
    <li class="row">
      <a class="row-link" href={href(`/responses/${response.id}`)}>
        <span class="row-top">
          {response.followUp && <CategoryChip category={response.followUp.category} score={response.followUp.score} />}
          {response.followUp && response.followUp.category !== 'promoter' && (
            <StatusChip status={response.followUp.status} />
          )}
          <span class="row-survey">{labels?.name ?? response.surveyId}</span>
          <span class="muted">· {response.touchpoint}</span>
          <time class="muted row-time" dateTime={response.receivedAt}>
            {formatDateTime(response.receivedAt)}
          </time>
        </span>
        {comment ? <span class="row-comment">“{String(comment[1])}”</span> : null}
        {others.length > 0 && (
          <span class="row-answers muted">
            {others
              .slice(0, 3)
              .map(([id, value]) => {
                const question = labels?.questions.find((q) => q.id === id)
                return `${question?.text ?? id}: ${answerText(value, question)}`
              })
              .join(' · ')}
          </span>
        )}
        {entries.length === 0 && <span class="row-answers muted">Shown, not answered ({response.event})</span>}
      </a>
      {props.children && <div class="row-actions">{props.children}</div>}
    </li>
  )
}

export function ResponsesPage(props: { route: Route }) {
  const { params } = props.route
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >
  const surveys = useSurveys()
  const [text, setText] = useState(filters.q)
  const apiQuery = {
    surveyId: filters.surveyId,
    touchpoint: filters.touchpoint,
    category: filters.category,
    since: filters.from && localDayStart(filters.from),
    until: filters.to && localDayEnd(filters.to),
    q: filters.q,
    answered: filters.all === '1' && 'false',
  }
  const key = query(apiQuery)
  const [pages, setPages] = useState<{
    key: string
    responses: ResponseView[]
    next?: string
    loading: boolean
    error?: string
  }>({
    key: '',
    responses: [],
    loading: true,
  })
  const load = (cursor?: string) => {
    setPages((p) => ({ ...p, loading: true }))
    api<Page>(`/v1/dashboard/responses${query({ ...apiQuery, cursor })}`).then(
      (page) =>
        setPages((p) => ({
          key,
          responses: cursor && p.key === key ? [...p.responses, ...page.responses] : page.responses,
          next: page.nextCursor,
          loading: false,
        })),
      (error: Error) => setPages((p) => ({ ...p, loading: false, error: error.message })),
    )
  }
  useEffect(() => load(), [key])
  const set = (change: Partial<Record<(typeof FILTERS)[number], string>>) =>
    setParams('/responses', { ...filters, ...change })
  const exportQuery = (format: string) => `/v1/export${query({ ...apiQuery, format })}`
  return (
    <>
      <div class="page-head">
        <h1>Responses</h1>
        <p class="lede">Every answer, newest first. Times are your local time.</p>
      </div>
      <form
        class="filters grid"
        aria-label="Filter responses"
        onSubmit={(event) => {
          event.preventDefault()
          set({ q: text.trim() })
        }}
      >
        <label class="grow">
          Search answers
          <span class="search">
            <input
              type="search"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              placeholder="Words in any answer"
            />
            <button type="submit" class="button">
              Search
            </button>
          </span>
        </label>
        <label>
          Survey
          <select value={filters.surveyId} onChange={(e) => set({ surveyId: e.currentTarget.value })}>
            <option value="">All surveys</option>
            {[...surveys.values()].map((survey) => (
              <option key={survey.id} value={survey.id}>
                {survey.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          NPS category
          <select value={filters.category} onChange={(e) => set({ category: e.currentTarget.value })}>
            <option value="">Any</option>
            <option value="detractor">Detractors (0–6)</option>
            <option value="passive">Passives (7–8)</option>
            <option value="promoter">Promoters (9–10)</option>
          </select>
        </label>
        <label>
          Touchpoint
          <input
            value={filters.touchpoint}
            onChange={(e) => set({ touchpoint: e.currentTarget.value.trim() })}
            placeholder="e.g. checkout_completed"
          />
        </label>
        <label>
          From
          <input type="date" value={filters.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.all === '1'}
            onChange={(e) => set({ all: e.currentTarget.checked ? '1' : '' })}
          />
          Include surveys shown but not answered
        </label>
      </form>
      <div class="toolbar">
        <p class="muted" aria-live="polite">
          {pages.loading
            ? 'Loading…'
            : pages.next
              ? `${pages.responses.length}+ responses`
              : plural(pages.responses.length, 'response')}
        </p>
        <span class="actions">
          <a class="button ghost" href={exportQuery('csv')} download>
            Export CSV
          </a>
          <a class="button ghost" href={exportQuery('json')} download>
            Export JSON
          </a>
        </span>
      </div>
      <ErrorNote error={pages.error} />
      {!pages.loading && pages.responses.length === 0 ? (
        <Empty title="No responses match these filters." />
      ) : (
        <ul class="rows card" aria-busy={pages.loading}>
          {pages.responses.map((response) => (
            <ResponseRow key={response.id} response={response} />
          ))}
        </ul>
      )}
      {pages.next && (
        <p class="more">
          <button type="button" class="button ghost" disabled={pages.loading} onClick={() => load(pages.next)}>
            Load more
          </button>
        </p>
      )}
    </>
  )
}
