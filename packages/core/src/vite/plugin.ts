// `touchloopSurveys()`: a Vite (and Rollup/Rolldown) plugin that validates survey JSON files against the
// zod schema when they are imported, so an invalid survey fails the build (and shows in the dev server's
// error overlay) with `file: path: message` lines, instead of being skipped in the page. Typed without
// importing vite: the plugin object is plain.
import { formatPath } from '../schema/issue-text'
import type { SurveyConfigIssue } from '../schema/survey-list'
import { validateSurveyContent } from '../schema/validate-content'

export interface TouchloopSurveysOptions {
  /** Which imported files hold surveys. Default: files ending in `.survey.json` or `.surveys.json`. */
  include?: RegExp
}

interface PluginContext {
  error(message: string): never
}

export interface TouchloopSurveysPlugin {
  name: string
  enforce: 'pre'
  transform(this: PluginContext, code: string, id: string): null
}

const DEFAULT_INCLUDE = /\.surveys?\.json$/

export function touchloopSurveys(options: TouchloopSurveysOptions = {}): TouchloopSurveysPlugin {
  const include = options.include ?? DEFAULT_INCLUDE
  return {
    name: 'touchloop-surveys',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] as string
      if (!include.test(file)) return null
      const issues = surveyIssues(code)
      if (issues.length) {
        this.error(
          `invalid survey definition in ${file}:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`,
        )
      }
      return null // unchanged: Vite's JSON handling takes it from here
    },
  }
}

/** The issues of a JSON text holding one survey, an array, or `{ "surveys": [...] }`. */
export function surveyIssues(json: string): SurveyConfigIssue[] {
  let content: unknown
  try {
    content = JSON.parse(json)
  } catch (error) {
    return [{ path: formatPath([]), message: `expected JSON: ${(error as Error).message}` }]
  }
  return validateSurveyContent(content).issues
}
