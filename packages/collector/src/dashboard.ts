// The dashboard at `/`: stats per survey and touchpoint and the latest answers, rendered on the
// server with no script at all (the response carries a CSP that forbids scripts).
import type { AnswerValue } from '@touchloop/core'
import { html, SafeHtml } from './html'
import type { GroupStats, QuestionStats } from './stats'
import type { StoredResponse } from './store'

export const DASHBOARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"

const STYLE = `
  :root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
  body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
  th, td { text-align: start; padding: .4rem .6rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); vertical-align: top; }
  td.num { font-variant-numeric: tabular-nums; text-align: end; }
  .answer { white-space: pre-wrap; overflow-wrap: anywhere; }
  .muted { opacity: .7; }
  form.inline { display: inline; }
  @media (prefers-reduced-motion: no-preference) { a, button { transition: opacity .15s; } }
`

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>${body}</body></html>`.value
}

function scoreLabel(question: QuestionStats): string {
  if (question.type === 'nps') return `NPS ${question.score > 0 ? '+' : ''}${question.score}`
  if (question.type === 'csat') return `CSAT ${question.score}%`
  return `CES ${question.score}`
}

function statsTable(stats: GroupStats[]): SafeHtml {
  if (stats.length === 0) return html`<p class="muted">No responses yet.</p>`
  return html`<table>
<thead><tr><th scope="col">Survey</th><th scope="col">Touchpoint</th><th scope="col">Responses</th><th scope="col">Completed</th><th scope="col">Scores</th></tr></thead>
<tbody>${stats.map(
    (
      group,
    ) => html`<tr><td>${group.surveyId}</td><td>${group.touchpoint === '*' ? html`<em>all touchpoints</em>` : group.touchpoint}</td>
<td class="num">${group.responses}</td><td class="num">${group.completed}</td>
<td>${group.questions.map(
      (q) =>
        html`<div><strong>${scoreLabel(q)}</strong> <span class="muted">(${q.questionId}, ${q.count} answers${
          q.type === 'nps' ? `: ${q.promoters} promoters, ${q.passives} passives, ${q.detractors} detractors` : ''
        })</span></div>`,
    )}</td></tr>`,
  )}</tbody></table>`
}

function formatAnswer(value: AnswerValue): string {
  return Array.isArray(value) ? value.join(', ') : String(value)
}

function responsesTable(responses: StoredResponse[]): SafeHtml {
  if (responses.length === 0) return html``
  return html`<table>
<thead><tr><th scope="col">Received</th><th scope="col">Survey</th><th scope="col">Touchpoint</th><th scope="col">State</th><th scope="col">Answers</th></tr></thead>
<tbody>${responses.map(
    (r) => html`<tr><td><time datetime="${r.receivedAt}">${r.receivedAt.replace('T', ' ').slice(0, 19)}</time></td>
<td>${r.surveyId}</td><td>${r.touchpoint}</td><td>${r.event} <span class="muted">(rev ${r.revision})</span></td>
<td>${Object.entries(r.answers).map(
      ([questionId, value]) =>
        html`<div><span class="muted">${questionId}:</span> <span class="answer">${formatAnswer(value)}</span></div>`,
    )}</td></tr>`,
  )}</tbody></table>`
}

export function renderDashboard(data: {
  stats: GroupStats[]
  responses: StoredResponse[]
  dropped: Record<string, number>
}): string {
  const dropped = Object.entries(data.dropped)
  return page(
    'touchloop collector',
    html`<header><h1>touchloop collector</h1>
<form class="inline" method="post" action="/logout"><button type="submit">Sign out</button></form></header>
<main><h2>Scores per survey and touchpoint</h2>${statsTable(data.stats)}
<h2>Latest responses</h2>${responsesTable(data.responses)}
${dropped.length > 0 ? html`<h2>Dropped on clients before delivery</h2><ul>${dropped.map(([reason, count]) => html`<li>${reason}: ${count}</li>`)}</ul>` : ''}
</main>`,
  )
}

export function renderLogin(error?: string): string {
  return page(
    'touchloop collector: sign in',
    html`<main><h1>touchloop collector</h1>
<form method="post" action="/login">
<p><label for="token">Admin token</label><br><input id="token" name="token" type="password" autocomplete="current-password" required></p>
${error ? html`<p role="alert">${error}</p>` : ''}
<p><button type="submit">Sign in</button></p></form></main>`,
  )
}
