// Test helpers of the collector (not exported from the package): records, and every storage test run
// against both databases. PostgreSQL comes from TOUCHLOOP_TEST_DATABASE_URL (.ci/run starts one);
// each test file gets a database of its own. Without the variable the PostgreSQL half is skipped
// here, and CI fails on that skip (scripts/ci-check-report.mjs).
import { randomBytes } from 'node:crypto'
import type { ResponseRecord } from '@touchloop/core'
import pg from 'pg'
import { describe } from 'vitest'
import { createPgliteDb } from './db/pglite'
import { createPostgresDb } from './db/postgres'
import type { SqlDb } from './db/sql'

let counter = 0

export function makeRecord(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  counter++
  const now = new Date(Date.UTC(2026, 10, 23, 10, 0, counter)).toISOString()
  return {
    id: `0193b0a0-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`,
    revision: 1,
    event: 'answered',
    surveyId: 'post-checkout-nps',
    surveyVersion: 1,
    touchpoint: 'checkout_completed',
    answers: { nps: 9 },
    anonymousId: 'anon-1',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
}

export const TEST_DATABASE_URL = process.env.TOUCHLOOP_TEST_DATABASE_URL

/** A fresh, empty PostgreSQL database on the test server; dropped by the returned close(). */
export async function createTestPostgresDb(): Promise<SqlDb> {
  const url = new URL(TEST_DATABASE_URL!)
  const name = `touchloop_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  url.pathname = `/${name}`
  const db = await createPostgresDb(url.toString(), { maxConnections: 20 })
  return {
    ...db,
    async close() {
      await db.close()
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

export type DatabaseKind = 'pglite' | 'postgres'

/** Runs `suite` once per database: PGlite in memory, and PostgreSQL (named "[postgres]" in the report). */
export function describeEachDatabase(name: string, suite: (open: () => Promise<SqlDb>, kind: DatabaseKind) => void): void {
  describe(`${name} [pglite]`, () => suite(() => createPgliteDb('memory://'), 'pglite'))
  const postgres = TEST_DATABASE_URL ? describe : describe.skip
  postgres(`${name} [postgres]`, () => suite(createTestPostgresDb, 'postgres'))
}
