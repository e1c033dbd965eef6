// The shared transport contract: every adapter runs it from its own *.test.ts with a harness that wires the
// adapter to a scripted backend. It checks what the delivery core relies on: every item sent exactly once
// per batch with stable dedup ids, HTTP-like status mapping, network errors and aborts as rejections, the
// synchronous unload path within the keepalive budget, the idempotency key, and creation-time errors.
import type { DeliveryItem, SendContext, Transport } from '@touchloop/core'
import { TouchloopConfigError } from '@touchloop/core'
import { describe, expect, it, vi } from 'vitest'
import { type Answer, type Backend, createBackend, type RecordedCall } from './backend'
import { bigRecord, sampleBatch, toItem } from './fixtures'

export interface TransportHarness {
  /** The adapter wired to the scripted backend. */
  create(backend: Backend): Transport
  /** `${id}:${revision}` of every item one call carried. */
  keysOf(call: RecordedCall): string[]
  /** The id the backend deduplicates by (event uuid, messageId, primary key), per item of one call. */
  dedupIdsOf(call: RecordedCall): string[]
  /** true: HTTP statuses, Retry-After and error bodies reach the SendResult (HTTP adapters). */
  reportsStatus: boolean
  /** false where the channel cannot stay pending (a synchronous SDK call): skips the abort-while-pending case. */
  canHang: boolean
  /** The Idempotency-Key the call carried; omit for backends without one (they dedup by dedupIdsOf). */
  idempotencyKeyOf?(call: RecordedCall): string | undefined
  /** Checks one regular call against the recorded example request of the real API; throws on a mismatch. */
  checkWire(call: RecordedCall, batch: DeliveryItem[]): void
  /** Options that must fail at creation, and the TouchloopConfigError code of each. */
  badOptions: Array<{ options: unknown; code: string }>
  /** The adapter's factory, for badOptions. */
  factory(options: unknown): Transport
}

const context = (signal = new AbortController().signal, idempotencyKey = 'batch-7'): SendContext => ({
  signal,
  idempotencyKey,
})

