import type { DeliveryItem, ResponseRecord } from '@touchloop/core'
import { TouchloopConfigError } from '@touchloop/core'
import { describe, expect, it, vi } from 'vitest'
import { createHttpTransport } from './http'

const record = (revision: number, extra: Partial<ResponseRecord> = {}): ResponseRecord => ({
  id: '01936f4e-7c3a-7000-8000-000000000001',
  revision,
  event: 'answered',
  surveyId: 'nps-q4',
  surveyVersion: 1,
  touchpoint: 'checkout',
  answers: { score: 9 },
  anonymousId: 'anon-1',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:01.000Z',
  ...extra,
})
const item = (revision: number, extra?: Partial<ResponseRecord>): DeliveryItem => {
  const r = record(revision, extra)
  return { key: `${r.id}:${r.revision}`, record: r, attempt: 1 }
}
const context = () => ({ signal: new AbortController().signal, idempotencyKey: 'batch-1' })

describe('createHttpTransport', () => {
  it('POSTs the JSON body with the idempotency key and reads per-item results', async () => {
    const fetch = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(JSON.stringify({ results: { [item(1).key]: { status: 422, reason: 'bad score' } } }), {
          status: 200,
        }),
    )
    const transport = createHttpTransport({ url: 'https://c.example/v1/responses', fetch })
    const result = await transport.send([item(0), item(1)], { ...context(), dropped: { 'max-age': 2 } })
    expect(result).toEqual({ status: 200, items: { [item(1).key]: { status: 422, reason: 'bad score' } } })
    const [url, init] = fetch.mock.calls[0]!
    expect(url).toBe('https://c.example/v1/responses')
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'idempotency-key': 'batch-1' })
    const body = JSON.parse(init.body as string)
    expect(body.records).toHaveLength(2)
    expect(body.dropped).toEqual({ 'max-age': 2 })
  })

  it('keeps the status when the body is broken', async () => {
    const fetch = async () => new Response('<html>oops', { status: 503, headers: { 'retry-after': '30' } })
    const transport = createHttpTransport({ url: 'https://c.example/v1/responses', fetch })
    expect(await transport.send([item(0)], context())).toEqual({ status: 503, retryAfter: '30', reason: '<html>oops' })
  })

  it('fails at creation on a bad url', () => {
    expect(() => createHttpTransport({ url: 'ftp://x' })).toThrow(TouchloopConfigError)
    expect(() => createHttpTransport({} as never)).toThrow(/pass `url`/)
  })
})
