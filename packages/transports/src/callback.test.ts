import type { ResponseRecord, SendContext } from '@touchloop/core'
import { describe, expect, it } from 'vitest'
import { type CallbackSendContext, type CallbackTransportOptions, createCallbackTransport } from './callback'
import type { Backend, RecordedCall } from './testing/backend'
import { testTransport } from './testing/contract'
import { sampleBatch } from './testing/fixtures'

type CallbackArgs = [ResponseRecord[], CallbackSendContext]
const argsOf = (call: RecordedCall) => call.args as CallbackArgs
const keysOf = (call: RecordedCall) => argsOf(call)[1].keys
const context = (extra: Partial<SendContext> = {}): SendContext => ({
  signal: new AbortController().signal,
  idempotencyKey: 'batch-1',
  ...extra,
})

/** The app's function, backed by the scripted backend: it resolves with the backend's HTTP-like answer. */
const appSend = (backend: Backend) => (records: ResponseRecord[], ctx: CallbackSendContext) =>
  backend.answer({ unload: false, args: [records, ctx] }, ctx.signal).then(({ status, headers, body }) => ({
    status,
    retryAfter: headers['retry-after'] ?? null,
    reason: status >= 300 ? body : undefined,
  }))

testTransport('callback', {
  create: (backend) =>
    createCallbackTransport({
      send: (records, ctx) => {
        if (backend.throwSync) throw new TypeError('synchronous failure')
        return appSend(backend)(records, ctx)
      },
    }),
  factory: (options) => createCallbackTransport(options as CallbackTransportOptions),
  keysOf,
  dedupIdsOf: keysOf,
  idempotencyKeyOf: (call) => argsOf(call)[1].idempotencyKey,
  reportsStatus: true,
  canHang: true,
  checkWire(call, batch) {
    const [records, ctx] = argsOf(call)
    expect(records).toEqual(batch.map((item) => item.record))
    expect(ctx.keys).toEqual(batch.map((item) => item.key))
    expect(ctx.signal).toBeInstanceOf(AbortSignal)
  },
  badOptions: [
    { options: undefined, code: 'callback/invalid-options' },
    { options: {}, code: 'callback/missing-send' },
    { options: { send: 'https://example.com' }, code: 'callback/invalid-send' },
    { options: { send: async () => {}, sendOnUnload: true }, code: 'callback/invalid-sendonunload' },
    { options: { send: async () => {}, maxBatchSize: 2.5 }, code: 'callback/invalid-maxbatchsize' },
  ],
})

describe('callback transport specifics', () => {
  it('resolving with nothing means delivered', async () => {
    const transport = createCallbackTransport({ send: async () => {} })
    await expect(transport.send(sampleBatch(), context())).resolves.toEqual({ status: 200 })
  })

  it('a rejection is a retry (the core sees a network error), with the error as the reason', async () => {
    const transport = createCallbackTransport({
      send: async () => {
        throw new Error('webhook down')
      },
    })
    await expect(transport.send(sampleBatch(), context())).rejects.toThrow('webhook down')
  })

  it('an app function that ignores the signal still ends when the core aborts', async () => {
    const transport = createCallbackTransport({ send: () => new Promise<void>(() => {}) })
    const controller = new AbortController()
    const pending = transport.send(sampleBatch(), context({ signal: controller.signal }))
    controller.abort(new DOMException('timed out', 'TimeoutError'))
    await expect(pending).rejects.toThrow('timed out')
  })

  it('passes dropped counts and refines per item when the function returns a result', async () => {
    const batch = sampleBatch()
    let seen: CallbackSendContext | undefined
    const transport = createCallbackTransport({
      send: async (_records, ctx) => {
        seen = ctx
        return { status: 200, items: { [ctx.keys[1]!]: { status: 422, reason: 'bad answer' } } }
      },
    })
    const result = await transport.send(batch, context({ dropped: { 'max-age': 1 } }))
    expect(seen?.dropped).toEqual({ 'max-age': 1 })
    expect(result.items).toEqual({ [batch[1]!.key]: { status: 422, reason: 'bad answer' } })
  })

  it('rejects a malformed result instead of counting it as delivered', async () => {
    const transport = createCallbackTransport({ send: async () => ({ ok: true }) as never })
    await expect(transport.send(sampleBatch(), context())).rejects.toThrow(
      /must resolve with nothing or with \{ status/,
    )
  })

  it('offers the unload path only when the app gives one, and never throws from it', () => {
    expect(createCallbackTransport({ send: async () => {} }).sendOnUnload).toBeUndefined()
    const seen: ResponseRecord[][] = []
    const transport = createCallbackTransport({
      send: async () => {},
      sendOnUnload: (records) => {
        seen.push(records)
        return true
      },
    })
    expect(transport.sendOnUnload!(sampleBatch())).toBe(true)
    expect(seen[0]).toHaveLength(4)
    const throwing = createCallbackTransport({
      send: async () => {},
      sendOnUnload: () => {
        throw new Error('no beacon')
      },
    })
    expect(throwing.sendOnUnload!(sampleBatch())).toBe(false)
  })
})
