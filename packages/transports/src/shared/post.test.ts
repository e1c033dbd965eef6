import { describe, expect, it } from 'vitest'
import { createBackend } from '../testing/backend'
import { UNLOAD_BUDGET_BYTES } from './bytes'
import { postBatch, sendKeepalive } from './post'

const URL_ = 'https://collect.example.com/batch'
const JSON_HEADERS = { 'content-type': 'application/json' }
const encode = (items: readonly string[]) => JSON.stringify(items)
const tooLarge = (size: number) => `body of ${size} bytes is too big`

describe('postBatch', () => {
  it('POSTs the body without cookies, with the signal and headers given', async () => {
    const backend = createBackend()
    const signal = new AbortController().signal
    const result = await postBatch(backend.fetch, URL_, { headers: JSON_HEADERS, body: '["a"]', signal }, 100, tooLarge)
    expect(result).toEqual({ status: 200 })
    const [call] = backend.calls
    expect(call!.url).toBe(URL_)
    expect(call!.init).toEqual({ method: 'POST', headers: JSON_HEADERS, body: '["a"]', signal, credentials: 'omit' })
  })

  it('answers 413 with the given reason and sends nothing when the body is over maxBytes (in UTF-8 bytes)', async () => {
    const backend = createBackend()
    const body = 'é'.repeat(60) // 60 characters, 120 bytes
    const init = { headers: JSON_HEADERS, body, signal: new AbortController().signal }
    expect(await postBatch(backend.fetch, URL_, init, 100, tooLarge)).toEqual({
      status: 413,
      reason: 'body of 120 bytes is too big',
    })
    expect(backend.calls).toHaveLength(0)
  })

  it('reads per-item results for the given keys, like toSendResult', async () => {
    const backend = createBackend()
    backend.script({ status: 200, body: JSON.stringify({ results: { a: { status: 409 }, other: { status: 500 } } }) })
    const init = { headers: JSON_HEADERS, body: '["a"]', signal: new AbortController().signal }
    expect(await postBatch(backend.fetch, URL_, init, 100, tooLarge, { keys: new Set(['a']) })).toEqual({
      status: 200,
      items: { a: { status: 409 } },
    })
  })

  it('reads the status, Retry-After and reason of a refusal', async () => {
    const backend = createBackend()
    backend.script({ status: 429, headers: { 'retry-after': '7' }, body: '{"error":"slow down"}' })
    const init = { headers: JSON_HEADERS, body: '[]', signal: new AbortController().signal }
    expect(await postBatch(backend.fetch, URL_, init, 100, tooLarge, { perItem: false })).toEqual({
      status: 429,
      retryAfter: '7',
      reason: 'slow down',
    })
  })
})

describe('sendKeepalive', () => {
  it('hands the longest prefix that fits the budget to fetch with keepalive and reports true', () => {
    const backend = createBackend()
    const headers = { 'content-type': 'text/plain;charset=UTF-8' }
    const budget = encode(['a', 'bb', 'ccc']).length - 2
    expect(sendKeepalive(backend.fetch, URL_, headers, ['a', 'bb', 'ccc'], encode, budget)).toBe(true)
    expect(backend.calls[0]!.init).toEqual({
      method: 'POST',
      headers,
      body: '["a","bb"]',
      keepalive: true,
      credentials: 'omit',
    })
  })

  it('reports false without a request when not even one item fits the budget', () => {
    const backend = createBackend()
    const huge = 'x'.repeat(UNLOAD_BUDGET_BYTES)
    expect(sendKeepalive(backend.fetch, URL_, {}, [huge], encode, UNLOAD_BUDGET_BYTES)).toBe(false)
    expect(backend.calls).toHaveLength(0)
  })

  it('reports false when fetch throws synchronously and there is no fallback', () => {
    const backend = createBackend()
    backend.throwSync = true
    expect(sendKeepalive(backend.fetch, URL_, {}, ['a'], encode, UNLOAD_BUDGET_BYTES)).toBe(false)
  })

  it('gives the fallback the fitted body when fetch throws synchronously, and returns its answer', () => {
    const backend = createBackend()
    backend.throwSync = true
    const bodies: string[] = []
    const fallback = (body: string) => {
      bodies.push(body)
      return true
    }
    expect(sendKeepalive(backend.fetch, URL_, {}, ['a', 'bb'], encode, 6, fallback)).toBe(true)
    expect(bodies).toEqual(['["a"]'])
  })
})
