// @vitest-environment node
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createPgliteDb, LOCK_FILE } from './db/pglite'
import { startCollector } from './server'
import { makeRecord, TEST_DATABASE_URL } from './test-support'

const dataDir = mkdtempSync(join(tmpdir(), 'touchloop-collector-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const KEY = 'pk_server_test_key'
const SITE = 'http://localhost:5173'

async function postRecord(url: string, record = makeRecord({ answers: { nps: 9, comment: 'fast delivery' } })) {
  const res = await fetch(`${url}/v1/responses?key=${KEY}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE },
    body: JSON.stringify({ records: [record], sentAt: new Date().toISOString() }),
  })
  return { res, record }
}

describe('startCollector on PGlite', () => {
  it('serves on a random port and keeps answers in its data dir across restarts', async () => {
    const options = { port: 0, dataDir, adminToken: 'demo', writeKeys: [{ key: KEY, origins: [SITE] }] }
    const first = await startCollector(options)
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { res, record } = await postRecord(first.url)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ results: { [`${record.id}:1`]: { status: 200 } } })
    await first.close()
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)

    const second = await startCollector(options)
    try {
      const list = await fetch(`${second.url}/v1/responses`, { headers: { authorization: 'Bearer demo' } })
      const { responses } = (await list.json()) as { responses: { id: string; answers: unknown }[] }
      expect(responses).toEqual([
        expect.objectContaining({ id: record.id, answers: { nps: 9, comment: 'fast delivery' } }),
      ])
    } finally {
      await second.close()
    }
  }, 60_000)

  it('issue 9: a second process refuses a data folder in use, with a message saying what to do', async () => {
    const folder = join(dataDir, 'shared')
    const first = await startCollector({ port: 0, dataDir: folder, adminToken: 'demo' })
    try {
      await expect(startCollector({ port: 0, dataDir: folder, adminToken: 'demo' })).rejects.toThrow(
        new RegExp(`in use by another collector \\(pid ${process.pid}\\).*another --data-dir.*PostgreSQL`),
      )
    } finally {
      await first.close()
    }
    // A lock left by a process that died (kill -9) is taken over.
    writeFileSync(join(folder, LOCK_FILE), '2147483646')
    const after = await startCollector({ port: 0, dataDir: folder, adminToken: 'demo' })
    await after.close()
  }, 60_000)

  it('issue 9: fsyncs acknowledged writes (PGlite alone never does)', async () => {
    let fsyncs = 0
    const db = await createPgliteDb(join(dataDir, 'fsync'), { onFsync: () => fsyncs++ })
    await db.query('create table t (x int)')
    const before = fsyncs
    await db.query('insert into t values (1)')
    expect(fsyncs).toBeGreaterThan(before)
    await db.close()
  }, 60_000)

  it('fails with a message that says what to fix when the data dir is unusable', async () => {
    const aFile = join(dataDir, 'not-a-folder')
    writeFileSync(aFile, '')
    await expect(startCollector({ port: 0, dataDir: join(aFile, 'db'), adminToken: 'demo' })).rejects.toThrow(
      /not-a-folder/,
    )
  })
})

const postgres = TEST_DATABASE_URL ? describe : describe.skip
postgres('startCollector on PostgreSQL [postgres]', () => {
  it('runs stateless: two instances share one database, its answers and its sessions', async () => {
    const { createTestPostgresDb } = await import('./test-support')
    // A database of its own, reached by URL as DATABASE_URL would.
    const scratch = await createTestPostgresDb()
    const { rows } = await scratch.query<{ db: string }>('select current_database() as db')
    const url = new URL(TEST_DATABASE_URL!)
    url.pathname = `/${rows[0]!.db}`
    const options = {
      port: 0,
      databaseUrl: url.toString(),
      adminToken: 'demo',
      writeKeys: [{ key: KEY, origins: [SITE] }],
    }
    const [a, b] = await Promise.all([startCollector(options), startCollector(options)])
    try {
      const { res, record } = await postRecord(a.url)
      expect(res.status).toBe(200)
      const login = await fetch(`${a.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: a.url },
        body: 'token=demo',
      })
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!
      const list = await fetch(`${b.url}/v1/responses`, { headers: { cookie } })
      expect(list.status).toBe(200)
      const { responses } = (await list.json()) as { responses: { id: string }[] }
      expect(responses.map((r) => r.id)).toEqual([record.id])
    } finally {
      await Promise.all([a.close(), b.close()])
      await scratch.close()
    }
  }, 60_000)

  it('says what to fix when PostgreSQL cannot be reached, without printing the password', async () => {
    await expect(
      startCollector({
        port: 0,
        databaseUrl: 'postgres://touchloop:hunter2@127.0.0.1:1/touchloop',
        adminToken: 'demo',
      }),
    ).rejects.toThrow(
      /Could not connect to PostgreSQL at postgres:\/\/touchloop:\*\*\*@127\.0\.0\.1:1\/touchloop.*DATABASE_URL/,
    )
  })
})
