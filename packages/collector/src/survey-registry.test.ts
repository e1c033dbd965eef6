// @vitest-environment node
// The in-memory survey registry: versions kept for the catalog, the served set, and how often it reads
// the database (PostgreSQL: the change counter at most every checkEveryMs; PGlite: only after writes).
import type { Survey } from '@touchloop/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from './db/migrate'
import { createPgliteDb } from './db/pglite'
import type { SqlDb } from './db/sql'
import { createSurveyRegistry } from './survey-registry'
import { changedFields, publishSurvey, setSurveyStatus, withVersion } from './survey-repo'

let db: SqlDb
beforeAll(async () => {
  db = await createPgliteDb('memory://')
  await migrate(db)
}, 60_000)
afterAll(() => db?.close())

const definition = (id: string, text: string) => ({
  id,
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [{ id: 'q', type: 'nps', text }],
})

/** The same database seen as PostgreSQL (so the registry polls), counting the statements it runs. */
function sharedDatabaseView(target: SqlDb) {
  const seen: string[] = []
  const view: SqlDb = {
    kind: 'postgres',
    query: (sql, params) => {
      seen.push(sql)
      return target.query(sql, params)
    },
    transaction: (fn) =>
      target.transaction((tx) =>
        fn({
          query: (sql, params) => {
            seen.push(sql)
            // PGlite takes the isolation level too, but only as a transaction's first statement.
            return tx.query(sql, params)
          },
        }),
      ),
    close: async () => {},
  }
  return { view, seen }
}

describe('survey registry', () => {
  it('reads the change counter at most every checkEveryMs and reloads only when it moved', async () => {
    const { view, seen } = sharedDatabaseView(db)
    let now = 0
    const registry = createSurveyRegistry(view, [], { checkEveryMs: 2000, now: () => now })
    await registry.refresh()
    expect(registry.get('polled')).toBeUndefined()
    await publishSurvey(db, { id: 'polled', definition: definition('polled', 'One'), actor: 'test', floorVersion: 0 })

    seen.length = 0
    now = 1000
    for (let i = 0; i < 10; i++) await registry.refresh()
    expect(seen).toEqual([]) // within the interval: no query at all
    expect(registry.get('polled')).toBeUndefined()

    now = 2500
    await registry.refresh()
    expect(registry.get('polled')?.version).toBe(1)
    expect(JSON.parse(registry.served().body).surveys.map((survey: Survey) => survey.id)).toEqual(['polled'])

    seen.length = 0
    now = 5000
    await registry.refresh()
    expect(seen).toHaveLength(1) // the counter only: nothing changed, nothing reloaded
  })

  it('keeps every version for the catalog, and the served ETag follows the content', async () => {
    const registry = createSurveyRegistry(db, [])
    await publishSurvey(db, { id: 'kept', definition: definition('kept', 'First'), actor: 'test', floorVersion: 0 })
    await registry.refresh({ force: true })
    const etag1 = registry.served().etag
    await publishSurvey(db, { id: 'kept', definition: definition('kept', 'Second'), actor: 'test', floorVersion: 0 })
    await registry.refresh({ force: true })
    expect(registry.get('kept', 1)?.questions[0]?.text).toBe('First')
    expect(registry.get('kept', 2)?.questions[0]?.text).toBe('Second')
    expect(registry.get('kept', 99)?.questions[0]?.text).toBe('Second') // unknown version: the current one
    expect(registry.get('kept')?.version).toBe(2)
    expect(registry.served().etag).not.toBe(etag1)
    // Archived: not served, still in the catalog (answers in flight are accepted).
    await setSurveyStatus(db, { id: 'kept', action: 'archive', actor: 'test' })
    await registry.refresh({ force: true })
    expect(registry.get('kept', 1)).toBeDefined()
    expect(JSON.parse(registry.served().body).surveys.map((survey: Survey) => survey.id)).not.toContain('kept')
    expect(registry.enforced).toBe(true)
  })

  it('serves the last loaded surveys when a reload fails, and rejects when nothing was ever loaded', async () => {
    const logged: string[] = []
    let failing = false
    const flaky: SqlDb = {
      ...db,
      kind: 'postgres',
      query: (sql, params) => (failing ? Promise.reject(new Error('connection lost')) : db.query(sql, params)),
      transaction: (fn) => (failing ? Promise.reject(new Error('connection lost')) : db.transaction(fn)),
    }
    let now = 0
    const registry = createSurveyRegistry(flaky, [], {
      checkEveryMs: 0,
      now: () => now,
      log: (message) => logged.push(message),
    })
    await registry.refresh()
    const before = registry.served()
    failing = true
    now = 10
    await registry.refresh()
    expect(registry.served()).toBe(before)
    expect(logged).toHaveLength(1)
    const never = createSurveyRegistry(flaky, [])
    await expect(never.refresh()).rejects.toThrow('connection lost')
  })

  it('names the changed top-level fields and keeps the sender key order with the version placed after the name', () => {
    expect(changedFields(undefined, { id: 'a' })).toEqual(['created'])
    expect(changedFields({ id: 'a', version: 1, name: 'x', sample: 1 }, { name: 'y', id: 'a', version: 2 })).toEqual([
      'name',
      'sample',
    ])
    // Key order inside values does not count as a change.
    expect(
      changedFields(
        { audience: { identified: true, locales: ['en'] } },
        { audience: { locales: ['en'], identified: true } },
      ),
    ).toEqual([])
    expect(Object.keys(withVersion({ id: 'a', name: 'n', questions: [] }, 3))).toEqual([
      'id',
      'name',
      'version',
      'questions',
    ])
    expect(Object.keys(withVersion({ questions: [], id: 'a' }, 3))).toEqual(['questions', 'id', 'version'])
    expect(withVersion({ id: 'a', version: 1 }, 3)).toEqual({ id: 'a', version: 3 })
  })
})
