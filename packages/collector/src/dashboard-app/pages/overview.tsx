// Listen and monitor: per survey, NPS / CSAT / CES with counts, a trend, the score distribution,
// response rate and median time to answer; per touchpoint below. All figures from the aggregates.
import { api, type GroupStats, type Overview, query, type TrendPoint } from '../api'
import { CategoryBar, DistributionChart, TrendChart } from '../charts'
import { formatDay, formatNps, formatNumber, formatPercent, formatSeconds, plural } from '../format'
import { href, type Route, setParams } from '../router'
import { fillPeriods } from '../trend'
import { Empty, ErrorNote, useLoad, useSurveys } from '../ui'

type Question = GroupStats['questions'][number]
const SCALE: Record<Question['type'], { min: number; max: number; name: string; format: (v: number) => string }> = {
  nps: { min: -100, max: 100, name: 'NPS', format: formatNps },
  csat: { min: 0, max: 100, name: 'CSAT', format: (v) => `${Math.round(v)}%` },
  ces: { min: 1, max: 7, name: 'CES', format: (v) => String(Math.round(v * 10) / 10) },
}
const DIST_MIN = { nps: 0, csat: 1, ces: 1 } as const

const RANGES: Array<[string, string]> = [
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
  ['365', 'Last 12 months'],
  ['all', 'All time'],
  ['custom', 'Custom dates'],
]

function ScoreCard(props: { question: Question; questionText?: string }) {
  const { question } = props
  const scale = SCALE[question.type]
  return (
    <div class="kpi">
      <p class="kpi-label">
        {scale.name}
        <span class="sr-only"> for {props.questionText ?? question.questionId}</span>
      </p>
      <p class="kpi-value">{question.count === 0 ? '–' : scale.format(question.score)}</p>
      <p class="kpi-note">{plural(question.count, 'answer')}</p>
      {question.type === 'nps' && (
        <>
          <CategoryBar
            promoters={question.promoters ?? 0}
            passives={question.passives ?? 0}
            detractors={question.detractors ?? 0}
          />
          <ul class="legend">
            <li class="promoter">{plural(question.promoters ?? 0, 'promoter')}</li>
            <li class="passive">{plural(question.passives ?? 0, 'passive')}</li>
            <li class="detractor">{plural(question.detractors ?? 0, 'detractor')}</li>
          </ul>
        </>
      )}
    </div>
  )
}

