import type { SendContext } from '@touchloop/core'
import { describe, expect, it, vi } from 'vitest'
import { createHttpTransport, type HttpTransportOptions } from './http'
import { type Backend, createBackend, type RecordedCall } from './testing/backend'
import { expectShapeCovers, type TransportHarness, testTransport } from './testing/contract'
import { bigRecord, makeRecord, sampleBatch, toItem } from './testing/fixtures'

// The request documented in docs/architecture.md ("Wire format of the http transport and the collector").
const DOCUMENTED_REQUEST = {
  records: [
    {
      id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      revision: 2,
      event: 'completed',
      surveyId: 'nps-checkout',
      surveyVersion: 3,
      touchpoint: 'checkout-complete',
      answers: { score: 9 },
      anonymousId: 'anon-7f3a',
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:04.000Z',
    },
  ],
  sentAt: '2026-11-23T10:00:00.000Z',
  dropped: { 'max-age': 2 },
}

const URL_ = 'https://collector.example/v1/responses'
const headersOf = (call: RecordedCall) => (call.init?.headers ?? {}) as Record<string, string>
const bodyOf = (call: RecordedCall) => JSON.parse(String(call.init?.body)) as typeof DOCUMENTED_REQUEST
const context = (extra: Partial<SendContext> = {}): SendContext => ({
  signal: new AbortController().signal,
  idempotencyKey: 'batch-1',
  ...extra,
})

function harness(options: Partial<HttpTransportOptions> = {}): TransportHarness {
  const keysOf = (call: RecordedCall) => bodyOf(call).records.map((record) => `${record.id}:${record.revision}`)
  return {
    create: (backend: Backend) =>
      createHttpTransport({ url: URL_, fetch: (input, init) => backend.fetch(input, init), ...options }),
    factory: (bad) => createHttpTransport(bad as HttpTransportOptions),
    keysOf,
    dedupIdsOf: keysOf,
    reportsStatus: true,
    canHang: true,
    idempotencyKeyOf: options.simple ? undefined : (call) => headersOf(call)['idempotency-key'],
    checkWire(call, batch) {
      expect(call.url).toBe(URL_)
      expect(call.init?.method).toBe('POST')
      expect(call.init?.signal).toBeInstanceOf(AbortSignal)
      expect(headersOf(call)['content-type']).toBe(options.simple ? 'text/plain;charset=UTF-8' : 'application/json')
      const body = bodyOf(call)
      expectShapeCovers(body, DOCUMENTED_REQUEST, ['$.records[0].answers', '$.dropped'])
      expect(body.records).toEqual(batch.map((item) => item.record))
      expect(Number.isNaN(Date.parse(body.sentAt))).toBe(false)
    },
    badOptions: [
      { options: undefined, code: 'http/invalid-options' },
      { options: {}, code: 'http/invalid-url' },
      { options: { url: 'https://' }, code: 'http/invalid-url' },
      { options: { url: 'ftp://collector.example/v1' }, code: 'http/invalid-url' },
      { options: { url: URL_, headers: { 'x-key': 42 } }, code: 'http/invalid-headers' },
      { options: { url: URL_, headers: { 'bad header': 'x' } }, code: 'http/invalid-headers' },
      { options: { url: URL_, simple: true, headers: { 'x-write-key': 'k' } }, code: 'http/headers-in-simple-mode' },
      { options: { url: URL_, maxBatchSize: 0 }, code: 'http/invalid-maxbatchsize' },
      { options: { url: URL_, maxBatchBytes: 1.5 }, code: 'http/invalid-maxbatchbytes' },
      { options: { url: URL_, fetch: 'fetch' }, code: 'http/invalid-fetch' },
      { options: { url: URL_, name: '' }, code: 'http/missing-name' },
    ],
  }
}

testTransport('http', harness())

describe('http transport, CORS-simple mode', () => {
  testTransport('http', harness({ simple: true }))

  it('sends text/plain with no custom header and no Idempotency-Key (no preflight)', async () => {
    const backend = createBackend()
    await createHttpTransport({ url: URL_, simple: true, fetch: backend.fetch }).send(sampleBatch(), context())
    expect(headersOf(backend.calls[0]!)).toEqual({ 'content-type': 'text/plain;charset=UTF-8' })
  })
})

