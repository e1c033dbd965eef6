// Streamed exports of a filtered response view: CSV (one column per question when one known survey is
// selected, otherwise one "answers" column) or a JSON array. Pages of 500 rows, so memory stays flat.
import type { SqlDb } from './db/sql'
import { type ResponseView, type SearchFilter, searchResponses } from './follow-up'
import { answerText, type SurveyLabels, surveyLabels } from './labels'
import type { SurveyCatalog } from './survey-check'

export type ExportFormat = 'csv' | 'json'
const PAGE = 500

/** RFC 4180 quoting; a leading = + - @ (a spreadsheet formula) is defused with a quote. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`

async function* pages(db: SqlDb, filter: SearchFilter): AsyncGenerator<ResponseView[]> {
  let cursor = filter.cursor
  for (;;) {
    const page = await searchResponses(db, { ...filter, cursor, limit: PAGE })
    if (page.responses.length > 0) yield page.responses
    if (!page.nextCursor) return
    cursor = page.nextCursor
  }
}

const FIXED = [
  'received_at',
  'response_id',
  'survey',
  'touchpoint',
  'event',
  'nps_category',
  'follow_up_status',
  'assignee',
  'locale',
  'url',
]

function fixedCells(response: ResponseView, labels: SurveyLabels | undefined): unknown[] {
  return [
    response.receivedAt,
    response.id,
    labels?.name ?? response.surveyId,
    response.touchpoint,
    response.event,
    response.followUp?.category,
    response.followUp?.status,
    response.followUp?.assignee,
    response.locale,
    response.url,
  ]
}

export async function* exportRows(
  db: SqlDb,
  catalog: SurveyCatalog,
  filter: SearchFilter,
  format: ExportFormat,
): AsyncGenerator<string> {
  const labelsCache = new Map<string, SurveyLabels | undefined>()
  const labelsOf = (surveyId: string) => {
    if (!labelsCache.has(surveyId)) {
      const survey = catalog.get(surveyId)
      labelsCache.set(surveyId, survey ? surveyLabels(survey) : undefined)
    }
    return labelsCache.get(surveyId)
  }
  const single = filter.surveyId ? labelsOf(filter.surveyId) : undefined
  if (format === 'json') {
    yield '['
    let first = true
    for await (const page of pages(db, filter)) {
      for (const response of page) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(response)}`
        first = false
      }
    }
    yield '\n]\n'
    return
  }
  // The byte-order mark makes spreadsheet apps read the file as UTF-8.
  yield `\uFEFF${csvLine([...FIXED, ...(single ? single.questions.map((question) => question.text) : ['answers'])])}`
  for await (const page of pages(db, filter)) {
    let chunk = ''
    for (const response of page) {
      const labels = labelsOf(response.surveyId)
      const answers = single
        ? single.questions.map((question) => {
            const value = response.answers[question.id]
            return value === undefined ? '' : answerText(value, question)
          })
        : [
            Object.entries(response.answers)
              .map(([questionId, value]) => {
                const question = labels?.questions.find((q) => q.id === questionId)
                return `${question?.text ?? questionId}: ${answerText(value, question)}`
              })
              .join(' | '),
          ]
      chunk += csvLine([...fixedCells(response, labels), ...answers])
    }
    yield chunk
  }
}
