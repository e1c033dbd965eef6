// The rare-paths chunk (rare.ts) loads on the first answer that is not 2xx for every item. When it
// cannot load (offline, not cached), the batch must keep its lease and go again once the lease ends:
// nothing lost, nothing deleted, delivered once.
import { describe, expect, it, vi } from 'vitest'
import { createDelivery } from './index'
import { createMemoryStore } from './store'
import { createEventLog, createFakeEnvironment, createScriptedTransport, makeRecord } from './testing'

vi.mock('./rare', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

describe('rare-paths chunk that cannot load (failed sends)', () => {
  it('is not needed by a delivery that goes well (2xx for every item)', async () => {
    const env = createFakeEnvironment()
    const log = createEventLog()
    const store = createMemoryStore()
    const record = makeRecord()
    const transport = createScriptedTransport('test', [{ status: 202, items: { [`${record.id}:1`]: { status: 201 } } }])
    const delivery = createDelivery({
      transports: [transport],
      env,
      emit: log.emit,
      store,
      locks: null,
      broadcast: null,
    })
    await delivery.enqueue(record)
    await delivery.flush()
    expect(log.of('error')).toEqual([])
    expect(log.of('delivery:sent')).toEqual([{ transport: 'test', keys: [`${record.id}:1`] }])
    expect(store.items.size).toBe(0)
    delivery.destroy()
  })

  it.each([{ status: 500 }, { status: 400 }, { status: 200, items: { placeholder: { status: 422 } } }])(
    'keeps the batch leased after %j, says why, and resends it once the lease ends',
    async (first) => {
      const env = createFakeEnvironment()
      const log = createEventLog()
      const store = createMemoryStore()
      const record = makeRecord()
      const key = `${record.id}:1`
      const answer = 'items' in first ? { status: 200, items: { [key]: { status: 422 } } } : first
      const transport = createScriptedTransport('test', [answer, { status: 200 }])
      const leaseMs = 30_000
      const delivery = createDelivery({
        transports: [transport],
        env,
        emit: log.emit,
        store,
        locks: null,
        broadcast: null,
        leaseMs,
      })
      await delivery.enqueue(record)
      await delivery.flush()
      expect(transport.calls).toHaveLength(1)
      expect(log.of('error').map((error) => error.message)).toEqual([
        expect.stringMatching(
          /^touchloop delivery \(test\): the code that handles failed sends did not load \(.+\); the batch is sent again when its lease ends$/,
        ),
      ])
      // Still stored and still leased: flush() does not resend it before the lease ends.
      expect([...store.items.values()]).toEqual([expect.objectContaining({ key, attempts: 1 })])
      await delivery.flush()
      expect(transport.calls).toHaveLength(1)
      env.advance(leaseMs)
      await vi.waitFor(() => expect(store.items.size).toBe(0))
      expect(transport.calls.map((call) => call.batch.map((item) => item.key))).toEqual([[key], [key]])
      expect(log.of('delivery:sent')).toEqual([{ transport: 'test', keys: [key] }])
      delivery.destroy()
    },
  )
})