describe('http transport specifics', () => {
  it('sends the app headers with the JSON content type and the idempotency key', async () => {
    const backend = createBackend()
    const transport = createHttpTransport({ url: URL_, headers: { 'x-write-key': 'pk_123' }, fetch: backend.fetch })
    await transport.send(sampleBatch(), context({ dropped: { 'max-items': 3 } }))
    expect(headersOf(backend.calls[0]!)).toEqual({
      'content-type': 'application/json',
      'x-write-key': 'pk_123',
      'idempotency-key': 'batch-1',
    })
    expect(bodyOf(backend.calls[0]!).dropped).toEqual({ 'max-items': 3 })
  })

  it('sends dropped as an empty object when nothing was evicted', async () => {
    const backend = createBackend()
    await createHttpTransport({ url: URL_, fetch: backend.fetch }).send(sampleBatch(), context())
    expect(bodyOf(backend.calls[0]!).dropped).toEqual({})
  })

  it('passes the per-item results of the collector, ignoring unknown keys and malformed entries', async () => {
    const backend = createBackend()
    const batch = sampleBatch()
    backend.script({
      status: 200,
      body: JSON.stringify({
        results: {
          [batch[0]!.key]: { status: 200 },
          [batch[1]!.key]: { status: 422, reason: 'answers.score: must be 0-10' },
          [batch[2]!.key]: { status: 'ok' },
          'someone-else:1': { status: 409 },
        },
      }),
    })
    const result = await createHttpTransport({ url: URL_, fetch: backend.fetch }).send(batch, context())
    expect(result).toEqual({
      status: 200,
      items: {
        [batch[0]!.key]: { status: 200 },
        [batch[1]!.key]: { status: 422, reason: 'answers.score: must be 0-10' },
      },
    })
  })

  it("reads the collector's 400 invalid_body answer as the reason", async () => {
    const backend = createBackend()
    backend.script({
      status: 400,
      body: JSON.stringify({ error: 'invalid_body', issues: [{ path: ['records'], message: 'Expected array' }] }),
    })
    const result = await createHttpTransport({ url: URL_, fetch: backend.fetch }).send(sampleBatch(), context())
    expect(result).toEqual({ status: 400, reason: 'invalid_body: records: Expected array' })
  })

  it('answers 413 without a request when the body exceeds maxBatchBytes, so the core splits the batch', async () => {
    const backend = createBackend()
    const transport = createHttpTransport({ url: URL_, maxBatchBytes: 2000, fetch: backend.fetch })
    const result = await transport.send([toItem(bigRecord(1500)), toItem(bigRecord(1500))], context())
    expect(result.status).toBe(413)
    expect(result.reason).toMatch(/exceeds maxBatchBytes \(2000\)/)
    expect(backend.calls).toHaveLength(0)
  })

  it('exposes its limits to the delivery core and names its queue after the URL', () => {
    const transport = createHttpTransport({ url: URL_, maxBatchSize: 20, maxBatchBytes: 100_000 })
    expect(transport).toMatchObject({ name: `http:${URL_}`, maxBatchSize: 20, maxBatchBytes: 100_000 })
    expect(createHttpTransport({ url: URL_, name: 'primary' }).name).toBe('primary')
  })

  it('resolves a path against the page', () => {
    expect(createHttpTransport({ url: '/v1/responses' }).name).toBe(
      `http:${new URL('/v1/responses', location.href).href}`,
    )
  })

  it('unload: text/plain keepalive, the app headers kept, no idempotency key, records intact', () => {
    const backend = createBackend()
    const record = makeRecord()
    createHttpTransport({ url: URL_, headers: { 'x-write-key': 'pk_123' }, fetch: backend.fetch }).sendOnUnload!([
      toItem(record),
    ])
    const call = backend.calls[0]!
    expect(call.init).toMatchObject({ method: 'POST', keepalive: true })
    expect(headersOf(call)).toEqual({ 'x-write-key': 'pk_123', 'content-type': 'text/plain;charset=UTF-8' })
    expect(bodyOf(call).records).toEqual([record])
  })

  it('unload: falls back to a text/plain beacon when fetch refuses synchronously (no custom headers)', async () => {
    const backend = createBackend()
    backend.throwSync = true
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true)
    try {
      const record = makeRecord()
      const transport = createHttpTransport({ url: URL_, fetch: (input, init) => backend.fetch(input, init) })
      expect(transport.sendOnUnload!([toItem(record)])).toBe(true)
      const [url, blob] = beacon.mock.calls[0]! as [string, Blob]
      expect(url).toBe(URL_)
      expect(blob.type).toBe('text/plain;charset=utf-8')
      expect(JSON.parse(await blob.text()).records).toEqual([record])
    } finally {
      beacon.mockRestore()
    }
  })

  it('writeKey: in the URL of every request, beacons included; the queue name stays the bare URL', async () => {
    const backend = createBackend()
    const transport = createHttpTransport({
      url: URL_,
      writeKey: 'pk_shop_4f9a2c7d',
      fetch: (i, init) => backend.fetch(i, init),
    })
    expect(transport.name).toBe(`http:${URL_}`)
    await transport.send(sampleBatch(), context())
    expect(backend.calls[0]!.url).toBe(`${URL_}?key=pk_shop_4f9a2c7d`)
    backend.throwSync = true
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true)
    try {
      expect(transport.sendOnUnload!(sampleBatch())).toBe(true)
      expect(beacon.mock.calls[0]![0]).toBe(`${URL_}?key=pk_shop_4f9a2c7d`)
    } finally {
      beacon.mockRestore()
    }
  })

  it('writeKey: a malformed key is a config error that says what a key looks like', () => {
    for (const writeKey of ['', 'short', 'has space in it', 42]) {
      expect(() => createHttpTransport({ url: URL_, writeKey: writeKey as string })).toThrow(
        expect.objectContaining({ code: 'http/invalid-write-key', message: expect.stringContaining('8–200 letters') }),
      )
    }
  })

  it('unload: no beacon fallback with custom headers (a beacon cannot carry them)', () => {
    const backend = createBackend()
    backend.throwSync = true
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true)
    try {
      const transport = createHttpTransport({
        url: URL_,
        headers: { 'x-write-key': 'k' },
        fetch: (input, init) => backend.fetch(input, init),
      })
      expect(transport.sendOnUnload!(sampleBatch())).toBe(false)
      expect(beacon).not.toHaveBeenCalled()
    } finally {
      beacon.mockRestore()
    }
  })
})
