export { type CollectorAppOptions, createCollectorApp, DEFAULT_MAX_BODY_BYTES } from './app'
export { DEFAULT_DATA_DIR, type RunningCollector, type StartCollectorOptions, startCollector } from './server'
export { computeStats, type GroupStats, type QuestionStats, type ScoreType } from './stats'
export {
  CollectorStorageError,
  createPgliteStore,
  type ListFilter,
  type ResponseStore,
  type StoredResponse,
  type UpsertOutcome,
} from './store'
export { loadSurveys } from './surveys'
export { batchBodySchema, parseBatch, responseRecordSchema } from './wire'
