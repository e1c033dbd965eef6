// @touchloop/core/schema: the zod/mini schemas of the survey model and of the wire format,
// shared by the SDK (only with `debug: true`), the collector, the `touchloop validate` CLI and editors
// (see ../../survey.schema.json); and the production guard the SDK runs on every page load.
export const SCHEMA_VERSION = 1

export { type FormattedIssue, formatIssueLines, formatIssues, formatPath } from './format-issues'
export { guardSurvey, guardSurveys } from './guard'
export { SURVEY_SCHEMA_ID, surveyJsonSchema, surveyJsonSchemaText } from './json-schema'
export {
  answerValueSchema,
  type BatchBody,
  type BatchResult,
  batchBodySchema,
  batchResultSchema,
  DROPPED_REASON,
  isStorableText,
  MAX_ANSWER_TEXT,
  MAX_DROPPED_KEYS,
  responseIdSchema,
  responseRecordSchema,
  storableString,
} from './record'
export {
  audienceSchema,
  choiceSchema,
  conditionSchema,
  endingSchema,
  fatigueSchema,
  jumpRuleSchema,
  npsCategorySchema,
  presentationSchema,
  propertyConditionSchema,
  questionSchema,
  surveyDocumentSchema,
  surveySchema,
  touchpointSchema,
  urlRuleSchema,
} from './survey'
export type { SurveyCheck } from './survey-list'
export {
  parseSurvey,
  type SurveyConfigIssue,
  type SurveyValidation,
  validateSurveys,
  validateSurveysInSlices,
} from './validate'
