// A survey file as the admin API takes and gives it: the SDK's JSON format (survey.schema.json),
// optionally with a `$schema` key for editors. Export writes that key; import accepts the same file.
import type { Survey } from '@touchloop/core'
import { type FormattedIssue, formatIssues, SURVEY_SCHEMA_ID, surveySchema } from '@touchloop/core/schema'

export type SurveyDocumentCheck =
  | { ok: true; definition: Record<string, unknown> }
  | { ok: false; issues: FormattedIssue[] }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The survey without the `$schema` key editors use (kept when it is not a string: the schema then names it). */
export function withoutSchemaKey(value: unknown): unknown {
  if (!isRecord(value) || typeof value.$schema !== 'string') return value
  const { $schema: _schema, ...rest } = value
  return rest
}

/**
 * Validates a survey sent for `id` with the SDK's own schema. Issues name their path
 * (`questions[0].scale`) and what was expected. The definition comes back without `$schema`, its keys
 * in the order they were sent (so an exported file stays diff-friendly in git).
 */
export function checkSurveyDocument(body: unknown, id: string): SurveyDocumentCheck {
  if (!isRecord(body)) {
    return { ok: false, issues: [{ path: '(root)', message: 'expected one survey object (the SDK JSON format)' }] }
  }
  const { $schema, ...definition } = body
  if ($schema !== undefined && typeof $schema !== 'string') {
    return { ok: false, issues: [{ path: '$schema', message: `expected a string (${SURVEY_SCHEMA_ID})` }] }
  }
  const parsed = surveySchema.safeParse(definition)
  const issues = parsed.success ? [] : formatIssues(parsed.error.issues, definition, '')
  if (typeof definition.id === 'string' && definition.id !== id) {
    issues.unshift({
      path: 'id',
      message: `expected "${id}" (the id in the URL), got ${JSON.stringify(definition.id).slice(0, 120)}`,
    })
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, definition }
}

/** The survey as a file: `$schema` first, then the definition as published; two-space indent, final newline. */
export function exportDocument(survey: Survey): string {
  return `${JSON.stringify({ $schema: SURVEY_SCHEMA_ID, ...survey }, null, 2)}\n`
}
