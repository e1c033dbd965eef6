// @touchloop/core/schema: the zod/mini schemas of the survey model and of the wire format,
// shared by the SDK (lazily), the collector and editors (see ../../survey.schema.json).
export const SCHEMA_VERSION = 1

export { type FormattedIssue, formatIssueLines, formatIssues, formatPath } from './format-issues'
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
export { type SurveyConfigIssue, type SurveyValidation, validateSurveys, validateSurveysInSlices } from './validate'
