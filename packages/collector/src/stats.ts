// NPS, CSAT and CES per survey and touchpoint, read from the aggregates (./aggregates) only: a few
// rows per day and touchpoint, whatever the number of responses. Days are UTC days of first receipt.
import type { Survey } from '@touchloop/core'
import { DURATION_BUCKETS_S, SCORE_RANGES, type ScoreType, type ScoreTypeOf } from './aggregates'
import type { SqlQueryable } from './db/sql'

export type { ScoreType }

export interface QuestionStats {
  questionId: string
  type: ScoreType
  /** Answers counted (valid scores only). */
  count: number
  /** NPS: promoters% − detractors% (−100…100). CSAT: % of 4–5 answers. CES: the mean. One decimal. */
  score: number
  /** How many answers of each value, from the scale's lowest value (NPS: 11 entries, 0…10). */
  distribution: number[]
  /** NPS only. */
  promoters?: number
  passives?: number
  detractors?: number
}

export interface GroupStats {
  surveyId: string
  /** A touchpoint name, or '*' for all touchpoints of the survey together. */
  touchpoint: string
  /** Responses started (the survey was shown). */
  responses: number
  /** Responses with at least one answer. */
  answered: number
  completed: number
  dismissed: number
  /** completed / responses, 0–1 (0 without responses). */
  completionRate: number
  /** Median time to complete, in seconds, as the upper bound of its bucket (null: no timings; Infinity-free). */
  medianSecondsToComplete: number | null
  questions: QuestionStats[]
}

export interface StatsFilter {
  surveyId?: string
  touchpoint?: string
  /** 'YYYY-MM-DD', inclusive. */
  from?: string
  /** 'YYYY-MM-DD', inclusive. */
  to?: string
}

const SCORE_TYPES = new Set<string>(['nps', 'csat', 'ces'])
const round1 = (value: number) => Math.round(value * 10) / 10

/**
 * Which answers are scores: from the survey definitions the collector knows; for a survey it does not
 * know, a question whose id is literally `nps`, `csat` or `ces` is taken as that type.
 */
export function scoreTypesFrom(surveys: readonly Survey[]): { scoreTypeOf: ScoreTypeOf; fingerprint: string } {
  const bySurvey = new Map<string, Map<string, ScoreType>>()
  // Several versions of one survey (oldest first) merge: a question id keeps the type of the latest
  // version that has it, so answers to a question a later version removed still count.
  for (const survey of surveys) {
    const types = bySurvey.get(survey.id) ?? new Map<string, ScoreType>()
    for (const question of survey.questions) {
      if (SCORE_TYPES.has(question.type)) types.set(question.id, question.type as ScoreType)
      else types.delete(question.id)
    }
    bySurvey.set(survey.id, types)
  }
  const fingerprint = JSON.stringify(
    [...bySurvey].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, types]) => [id, [...types].sort()]),
  )
  const scoreTypeOf: ScoreTypeOf = (surveyId, questionId) => {
    const known = bySurvey.get(surveyId)
    if (known) return known.get(questionId)
    return SCORE_TYPES.has(questionId) ? (questionId as ScoreType) : undefined
  }
  return { scoreTypeOf, fingerprint }
}

/** A score from its distribution (`distribution[i]` answers of value `min + i`). */
export function summarize(questionId: string, type: ScoreType, distribution: readonly number[]): QuestionStats {
  const [min] = SCORE_RANGES[type]
  let count = 0
  let sum = 0
  distribution.forEach((n, index) => {
    count += n
    sum += n * (min + index)
  })
  const at = (value: number) => distribution[value - min] ?? 0
  const between = (low: number, high: number) => {
    let total = 0
    for (let value = low; value <= high; value++) total += at(value)
    return total
  }
  const base = { questionId, type, count, distribution: [...distribution] }
  if (type === 'nps') {
    const promoters = between(9, 10)
    const detractors = between(0, 6)
    const score = count === 0 ? 0 : round1(((promoters - detractors) / count) * 100)
    return { ...base, score, promoters, passives: count - promoters - detractors, detractors }
  }
  if (type === 'csat') return { ...base, score: count === 0 ? 0 : round1((between(4, 5) / count) * 100) }
  return { ...base, score: count === 0 ? 0 : round1(sum / count) }
}

/** The bucket holding the middle answer; its upper bound in seconds (the open last bucket: its lower bound). */
export function medianFromBuckets(counts: readonly number[]): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0)
  if (total === 0) return null
  let seen = 0
  for (let bucket = 0; bucket < counts.length; bucket++) {
    seen += counts[bucket] ?? 0
    if (seen * 2 >= total) return DURATION_BUCKETS_S[bucket] ?? DURATION_BUCKETS_S[DURATION_BUCKETS_S.length - 1]!
  }
  return null
}

const WHERE = `($1::text is null or survey_id = $1) and ($2::text is null or touchpoint = $2)
  and ($3::date is null or day >= $3) and ($4::date is null or day <= $4)`

const params = (filter: StatsFilter) => [
  filter.surveyId ?? null,
  filter.touchpoint ?? null,
  filter.from ?? null,
  filter.to ?? null,
]

interface Distribution {
  type: ScoreType
  distribution: number[]
}

interface Group {
  surveyId: string
  touchpoint: string
  counts: number[]
  scores: Map<string, Distribution>
  durations: number[]
}

