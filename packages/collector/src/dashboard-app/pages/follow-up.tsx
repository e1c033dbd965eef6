// Act and improve: the inbox of detractors (and passives, by a filter), by follow-up status, with
// one-click status changes; the response page holds assignee, note and history.
import { useState } from 'preact/hooks'
import { api, type FollowUpStatus, type Inbox, query, type ResponseView } from '../api'
import { formatNumber, STATUS_LABELS } from '../format'
import { href, type Route, setParams } from '../router'
import { Empty, ErrorNote, useLoad } from '../ui'
import { ResponseRow } from './responses'

const NEXT: Record<FollowUpStatus, FollowUpStatus | undefined> = {
  open: 'contacted',
  contacted: 'resolved',
  resolved: undefined,
}
const ACTION: Record<FollowUpStatus, string> = { open: 'Reopen', contacted: 'Mark contacted', resolved: 'Resolve' }

function InboxItem(props: { response: ResponseView; onChanged(): void }) {
  const [error, setError] = useState<string>()
  const status = props.response.followUp!.status
  const next = NEXT[status]
  const move = (to: FollowUpStatus) =>
    api(`/v1/responses/${props.response.id}/follow-up`, { method: 'PATCH', body: { status: to } }).then(
      props.onChanged,
      (e: Error) => setError(e.message),
    )
  return (
    <ResponseRow response={props.response}>
      {props.response.followUp?.assignee && <span class="muted">Assigned to {props.response.followUp.assignee}</span>}
      {next && (
        <button type="button" class="button small" onClick={() => move(next)}>
          {ACTION[next]}
        </button>
      )}
      {status === 'resolved' && (
        <button type="button" class="button small ghost" onClick={() => move('open')}>
          {ACTION.open}
        </button>
      )}
      <ErrorNote error={error} />
    </ResponseRow>
  )
}

export function FollowUpPage(props: { route: Route }) {
  const status = (props.route.params.get('status') ?? 'open') as FollowUpStatus
  const passives = props.route.params.get('passives') === '1'
  const key = query({ status, passives: passives && 'true', limit: '100' })
  const inbox = useLoad(key, () => api<Inbox>(`/v1/follow-ups${key}`))
  // Pages after the first, for this view only.
  const [extra, setExtra] = useState<{ key: string; responses: ResponseView[]; next?: string }>({
    key: '',
    responses: [],
  })
  const ours = extra.key === key
  const shown = [...(inbox.data?.responses ?? []), ...(ours ? extra.responses : [])]
  const next = ours ? extra.next : inbox.data?.nextCursor
  const loadMore = () =>
    api<Inbox>(`/v1/follow-ups${query({ status, passives: passives && 'true', limit: '100', cursor: next })}`).then(
      (page) =>
        setExtra({ key, responses: [...(ours ? extra.responses : []), ...page.responses], next: page.nextCursor }),
    )
  const changed = () => {
    setExtra({ key: '', responses: [] })
    inbox.reload()
  }
  const set = (change: Record<string, string>) =>
    setParams('/follow-up', { status, passives: passives ? '1' : '', ...change })
  return (
    <>
      <div class="page-head">
        <h1>Follow-up</h1>
        <p class="lede">Close the loop with unhappy customers: contact them, fix what went wrong, and record it.</p>
      </div>
      <div class="toolbar">
        <nav class="tabs" aria-label="Follow-up status">
          {(['open', 'contacted', 'resolved'] as const).map((value) => (
            <a
              key={value}
              href={href('/follow-up', { status: value, passives: passives && '1' })}
              aria-current={value === status ? 'page' : undefined}
            >
              {STATUS_LABELS[value]} <span class="count">{formatNumber(inbox.data?.counts[value] ?? 0)}</span>
            </a>
          ))}
        </nav>
        <label class="check">
          <input
            type="checkbox"
            checked={passives}
            onChange={(e) => set({ passives: e.currentTarget.checked ? '1' : '' })}
          />
          Include passives
        </label>
      </div>
      <ErrorNote error={inbox.error} />
      {inbox.data && shown.length === 0 ? (
        <Empty
          title={
            status === 'open'
              ? 'Nothing to follow up. Well done.'
              : `No ${STATUS_LABELS[status].toLowerCase()} follow-ups.`
          }
        />
      ) : (
        <ul class="rows card inbox" aria-busy={inbox.loading}>
          {shown.map((response) => (
            <InboxItem key={response.id} response={response} onChanged={changed} />
          ))}
        </ul>
      )}
      {next && (
        <p class="more">
          <button type="button" class="button ghost" onClick={loadMore}>
            Load more
          </button>
        </p>
      )}
    </>
  )
}
