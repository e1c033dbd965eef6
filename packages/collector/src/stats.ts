// NPS, CSAT and CES per survey and touchpoint, from the highest revision of every response.
// A response counts for a question as soon as that question is answered (complete or not).
import type { ResponseRecord, Survey } from '@touchloop/core'

export type ScoreType = 'nps' | 'csat' | 'ces'

export interface QuestionStats {
  questionId: string
  type: ScoreType
  /** Answers counted (numbers only). */
  count: number
  /** NPS: promoters% − detractors% (−100…100). CSAT: % of 4–5 answers. CES: the mean. One decimal. */
  score: number
  /** NPS only. */
  promoters?: number
  passives?: number
  detractors?: number
}

export interface GroupStats {
  surveyId: string
  /** A touchpoint name, or '*' for all touchpoints of the survey together. */
  touchpoint: string
  responses: number
  completed: number
  questions: QuestionStats[]
}

const SCORE_TYPES = new Set<string>(['nps', 'csat', 'ces'])
const round1 = (value: number) => Math.round(value * 10) / 10

/**
 * Which questions are scores: from the survey definitions the collector was given; without one, a
 * question whose id is literally `nps`, `csat` or `ces` is taken as that type.
 */
export function scoreQuestionTypes(surveys: readonly Survey[]): Map<string, Map<string, ScoreType>> {
  const bySurvey = new Map<string, Map<string, ScoreType>>()
  for (const survey of surveys) {
    const types = new Map<string, ScoreType>()
    for (const question of survey.questions) {
      if (SCORE_TYPES.has(question.type)) types.set(question.id, question.type as ScoreType)
    }
    bySurvey.set(survey.id, types)
  }
  return bySurvey
}

function typeOf(known: Map<string, ScoreType> | undefined, questionId: string): ScoreType | undefined {
  if (known) return known.get(questionId)
  return SCORE_TYPES.has(questionId) ? (questionId as ScoreType) : undefined
}

export function summarize(questionId: string, type: ScoreType, values: number[]): QuestionStats {
  const count = values.length
  if (type === 'nps') {
    const promoters = values.filter((v) => v >= 9).length
    const detractors = values.filter((v) => v <= 6).length
    const score = count === 0 ? 0 : round1(((promoters - detractors) / count) * 100)
    return { questionId, type, count, score, promoters, passives: count - promoters - detractors, detractors }
  }
  if (type === 'csat') {
    const satisfied = values.filter((v) => v >= 4).length
    return { questionId, type, count, score: count === 0 ? 0 : round1((satisfied / count) * 100) }
  }
  const sum = values.reduce((total, v) => total + v, 0)
  return { questionId, type, count, score: count === 0 ? 0 : round1(sum / count) }
}

interface Accumulator {
  surveyId: string
  touchpoint: string
  responses: number
  completed: number
  values: Map<string, { type: ScoreType; values: number[] }>
}

export function computeStats(records: readonly ResponseRecord[], surveys: readonly Survey[] = []): GroupStats[] {
  const types = scoreQuestionTypes(surveys)
  const groups = new Map<string, Accumulator>()
  const groupFor = (surveyId: string, touchpoint: string) => {
    const key = JSON.stringify([surveyId, touchpoint])
    let group = groups.get(key)
    if (!group) {
      group = { surveyId, touchpoint, responses: 0, completed: 0, values: new Map() }
      groups.set(key, group)
    }
    return group
  }
  for (const record of records) {
    const known = types.get(record.surveyId)
    for (const group of [groupFor(record.surveyId, record.touchpoint), groupFor(record.surveyId, '*')]) {
      group.responses++
      if (record.event === 'completed') group.completed++
      for (const [questionId, value] of Object.entries(record.answers)) {
        const type = typeOf(known, questionId)
        if (!type || typeof value !== 'number' || !Number.isFinite(value)) continue
        let entry = group.values.get(questionId)
        if (!entry) {
          entry = { type, values: [] }
          group.values.set(questionId, entry)
        }
        entry.values.push(value)
      }
    }
  }
  return [...groups.values()]
    .sort((a, b) => a.surveyId.localeCompare(b.surveyId) || a.touchpoint.localeCompare(b.touchpoint))
    .map((group) => ({
      surveyId: group.surveyId,
      touchpoint: group.touchpoint,
      responses: group.responses,
      completed: group.completed,
      questions: [...group.values].map(([questionId, entry]) => summarize(questionId, entry.type, entry.values)),
    }))
}
