export { contributionOf, DURATION_BUCKETS_S, SCORE_RANGES } from './aggregates'
export { ALERT_RULES, type AlertRule, enqueueAlerts } from './alerts'
export { type CollectorAppOptions, createCollectorApp, DEFAULT_MAX_BODY_BYTES, type RateLimits } from './app'
export { createPgliteDb } from './db/pglite'
export { createPostgresDb } from './db/postgres'
export { CollectorStorageError, type SqlDb, type SqlQueryable } from './db/sql'
export { FOLLOW_UP_STATUSES, type FollowUp, type FollowUpStatus } from './follow-up'
export type { RateLimit } from './rate-limit'
export {
  DEFAULT_DATA_DIR,
  openDatabase,
  type RunningCollector,
  type StartCollectorOptions,
  startCollector,
} from './server'
export {
  type GroupStats,
  type QuestionStats,
  readStats,
  readTrend,
  type ScoreType,
  type StatsFilter,
  scoreTypesFrom,
  summarize,
  type TrendPoint,
} from './stats'
export {
  createResponseStore,
  type ListFilter,
  type ResponsePage,
  type ResponseStore,
  type StoredResponse,
  type UpsertOutcome,
} from './store'
export { createSurveyCatalog, type SurveyCatalog } from './survey-check'
export { checkSurveyDocument, exportDocument } from './survey-document'
export { createSurveyRegistry, type KnownSurvey, type ServedSurveys, type SurveyRegistry } from './survey-registry'
export type { SurveyHistoryEntry, SurveyState, SurveyStatus, SurveyVersionInfo } from './survey-repo'
export { loadSurveys } from './surveys'
export {
  checkWebhookUrl,
  SIGNATURE_HEADER,
  signPayload,
  startWebhookSender,
  verifySignature,
  type WebhookConfig,
  WebhookConfigError,
  type WebhookSender,
  webhooksFromEnv,
} from './webhooks'
export { batchBodySchema, parseBatch, responseRecordSchema } from './wire'
export { parseWriteKey, type WriteKey, WriteKeyConfigError } from './write-keys'
