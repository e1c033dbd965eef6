// Test helper of the survey API tests (not exported from the package): a collector wired as
// startCollector() wires it, on a given database.
import type { Survey } from '@touchloop/core'
import { createCollectorApp } from './app'
import { migrate } from './db/migrate'
import type { SqlDb } from './db/sql'
import { createResponseStore } from './store'
import { createSurveyRegistry } from './survey-registry'

export const SITE = 'https://shop.example'
export const WRITE_KEY = 'pk_test_surveys'

/** A collector as startCollector() wires it: migrated database, live registry, store reading its score types. */
export async function openCollector(db: SqlDb, surveys: Survey[] = [], checkEveryMs?: number) {
  await migrate(db)
  const surveyRegistry = createSurveyRegistry(db, surveys, { checkEveryMs })
  await surveyRegistry.refresh()
  const store = await createResponseStore(db, {
    scoreTypeOf: surveyRegistry.scoreTypeOf,
    scoreTypesFingerprint: surveyRegistry.fingerprint,
  })
  const app = createCollectorApp({
    store,
    surveyRegistry,
    adminToken: 'admin-secret',
    writeKeys: [{ key: WRITE_KEY, origins: [SITE] }],
    rateLimits: { perIp: { perSecond: 0, burst: 0 } },
    log: () => {},
  })
  return { app, store, surveyRegistry }
}
