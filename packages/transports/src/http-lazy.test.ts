import type { SendContext } from '@touchloop/core'
import { describe, expect, it, vi } from 'vitest'
import { createHttpTransport } from './http'
import { createLazyHttpTransport } from './http-lazy'
import { createBackend } from './testing/backend'
import { sampleBatch } from './testing/fixtures'

const URL_ = 'https://collector.example/v1/responses'
const context = (): SendContext => ({ signal: new AbortController().signal, idempotencyKey: 'batch-1' })

describe('lazy http transport (the script tag at page load)', () => {
  it('has the name and limits of createHttpTransport with the same options', () => {
    const lazy = createLazyHttpTransport({ url: URL_, writeKey: 'pk_shop_4f9a2c7d' })
    const full = createHttpTransport({ url: URL_, writeKey: 'pk_shop_4f9a2c7d' })
    expect([lazy.name, lazy.maxBatchSize, lazy.maxBatchBytes]).toEqual([
      full.name,
      full.maxBatchSize,
      full.maxBatchBytes,
    ])
  })

  it('rejects a bad URL or write key when created, with the same codes as createHttpTransport', () => {
    for (const options of [{ url: 'ftp://collector.example/v1' }, { url: URL_, writeKey: 'short' }, { url: '' }]) {
      let lazyCode: unknown
      let fullCode: unknown
      try {
        createLazyHttpTransport(options)
      } catch (error) {
        lazyCode = (error as { code?: string }).code
      }
      try {
        createHttpTransport(options)
      } catch (error) {
        fullCode = (error as { code?: string }).code
      }
      expect(lazyCode).toBeDefined()
      expect(lazyCode).toBe(fullCode)
    }
  })

  it('sends exactly what createHttpTransport sends (its code loaded on the first send)', async () => {
    const lazyBackend = createBackend()
    const fullBackend = createBackend()
    const batch = sampleBatch()
    const options = { url: URL_, writeKey: 'pk_shop_4f9a2c7d', simple: true }
    const lazy = await createLazyHttpTransport({ ...options, fetch: lazyBackend.fetch }).send(batch, context())
    const full = await createHttpTransport({ ...options, fetch: fullBackend.fetch }).send(batch, context())
    expect(lazy).toEqual(full)
    const wire = (call: (typeof lazyBackend.calls)[number]) => ({
      url: call.url,
      headers: call.init?.headers,
      records: JSON.parse(String(call.init?.body)).records,
    })
    expect(lazyBackend.calls.map(wire)).toEqual(fullBackend.calls.map(wire))
  })

  it('sends on unload only once its code is loaded (the delivery stage loads it before its queue starts)', async () => {
    const backend = createBackend()
    const transport = createLazyHttpTransport({ url: URL_, fetch: backend.fetch })
    expect(transport.sendOnUnload?.(sampleBatch())).toBe(false)
    await transport.load?.()
    expect(transport.sendOnUnload?.(sampleBatch())).toBe(true)
    expect(backend.calls.filter((call) => call.unload)).toHaveLength(1)
  })

  it('a failed chunk load rejects the send (the core retries) and loads again later', async () => {
    vi.resetModules()
    vi.doMock('./http', () => {
      throw new TypeError('Failed to fetch dynamically imported module')
    })
    const { createLazyHttpTransport: createOffline } = await import('./http-lazy')
    const transport = createOffline({ url: URL_, fetch: createBackend().fetch })
    await expect(transport.send(sampleBatch(), context())).rejects.toBeDefined()
    vi.doUnmock('./http')
    await expect(transport.load?.()).resolves.toBeUndefined()
    vi.resetModules()
  })
})
