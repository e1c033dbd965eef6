// Alerts: webhooks on rules (from the configuration, read-only, or added here; a new secret is shown
// once) and the delivery log with retries.
import { useState } from 'preact/hooks'
import { api, type Delivery, type Webhook } from '../api'
import { formatDateTime } from '../format'
import { href } from '../router'
import { Empty, ErrorNote, useLoad, useSurveys } from '../ui'

interface WebhookList {
  webhooks: Webhook[]
  rules: Array<{ id: string; label: string }>
}

const DELIVERY_LABELS: Record<Delivery['status'], string> = {
  pending: 'Retrying',
  sending: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
}

function AddWebhook(props: { rules: WebhookList['rules']; onAdded(): void }) {
  const surveys = useSurveys()
  const [url, setUrl] = useState('')
  const [rules, setRules] = useState<string[]>(['detractor'])
  const [surveyId, setSurveyId] = useState('')
  const [error, setError] = useState<string>()
  const [secret, setSecret] = useState<string>()
  const submit = async (event: Event) => {
    event.preventDefault()
    setError(undefined)
    try {
      const created = await api<{ secret: string }>('/v1/webhooks', {
        method: 'POST',
        body: { url, rules, surveyId: surveyId || null },
      })
      setSecret(created.secret)
      setUrl('')
      props.onAdded()
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="add-webhook">
      <h2 id="add-webhook">Add a webhook</h2>
      <label>
        URL
        <input
          type="url"
          required
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          placeholder="https://hooks.slack.com/services/…"
        />
      </label>
      <fieldset>
        <legend>Send when</legend>
        {props.rules.map((rule) => (
          <label key={rule.id} class="check">
            <input
              type="checkbox"
              checked={rules.includes(rule.id)}
              onChange={(e) =>
                setRules(e.currentTarget.checked ? [...rules, rule.id] : rules.filter((r) => r !== rule.id))
              }
            />
            {rule.label}
          </label>
        ))}
      </fieldset>
      <label>
        Survey
        <select value={surveyId} onChange={(e) => setSurveyId(e.currentTarget.value)}>
          <option value="">Every survey</option>
          {[...surveys.values()].map((survey) => (
            <option key={survey.id} value={survey.id}>
              {survey.name}
            </option>
          ))}
        </select>
      </label>
      <p class="form-actions">
        <button type="submit" class="button" disabled={rules.length === 0}>
          Add webhook
        </button>
      </p>
      <ErrorNote error={error} />
      {secret && (
        <div class="notice" role="status">
          <p>
            Signing secret (shown once; verify <code>X-Touchloop-Signature</code> with it):
          </p>
          <p class="mono break">{secret}</p>
        </div>
      )}
    </form>
  )
}

export function AlertsPage() {
  const hooks = useLoad('hooks', () => api<WebhookList>('/v1/webhooks'))
  const log = useLoad('log', () => api<{ deliveries: Delivery[] }>('/v1/alerts'))
  const [error, setError] = useState<string>()
  const labelOf = (rule: string) => hooks.data?.rules.find((r) => r.id === rule)?.label ?? rule
  const act = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        hooks.reload()
        log.reload()
      },
      (e: Error) => setError(e.message),
    )
  return (
    <>
      <div class="page-head">
        <h1>Alerts</h1>
        <p class="lede">
          Signed webhooks the moment a customer needs attention. Point one at a Slack or Teams incoming webhook: each
          body has a chat-ready <code>text</code>.
        </p>
      </div>
      <ErrorNote error={hooks.error ?? error} />
      <div class="split">
        <section class="card" aria-labelledby="webhooks-title">
          <h2 id="webhooks-title">Webhooks</h2>
          {hooks.data && hooks.data.webhooks.length === 0 && <p class="muted">No webhook yet.</p>}
          <ul class="webhooks">
            {(hooks.data?.webhooks ?? []).map((hook) => (
              <li key={hook.id}>
                <p class="mono break">{hook.url}</p>
                <p class="muted">
                  {hook.rules.map(labelOf).join(' · ')}
                  {hook.surveyId ? ` · ${hook.surveyId}` : ''}
                  {hook.source === 'config' ? ' · from TOUCHLOOP_WEBHOOK_URL' : ''}
                  {hook.enabled ? '' : ' · paused'}
                </p>
                {hook.source === 'dashboard' && (
                  <p class="actions">
                    <button
                      type="button"
                      class="button small ghost"
                      onClick={() =>
                        act(api(`/v1/webhooks/${hook.id}`, { method: 'PATCH', body: { enabled: !hook.enabled } }))
                      }
                    >
                      {hook.enabled ? 'Pause' : 'Resume'}
                    </button>
                    <button
                      type="button"
                      class="button small ghost danger"
                      onClick={() => act(api(`/v1/webhooks/${hook.id}`, { method: 'DELETE' }))}
                    >
                      Remove
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
        {hooks.data && <AddWebhook rules={hooks.data.rules} onAdded={hooks.reload} />}
      </div>
      <section class="card" aria-labelledby="log-title">
        <div class="card-head">
          <h2 id="log-title">Delivery log</h2>
          <button type="button" class="button small ghost" onClick={log.reload}>
            Refresh
          </button>
        </div>
        {log.data && log.data.deliveries.length === 0 ? (
          <Empty title="No alerts sent yet." />
        ) : (
          <ul class="rows deliveries">
            {(log.data?.deliveries ?? []).map((delivery) => (
              <li key={delivery.id} class="row">
                <span class="row-top">
                  <span class={`chip delivery-${delivery.status}`}>{DELIVERY_LABELS[delivery.status]}</span>
                  <span>{labelOf(delivery.rule)}</span>
                  <time class="muted row-time" dateTime={delivery.createdAt}>
                    {formatDateTime(delivery.createdAt)}
                  </time>
                </span>
                <span class="muted break">
                  {new URL(delivery.url).host} · {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
                  {delivery.lastError ? ` · last error: ${delivery.lastError}` : ''}
                  {delivery.nextAttemptAt ? ` · next try ${formatDateTime(delivery.nextAttemptAt)}` : ''}
                </span>
                <span class="actions">
                  <a class="link" href={href(`/responses/${delivery.responseId}`)}>
                    Response
                  </a>
                  {delivery.status === 'failed' && (
                    <button
                      type="button"
                      class="button small ghost"
                      onClick={() => act(api(`/v1/alerts/${delivery.id}/retry`, { method: 'POST' }))}
                    >
                      Retry
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
