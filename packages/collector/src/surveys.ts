// Survey definitions for the stats (which question is NPS, CSAT, CES): *.json files from a folder,
// validated with the shared survey schema of @touchloop/core/schema.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Survey } from '@touchloop/core'
import { validateSurveys } from '@touchloop/core/schema'
import { withoutSchemaKey } from './survey-document'

export class SurveyFileError extends Error {
  readonly code = 'invalid_survey_file'
  constructor(message: string) {
    super(message)
    this.name = 'SurveyFileError'
  }
}

/** A folder of `*.json` files (or one file), each a survey or an array of surveys. Any invalid survey fails the load. */
export function loadSurveys(path: string): Survey[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => join(path, name))
    : [path]
  return files.flatMap((file) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new SurveyFileError(`${file}: not valid JSON (${(error as Error).message}).`)
    }
    // A file exported by GET /v1/surveys/:id/export carries `$schema` for editors: not part of the survey.
    const { surveys, issues } = validateSurveys((Array.isArray(parsed) ? parsed : [parsed]).map(withoutSchemaKey))
    if (issues.length > 0) {
      throw new SurveyFileError(`${file}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`)
    }
    return surveys
  })
}