/** Adds `n` answers of one score value to the question's distribution. */
function addScore(
  byQuestion: Map<string, Distribution>,
  row: { question_id: string; kind: ScoreType; value: number; n: number },
): void {
  const [min, max] = SCORE_RANGES[row.kind]
  let entry = byQuestion.get(row.question_id)
  if (!entry) {
    entry = { type: row.kind, distribution: new Array(max - min + 1).fill(0) }
    byQuestion.set(row.question_id, entry)
  }
  const index = row.value - min
  if (index >= 0 && index < entry.distribution.length) entry.distribution[index]! += Number(row.n)
}

export async function readStats(db: SqlQueryable, filter: StatsFilter = {}): Promise<GroupStats[]> {
  const [responses, scores, durations] = await Promise.all([
    db.query<{ survey_id: string; touchpoint: string; r: number; a: number; c: number; d: number }>(
      `select survey_id, touchpoint, sum(responses)::float8 as r, sum(answered)::float8 as a,
         sum(completed)::float8 as c, sum(dismissed)::float8 as d
       from agg_responses where ${WHERE} group by survey_id, touchpoint`,
      params(filter),
    ),
    db.query<{ survey_id: string; touchpoint: string; question_id: string; kind: ScoreType; value: number; n: number }>(
      `select survey_id, touchpoint, question_id, kind, value, sum(count)::float8 as n
       from agg_scores where ${WHERE} group by survey_id, touchpoint, question_id, kind, value`,
      params(filter),
    ),
    db.query<{ survey_id: string; touchpoint: string; bucket: number; n: number }>(
      `select survey_id, touchpoint, bucket, sum(count)::float8 as n
       from agg_durations where ${WHERE} group by survey_id, touchpoint, bucket`,
      params(filter),
    ),
  ])
  const groups = new Map<string, Group>()
  const groupsFor = (surveyId: string, touchpoint: string): Group[] =>
    [touchpoint, '*'].map((name) => {
      const key = JSON.stringify([surveyId, name])
      let group = groups.get(key)
      if (!group) {
        group = { surveyId, touchpoint: name, counts: [0, 0, 0, 0], scores: new Map(), durations: [] }
        groups.set(key, group)
      }
      return group
    })
  for (const row of responses.rows) {
    for (const group of groupsFor(row.survey_id, row.touchpoint)) {
      ;[row.r, row.a, row.c, row.d].forEach((n, index) => {
        group.counts[index]! += Number(n)
      })
    }
  }
  for (const row of scores.rows) {
    for (const group of groupsFor(row.survey_id, row.touchpoint)) addScore(group.scores, row)
  }
  for (const row of durations.rows) {
    for (const group of groupsFor(row.survey_id, row.touchpoint)) {
      group.durations[row.bucket] = (group.durations[row.bucket] ?? 0) + Number(row.n)
    }
  }
  return [...groups.values()]
    .filter((group) => group.counts[0]! > 0 || group.scores.size > 0)
    .sort((a, b) => a.surveyId.localeCompare(b.surveyId) || a.touchpoint.localeCompare(b.touchpoint))
    .map((group) => {
      const [responsesCount, answered, completed, dismissed] = group.counts as [number, number, number, number]
      return {
        surveyId: group.surveyId,
        touchpoint: group.touchpoint,
        responses: responsesCount,
        answered,
        completed,
        dismissed,
        completionRate: responsesCount === 0 ? 0 : completed / responsesCount,
        medianSecondsToComplete: medianFromBuckets(Array.from(group.durations, (n) => n ?? 0)),
        questions: [...group.scores]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([questionId, entry]) => summarize(questionId, entry.type, entry.distribution)),
      }
    })
}

export interface TrendPoint {
  /** First day of the period ('YYYY-MM-DD'; weeks start on Monday). */
  period: string
  responses: number
  completed: number
  /** Per score question: the period's score and count. */
  scores: Record<string, { type: ScoreType; score: number; count: number }>
}

/** Scores per day or week, for one survey (all touchpoints or one). */
export async function readTrend(
  db: SqlQueryable,
  filter: StatsFilter & { surveyId: string },
  interval: 'day' | 'week',
): Promise<TrendPoint[]> {
  const period = interval === 'week' ? "date_trunc('week', day)::date::text" : 'day::text'
  const [responses, scores] = await Promise.all([
    db.query<{ period: string; r: number; c: number }>(
      `select ${period} as period, sum(responses)::float8 as r, sum(completed)::float8 as c
       from agg_responses where ${WHERE} group by 1 order by 1`,
      params(filter),
    ),
    db.query<{ period: string; question_id: string; kind: ScoreType; value: number; n: number }>(
      `select ${period} as period, question_id, kind, value, sum(count)::float8 as n
       from agg_scores where ${WHERE} group by 1, question_id, kind, value order by 1`,
      params(filter),
    ),
  ])
  const points = new Map<string, TrendPoint>()
  const distributions = new Map<string, Map<string, Distribution>>()
  const pointFor = (key: string) => {
    let point = points.get(key)
    if (!point) {
      point = { period: key, responses: 0, completed: 0, scores: {} }
      points.set(key, point)
    }
    return point
  }
  for (const row of responses.rows) {
    const point = pointFor(row.period)
    point.responses += Number(row.r)
    point.completed += Number(row.c)
  }
  for (const row of scores.rows) {
    pointFor(row.period)
    const byQuestion = distributions.get(row.period) ?? new Map<string, Distribution>()
    distributions.set(row.period, byQuestion)
    addScore(byQuestion, row)
  }
  for (const [key, byQuestion] of distributions) {
    const point = pointFor(key)
    for (const [questionId, entry] of byQuestion) {
      const summary = summarize(questionId, entry.type, entry.distribution)
      point.scores[questionId] = { type: entry.type, score: summary.score, count: summary.count }
    }
  }
  return [...points.values()].sort((a, b) => (a.period < b.period ? -1 : 1))
}