export function testTransport(name: string, harness: TransportHarness): void {
  describe(`${name} transport contract`, () => {
    it('has a non-empty name that is the same for the same options, and sane batch limits', () => {
      const a = harness.create(createBackend())
      const b = harness.create(createBackend())
      expect(a.name).toMatch(/\S/)
      expect(b.name).toBe(a.name)
      if (a.maxBatchSize !== undefined) expect(Number.isInteger(a.maxBatchSize) && a.maxBatchSize > 0).toBe(true)
      if (a.maxBatchBytes !== undefined) expect(a.maxBatchBytes).toBeGreaterThanOrEqual(32 * 1024)
    })

    it('carries every item of a batch exactly once and reports it delivered', async () => {
      const backend = createBackend()
      const batch = sampleBatch()
      const result = await harness.create(backend).send(batch, context())
      expect(result.status).toBeGreaterThanOrEqual(200)
      expect(result.status).toBeLessThan(300)
      const carried = backend.calls.flatMap((call) => harness.keysOf(call))
      expect(carried.sort()).toEqual(batch.map((item) => item.key).sort())
    })

    it('matches the documented wire format of the backend', async () => {
      const backend = createBackend()
      const batch = sampleBatch()
      await harness.create(backend).send(batch, context())
      expect(backend.calls.length).toBeGreaterThan(0)
      for (const call of backend.calls) harness.checkWire(call, batch)
    })

    it('sends the same dedup ids when a batch is retried, distinct ids within a batch', async () => {
      // The backend stored the first send but its answer was lost: the retry must collapse with it.
      const backend = createBackend()
      const transport = harness.create(backend)
      const batch = sampleBatch()
      await transport.send(batch, context())
      const firstCount = backend.calls.length
      await transport.send(
        batch.map((item) => ({ ...item, attempt: 2 })),
        context(),
      )
      const first = backend.calls.slice(0, firstCount).flatMap((call) => harness.dedupIdsOf(call))
      const second = backend.calls.slice(firstCount).flatMap((call) => harness.dedupIdsOf(call))
      expect(first.length).toBe(batch.length)
      expect(new Set(first).size).toBe(first.length)
      expect(second).toEqual(first)
    })

    if (harness.idempotencyKeyOf) {
      const keyOf = harness.idempotencyKeyOf
      it('sends the idempotency key of the batch, the same one on every retry', async () => {
        const backend = createBackend()
        backend.script({ status: 503, body: '' }, { status: 200, body: '{}' })
        const transport = harness.create(backend)
        const batch = sampleBatch()
        await transport.send(batch, context(undefined, 'key-abc'))
        await transport.send(batch, context(undefined, 'key-abc'))
        expect(backend.calls.map((call) => keyOf(call))).toEqual(['key-abc', 'key-abc'])
      })
    }

    if (harness.reportsStatus) {
      const cases: Array<
        [Extract<Answer, { status: number }>, { status: number; retryAfter?: string; reason?: RegExp }]
      > = [
        [{ status: 200, body: '{"ok":true}' }, { status: 200 }],
        [{ status: 201, body: '' }, { status: 201 }],
        [
          { status: 503, headers: { 'retry-after': '7' }, body: '' },
          { status: 503, retryAfter: '7' },
        ],
        [{ status: 429, headers: { 'retry-after': 'Wed, 25 Nov 2026 10:00:00 GMT' } }, { status: 429 }],
        [
          { status: 400, body: '{"message":"answers must be an object"}' },
          { status: 400, reason: /answers must be/ },
        ],
        [
          { status: 401, body: 'Unauthorized' },
          { status: 401, reason: /Unauthorized/ },
        ],
        [
          { status: 500, body: '{"broken json' },
          { status: 500, reason: /broken json|500/ },
        ],
        [{ status: 200, body: '<html>not json</html>' }, { status: 200 }],
      ]
      it.each(cases)('maps the answer %j to the SendResult without throwing', async (answer, expected) => {
        const backend = createBackend()
        backend.script(answer)
        const result = await harness.create(backend).send(sampleBatch(), context())
        expect(result.status).toBe(expected.status)
        if (answer.headers?.['retry-after']) expect(result.retryAfter).toBe(answer.headers['retry-after'])
        if (expected.reason) expect(result.reason).toMatch(expected.reason)
      })
    } else {
      it('reports a failed hand-over as a rejection (the core retries), never as delivered', async () => {
        const backend = createBackend()
        backend.script({ status: 500, body: '' })
        await expect(harness.create(backend).send(sampleBatch(), context())).rejects.toBeDefined()
      })
    }

    it('rejects on a network error, so the core retries', async () => {
      const backend = createBackend()
      backend.script({ fail: 'network' })
      await expect(harness.create(backend).send(sampleBatch(), context())).rejects.toBeDefined()
    })

    if (harness.canHang) {
      it('rejects with the abort reason when the signal aborts while the backend hangs', async () => {
        const backend = createBackend()
        backend.script({ fail: 'hang' })
        const controller = new AbortController()
        const pending = harness.create(backend).send(sampleBatch(), context(controller.signal))
        await waitFor(() => backend.calls.length > 0)
        const reason = new DOMException('timed out', 'TimeoutError')
        controller.abort(reason)
        await expect(pending).rejects.toBe(reason)
      })
    }

    it('rejects at once on an already aborted signal, without reporting delivery', async () => {
      const backend = createBackend()
      const controller = new AbortController()
      controller.abort(new DOMException('destroyed', 'AbortError'))
      await expect(harness.create(backend).send(sampleBatch(), context(controller.signal))).rejects.toBeDefined()
    })

    it('returns a promise even when the channel throws synchronously', async () => {
      const backend = createBackend()
      const transport = harness.create(backend)
      backend.throwSync = true
      let returned: unknown
      expect(() => {
        returned = transport.send(sampleBatch(), context())
      }).not.toThrow()
      await expect(returned).rejects.toBeDefined()
    })

    it('fails at creation, not at the first send, on bad options, saying what to pass', () => {
      expect(harness.badOptions.length).toBeGreaterThan(0)
      for (const { options, code } of harness.badOptions) {
        let error: unknown
        try {
          harness.factory(options)
        } catch (caught) {
          error = caught
        }
        expect(error, `options ${JSON.stringify(options)}`).toBeInstanceOf(TouchloopConfigError)
        expect((error as TouchloopConfigError).code).toBe(code)
        expect((error as Error).message).toMatch(new RegExp(`^${name} transport: `))
        expect((error as Error).message.length).toBeGreaterThan(40)
      }
    })

    const probe = harness.create(createBackend())
    if (probe.sendOnUnload) {
      it('unload: hands a keepalive request to the browser synchronously and reports true', () => {
        const backend = createBackend()
        const transport = harness.create(backend)
        const batch = sampleBatch()
        const queued = transport.sendOnUnload!(batch)
        expect(queued).toBe(true)
        expect(backend.calls).toHaveLength(1)
        expect(backend.calls[0]!.unload).toBe(true)
        expect(harness.keysOf(backend.calls[0]!).sort()).toEqual(batch.map((item) => item.key).sort())
      })

      it('unload: trims a large batch to the first items that fit the 64 KB keepalive budget', () => {
        const backend = createBackend()
        const transport = harness.create(backend)
        const batch = Array.from({ length: 40 }, () => toItem(bigRecord(4000)))
        expect(transport.sendOnUnload!(batch)).toBe(true)
        const call = backend.calls[0]!
        expect(new TextEncoder().encode(String(call.init?.body ?? '')).byteLength).toBeLessThanOrEqual(64 * 1024)
        const keys = harness.keysOf(call)
        expect(keys.length).toBeGreaterThan(0)
        expect(keys.length).toBeLessThan(batch.length)
        expect(keys).toEqual(batch.slice(0, keys.length).map((item) => item.key))
      })

      it('unload: reports false, without a request, when not even one item fits', () => {
        const backend = createBackend()
        expect(harness.create(backend).sendOnUnload!([toItem(bigRecord(70 * 1024))])).toBe(false)
        expect(backend.calls).toHaveLength(0)
      })

      it('unload: never throws when the browser refuses the request', () => {
        const backend = createBackend()
        const transport = harness.create(backend)
        backend.throwSync = true
        // A beacon fallback, if the adapter has one, must not reach the network from a unit test.
        const beacon = typeof navigator !== 'undefined' && 'sendBeacon' in navigator
        const spy = beacon ? vi.spyOn(navigator, 'sendBeacon').mockReturnValue(false) : undefined
        try {
          expect(() => transport.sendOnUnload!(sampleBatch())).not.toThrow()
        } finally {
          spy?.mockRestore()
        }
      })
    }
  })
}

