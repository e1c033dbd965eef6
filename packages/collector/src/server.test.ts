// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startCollector } from './server'
import { makeRecord } from './test-records'

const dataDir = mkdtempSync(join(tmpdir(), 'touchloop-collector-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('startCollector', () => {
  it('serves on a random port and keeps answers in its data dir across restarts', async () => {
    const record = makeRecord({ answers: { nps: 9, comment: 'fast delivery' } })
    const first = await startCollector({ port: 0, dataDir, adminToken: 'demo' })
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const posted = await fetch(`${first.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'batch-1' },
      body: JSON.stringify({ records: [record], sentAt: new Date().toISOString() }),
    })
    expect(posted.status).toBe(200)
    expect(await posted.json()).toEqual({ results: { [`${record.id}:1`]: { status: 200 } } })
    await first.close()

    const second = await startCollector({ port: 0, dataDir, adminToken: 'demo' })
    try {
      const res = await fetch(`${second.url}/v1/responses`, { headers: { authorization: 'Bearer demo' } })
      const { responses } = (await res.json()) as { responses: { id: string; answers: unknown }[] }
      expect(responses).toEqual([
        expect.objectContaining({ id: record.id, answers: { nps: 9, comment: 'fast delivery' } }),
      ])
    } finally {
      await second.close()
    }
  }, 60_000)

  it('fails with a message that says what to fix when the data dir is unusable', async () => {
    const aFile = join(dataDir, 'not-a-folder')
    writeFileSync(aFile, '')
    await expect(startCollector({ port: 0, dataDir: join(aFile, 'db'), adminToken: 'demo' })).rejects.toThrow(
      /Could not open the collector database at ".*not-a-folder\/db".*writable/,
    )
  })
})
