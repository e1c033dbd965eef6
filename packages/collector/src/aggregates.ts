// What one stored response adds to the aggregates (counts per survey, touchpoint and day; score
// distributions; time to answer). A new revision replaces the old one's contribution: the store adds
// the new and subtracts the old in the same transaction, so the aggregates always equal a count over
// the rows, and stats read O(days × touchpoints) rows instead of every response.
import type { ResponseRecord } from '@touchloop/core'

export type ScoreType = 'nps' | 'csat' | 'ces'

/** The range of each score type, as the widget offers it. */
export const SCORE_RANGES: Record<ScoreType, readonly [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] }

/** Upper bounds (seconds) of the time-to-complete buckets; the last bucket is everything longer. */
export const DURATION_BUCKETS_S = [2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600] as const

export type ScoreTypeOf = (surveyId: string, questionId: string) => ScoreType | undefined

export interface Contribution {
  answered: number
  completed: number
  dismissed: number
  scores: Array<{ questionId: string; kind: ScoreType; value: number }>
  /** Index into DURATION_BUCKETS_S (or its length: longer), for completed responses with timings. */
  durationBucket?: number
}

export function isScore(kind: ScoreType, value: unknown): value is number {
  const [min, max] = SCORE_RANGES[kind]
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

export function durationBucket(ms: number): number {
  const seconds = ms / 1000
  const index = DURATION_BUCKETS_S.findIndex((limit) => seconds <= limit)
  return index === -1 ? DURATION_BUCKETS_S.length : index
}

export function contributionOf(
  record: Pick<ResponseRecord, 'surveyId' | 'event' | 'answers' | 'timings'>,
  scoreTypeOf: ScoreTypeOf,
): Contribution {
  const scores: Contribution['scores'] = []
  for (const [questionId, value] of Object.entries(record.answers)) {
    const kind = scoreTypeOf(record.surveyId, questionId)
    if (kind && isScore(kind, value)) scores.push({ questionId, kind, value })
  }
  const contribution: Contribution = {
    answered: Object.keys(record.answers).length > 0 ? 1 : 0,
    completed: record.event === 'completed' ? 1 : 0,
    dismissed: record.event === 'dismissed' ? 1 : 0,
    scores,
  }
  if (record.event === 'completed' && record.timings) {
    const total = Object.values(record.timings).reduce((sum, ms) => sum + (Number.isFinite(ms) && ms > 0 ? ms : 0), 0)
    if (total > 0) contribution.durationBucket = durationBucket(total)
  }
  return contribution
}

/** Rows to add to the three aggregate tables, keyed so deltas of one transaction merge. */
export class AggregateDelta {
  readonly responses = new Map<string, { survey_id: string; touchpoint: string; day: string; n: number[] }>()
  readonly scores = new Map<
    string,
    { survey_id: string; touchpoint: string; day: string; question_id: string; kind: string; value: number; n: number }
  >()
  readonly durations = new Map<string, { survey_id: string; touchpoint: string; day: string; bucket: number; n: number }>()

  add(where: { surveyId: string; touchpoint: string; day: string }, contribution: Contribution, sign: 1 | -1): void {
    const { surveyId: survey_id, touchpoint, day } = where
    const key = JSON.stringify([survey_id, day, touchpoint])
    const counts = this.responses.get(key) ?? { survey_id, touchpoint, day, n: [0, 0, 0, 0] }
    const { n } = counts
    n[0]! += sign
    n[1]! += sign * contribution.answered
    n[2]! += sign * contribution.completed
    n[3]! += sign * contribution.dismissed
    this.responses.set(key, counts)
    for (const score of contribution.scores) {
      const scoreKey = JSON.stringify([survey_id, day, touchpoint, score.questionId, score.value])
      const row = this.scores.get(scoreKey) ?? {
        survey_id,
        touchpoint,
        day,
        question_id: score.questionId,
        kind: score.kind,
        value: score.value,
        n: 0,
      }
      row.n += sign
      this.scores.set(scoreKey, row)
    }
    if (contribution.durationBucket !== undefined) {
      const durationKey = JSON.stringify([survey_id, day, touchpoint, contribution.durationBucket])
      const row = this.durations.get(durationKey) ?? { survey_id, touchpoint, day, bucket: contribution.durationBucket, n: 0 }
      row.n += sign
      this.durations.set(durationKey, row)
    }
  }

  /** Non-zero rows in key order: concurrent transactions lock aggregate rows in the same order (no deadlock). */
  rows() {
    const sorted = <T>(map: Map<string, T>, keep: (row: T) => boolean) =>
      [...map.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, row]) => row)
        .filter(keep)
    return {
      responses: sorted(this.responses, (row) => row.n.some((value) => value !== 0)),
      scores: sorted(this.scores, (row) => row.n !== 0),
      durations: sorted(this.durations, (row) => row.n !== 0),
    }
  }
}
