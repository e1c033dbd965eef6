// Survey definitions for the stats (which question is NPS, CSAT, CES): *.json files from a folder.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Survey } from '@touchloop/core'

export class SurveyFileError extends Error {
  readonly code = 'invalid_survey_file'
  constructor(message: string) {
    super(message)
    this.name = 'SurveyFileError'
  }
}

function asSurvey(value: unknown, file: string): Survey {
  const survey = value as Partial<Survey> | null
  if (typeof survey !== 'object' || survey === null || typeof survey.id !== 'string') {
    throw new SurveyFileError(`${file}: expected a survey object with a string "id".`)
  }
  if (!Array.isArray(survey.questions)) {
    throw new SurveyFileError(`${file}: survey "${survey.id}" needs a "questions" array.`)
  }
  return survey as Survey
}

/** A folder of `*.json` files (or one file), each a survey or an array of surveys. */
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
    return Array.isArray(parsed) ? parsed.map((item) => asSurvey(item, file)) : [asSurvey(parsed, file)]
  })
}