/** Polls a condition on the microtask/macrotask queue (no timing assertion: waits for a state). */
export async function waitFor(condition: () => boolean, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  throw new Error('condition not reached')
}

/** The JSON shape of a value: object keys and primitive types, arrays by their first element. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return [value.length > 0 ? shapeOf(value[0]) : 'empty']
  if (value === null) return 'null'
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as object).map(([key, inner]) => [key, shapeOf(inner)]))
  }
  return typeof value
}

/**
 * Every key of the documented example is present in ours with the same JSON type (ours may add keys).
 * `maps` lists the paths (e.g. `$.records[0].answers`) of free-form objects: only "is an object" is checked.
 */
export function expectShapeCovers(ours: unknown, documented: unknown, maps: string[] = []): void {
  compare(shapeOf(ours), shapeOf(documented), '$', new Set(maps))
}

function compare(ours: unknown, documented: unknown, path: string, maps: Set<string>): void {
  if (maps.has(path)) {
    if (typeof ours !== 'object' || ours === null || Array.isArray(ours)) throw new Error(`${path}: expected an object`)
    return
  }
  if (typeof documented === 'string') {
    if (ours !== documented) throw new Error(`${path}: documented ${documented}, sent ${JSON.stringify(ours)}`)
    return
  }
  if (Array.isArray(documented)) {
    if (!Array.isArray(ours)) throw new Error(`${path}: documented an array, sent ${JSON.stringify(ours)}`)
    if (documented[0] !== 'empty') compare(ours[0], documented[0], `${path}[0]`, maps)
    return
  }
  const doc = documented as Record<string, unknown>
  const our = ours as Record<string, unknown>
  if (typeof our !== 'object' || our === null || Array.isArray(our)) throw new Error(`${path}: documented an object`)
  for (const key of Object.keys(doc)) {
    if (!(key in our)) throw new Error(`${path}.${key}: documented, not sent`)
    compare(our[key], doc[key], `${path}.${key}`, maps)
  }
}