function SurveySection(props: { all: GroupStats; touchpoints: GroupStats[]; trend: TrendPoint[]; interval: string }) {
  const { all, trend } = props
  const surveys = useSurveys()
  const labels = surveys.get(all.surveyId)
  const name = labels?.name ?? all.surveyId
  const textOf = (id: string) => labels?.questions.find((q) => q.id === id)?.text
  const headingId = `survey-${all.surveyId}`
  return (
    <section class="card survey" aria-labelledby={headingId}>
      <div class="card-head">
        <h2 id={headingId}>{name}</h2>
        <a class="link" href={href('/responses', { surveyId: all.surveyId })}>
          See responses
        </a>
      </div>
      <div class="kpis">
        {all.questions.map((question) => (
          <ScoreCard key={question.questionId} question={question} questionText={textOf(question.questionId)} />
        ))}
        <div class="kpi">
          <p class="kpi-label">Response rate</p>
          <p class="kpi-value">{all.responses === 0 ? '–' : formatPercent(all.completionRate)}</p>
          <p class="kpi-note">
            {formatNumber(all.completed)} completed of {formatNumber(all.responses)} shown
          </p>
        </div>
        <div class="kpi">
          <p class="kpi-label">Median time to answer</p>
          <p class="kpi-value">{formatSeconds(all.medianSecondsToComplete)}</p>
          <p class="kpi-note">{formatNumber(all.dismissed)} dismissed</p>
        </div>
      </div>
      {all.questions.map((question) => {
        const scale = SCALE[question.type]
        const title = textOf(question.questionId) ?? question.questionId
        return (
          <div class="charts" key={question.questionId}>
            <figure>
              <figcaption>
                {scale.name} per {props.interval}
              </figcaption>
              <TrendChart
                name={`${scale.name} (${title})`}
                min={scale.min}
                max={scale.max}
                format={scale.format}
                data={trend.map((point) => {
                  const entry = point.scores[question.questionId]
                  return {
                    label: formatDay(point.period),
                    value: entry && entry.count > 0 ? entry.score : null,
                    count: entry?.count ?? 0,
                  }
                })}
              />
            </figure>
            <figure>
              <figcaption>Score distribution</figcaption>
              <DistributionChart
                name={`${scale.name} (${title})`}
                distribution={question.distribution}
                min={DIST_MIN[question.type]}
                nps={question.type === 'nps'}
              />
            </figure>
          </div>
        )
      })}
      {props.touchpoints.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{name} per touchpoint</caption>
            <thead>
              <tr>
                <th scope="col">Touchpoint</th>
                <th scope="col" class="num">
                  Shown
                </th>
                <th scope="col" class="num">
                  Response rate
                </th>
                <th scope="col" class="num">
                  Scores
                </th>
              </tr>
            </thead>
            <tbody>
              {props.touchpoints.map((group) => (
                <tr key={group.touchpoint}>
                  <th scope="row">{group.touchpoint}</th>
                  <td class="num">{formatNumber(group.responses)}</td>
                  <td class="num">{formatPercent(group.completionRate)}</td>
                  <td class="num">
                    {group.questions
                      .map((q) => `${SCALE[q.type].name} ${SCALE[q.type].format(q.score)} (${q.count})`)
                      .join(' · ') || '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

export function OverviewPage(props: { route: Route }) {
  const { params } = props.route
  const range = params.get('range') ?? '30'
  const touchpoint = params.get('touchpoint') ?? ''
  const interval = params.get('interval') ?? (range === '365' || range === 'all' ? 'week' : 'day')
  // Aggregates count UTC days: the range is in UTC days too.
  const custom = range === 'custom'
  const to = custom ? params.get('to') || undefined : undefined
  const from = custom
    ? params.get('from') || undefined
    : range === 'all'
      ? undefined
      : new Date(Date.now() - (Number(range) - 1) * 86_400_000).toISOString().slice(0, 10)
  const key = query({ from, to, touchpoint, interval })
  const overview = useLoad(key, () => api<Overview>(`/v1/dashboard/overview${key}`))
  const set = (change: Record<string, string>) =>
    setParams('/', { range, touchpoint, interval, from: custom && from, to: custom && to, ...change })
  const data = overview.data
  const all = (data?.stats ?? []).filter((group) => group.touchpoint === '*')
  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        <p class="lede">
          How customers feel, per survey and touchpoint
          {from && to
            ? ` from ${formatDay(from)} to ${formatDay(to)}`
            : from
              ? ` since ${formatDay(from)}`
              : to
                ? ` until ${formatDay(to)}`
                : ''}
          .
        </p>
      </div>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Period
          <select value={range} onChange={(e) => set({ range: e.currentTarget.value, interval: '' })}>
            {RANGES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {custom && (
          <>
            <label>
              From (UTC day)
              <input type="date" value={from ?? ''} max={to} onChange={(e) => set({ from: e.currentTarget.value })} />
            </label>
            <label>
              To (UTC day)
              <input type="date" value={to ?? ''} min={from} onChange={(e) => set({ to: e.currentTarget.value })} />
            </label>
          </>
        )}
        <label>
          Touchpoint
          <select value={touchpoint} onChange={(e) => set({ touchpoint: e.currentTarget.value })}>
            <option value="">All touchpoints</option>
            {(data?.touchpoints ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Trend by
          <select value={interval} onChange={(e) => set({ interval: e.currentTarget.value })}>
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </label>
        <p class="hint">Days are UTC days.</p>
      </form>
      <ErrorNote error={overview.error} />
      {data && all.length === 0 && (
        <Empty title="No responses in this period.">Answers appear here as soon as your surveys are answered.</Empty>
      )}
      <div aria-busy={overview.loading}>
        {all.map((group) => (
          <SurveySection
            key={group.surveyId}
            all={group}
            interval={interval === 'week' ? 'week' : 'day'}
            touchpoints={(data?.stats ?? []).filter((g) => g.surveyId === group.surveyId && g.touchpoint !== '*')}
            trend={fillPeriods(
              data?.trends[group.surveyId] ?? [],
              interval === 'week' ? 'week' : 'day',
              from,
              to ? new Date(`${to}T00:00:00Z`) : undefined,
            )}
          />
        ))}
      </div>
    </>
  )
}
