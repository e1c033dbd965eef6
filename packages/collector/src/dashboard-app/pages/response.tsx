// One response: every answer with its question, the page, locale and timings, and its follow-up.
import { useState } from 'preact/hooks'
import { answerText } from '../../labels'
import { api, type FollowUp, type FollowUpEvent, type FollowUpStatus, type ResponseView } from '../api'
import { formatDateTime, formatDuration, STATUS_LABELS } from '../format'
import { href } from '../router'
import { CategoryChip, ErrorNote, StatusChip, useLoad, useSurveys } from '../ui'

const FIELD_LABELS = { status: 'Status', assignee: 'Assignee', note: 'Note' } as const

function describe(field: keyof typeof FIELD_LABELS, value: string | null) {
  if (value === null) return 'none'
  return field === 'status' ? STATUS_LABELS[value as FollowUpStatus] : `“${value}”`
}

export function FollowUpPanel(props: {
  responseId: string
  followUp: FollowUp
  history: FollowUpEvent[]
  onSaved(): void
}) {
  const [status, setStatus] = useState(props.followUp.status)
  const [assignee, setAssignee] = useState(props.followUp.assignee ?? '')
  const [note, setNote] = useState(props.followUp.note ?? '')
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()
  const save = async (event: Event) => {
    event.preventDefault()
    setSaving(true)
    try {
      await api(`/v1/responses/${props.responseId}/follow-up`, { method: 'PATCH', body: { status, assignee, note } })
      setMessage({ ok: true, text: 'Saved.' })
      props.onSaved()
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message })
    } finally {
      setSaving(false)
    }
  }
  return (
    <section class="card" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">Follow-up</h2>
      <form class="stack" onSubmit={save}>
        <fieldset>
          <legend>Status</legend>
          <div class="segmented">
            {(['open', 'contacted', 'resolved'] as const).map((value) => (
              <label key={value} class={status === value ? 'on' : ''}>
                <input
                  type="radio"
                  name="status"
                  value={value}
                  checked={status === value}
                  onChange={() => setStatus(value)}
                />
                {STATUS_LABELS[value]}
              </label>
            ))}
          </div>
        </fieldset>
        <label>
          Assignee
          <input
            value={assignee}
            maxLength={100}
            onInput={(e) => setAssignee(e.currentTarget.value)}
            placeholder="Who follows up"
          />
        </label>
        <label>
          Note
          <textarea
            value={note}
            maxLength={5000}
            rows={3}
            onInput={(e) => setNote(e.currentTarget.value)}
            placeholder="What was done"
          />
        </label>
        <p class="form-actions">
          <button type="submit" class="button" disabled={saving}>
            Save follow-up
          </button>
          {message && (
            <span role="status" class={message.ok ? 'ok' : 'error'}>
              {message.text}
            </span>
          )}
        </p>
      </form>
      <h3>History</h3>
      {props.history.length === 0 ? (
        <p class="muted">No changes yet.</p>
      ) : (
        <ol class="history">
          {props.history.map((event) => (
            <li key={event.at}>
              <time class="muted" dateTime={event.at}>
                {formatDateTime(event.at)}
              </time>
              <span>
                {(Object.keys(FIELD_LABELS) as Array<keyof typeof FIELD_LABELS>)
                  .filter((field) => event.changes[field])
                  .map((field) => {
                    const [from, to] = event.changes[field]!
                    return `${FIELD_LABELS[field]}: ${describe(field, from)} → ${describe(field, to)}`
                  })
                  .join('; ')}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

export function ResponsePage(props: { id: string }) {
  const surveys = useSurveys()
  const loaded = useLoad(props.id, () =>
    api<{ response: ResponseView; history: FollowUpEvent[] }>(`/v1/responses/${encodeURIComponent(props.id)}`),
  )
  const response = loaded.data?.response
  if (!response) {
    return (
      <>
        <div class="page-head">
          <p class="back">
            <a class="link" href={href('/responses')}>
              ← Responses
            </a>
          </p>
          <h1>Response</h1>
        </div>
        <ErrorNote error={loaded.error} />
      </>
    )
  }
  const labels = surveys.get(response.surveyId)
  const timings = Object.entries(response.timings ?? {})
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0)
  const answered = Object.keys(response.answers)
  const order = labels
    ? [
        ...labels.questions.map((q) => q.id).filter((id) => answered.includes(id)),
        ...answered.filter((id) => !labels.questions.some((q) => q.id === id)),
      ]
    : answered
  return (
    <>
      <div class="page-head">
        <p class="back">
          <a class="link" href={href('/responses')}>
            ← Responses
          </a>
        </p>
        <h1>{labels?.name ?? response.surveyId}</h1>
        <p class="lede">
          {response.followUp && <CategoryChip category={response.followUp.category} score={response.followUp.score} />}{' '}
          {response.followUp && response.followUp.category !== 'promoter' && (
            <StatusChip status={response.followUp.status} />
          )}{' '}
          <time dateTime={response.receivedAt}>{formatDateTime(response.receivedAt)}</time> · {response.touchpoint}
        </p>
      </div>
      <div class="split">
        <section class="card" aria-labelledby="answers-title">
          <h2 id="answers-title">Answers</h2>
          {order.length === 0 ? (
            <p class="muted">The survey was shown; nothing was answered ({response.event}).</p>
          ) : (
            <dl class="answers">
              {order.map((id) => {
                const question = labels?.questions.find((q) => q.id === id)
                const other = response.otherText?.[id]
                return (
                  <div key={id}>
                    <dt>{question?.text ?? id}</dt>
                    <dd>
                      {answerText(response.answers[id]!, question)}
                      {other ? ` (“${other}”)` : ''}
                      {response.timings?.[id] !== undefined && (
                        <span class="muted"> · {formatDuration(response.timings[id]!)}</span>
                      )}
                    </dd>
                  </div>
                )
              })}
            </dl>
          )}
          <h3>Details</h3>
          <dl class="meta">
            <div>
              <dt>Page</dt>
              <dd class="break">{response.url ?? '–'}</dd>
            </div>
            <div>
              <dt>Locale</dt>
              <dd>{response.locale ?? '–'}</dd>
            </div>
            <div>
              <dt>State</dt>
              <dd>
                {response.event === 'completed'
                  ? 'Completed'
                  : response.event === 'dismissed'
                    ? 'Dismissed'
                    : response.event === 'shown'
                      ? 'Shown'
                      : 'In progress'}
                {response.endingId ? ` (ending ${response.endingId})` : ''}
              </dd>
            </div>
            <div>
              <dt>Time to answer</dt>
              <dd>{total > 0 ? formatDuration(total) : '–'}</dd>
            </div>
            <div>
              <dt>Started</dt>
              <dd>{formatDateTime(response.createdAt)}</dd>
            </div>
            <div>
              <dt>User</dt>
              <dd class="break">{response.userId ?? `anonymous (${response.anonymousId.slice(0, 8)})`}</dd>
            </div>
            <div>
              <dt>Response id</dt>
              <dd class="break mono">{response.id}</dd>
            </div>
          </dl>
        </section>
        {response.followUp ? (
          <FollowUpPanel
            key={response.id}
            responseId={response.id}
            followUp={response.followUp}
            history={loaded.data?.history ?? []}
            onSaved={loaded.reload}
          />
        ) : null}
      </div>
    </>
  )
}
