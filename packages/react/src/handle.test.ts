import type { Touchloop } from '@touchloop/core'
import { describe, expect, it, vi } from 'vitest'
import { createTouchloopHandle } from './handle'

function fakeInstance() {
  const calls: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const instance = {
    track: vi.fn((name: string) => void calls.push(`track:${name}`)),
    identify: vi.fn((id: string) => void calls.push(`identify:${id}`)),
    show: vi.fn(async (id: string) => {
      calls.push(`show:${id}`)
      return true
    }),
    flush: vi.fn(async () => void calls.push('flush')),
    on: vi.fn((event: string, callback: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(callback)
      listeners.set(event, set)
      return () => set.delete(callback)
    }),
    emit: (event: string, payload: unknown) => {
      for (const callback of listeners.get(event) ?? []) callback(payload)
    },
    listenerCount: (event: string) => listeners.get(event)?.size ?? 0,
  }
  return { instance: instance as unknown as Touchloop & typeof instance, calls }
}

describe('createTouchloopHandle', () => {
  it('keeps calls made before the instance exists and replays them in order, settling their promises', async () => {
    const handle = createTouchloopHandle()
    handle.identify('ada')
    handle.track('checkout_completed', { orderValue: 120 })
    const shown = handle.show('post-checkout-nps')
    expect(handle.instance).toBeUndefined()
    const { instance, calls } = fakeInstance()
    handle.attach(instance)
    expect(calls).toEqual(['identify:ada', 'track:checkout_completed', 'show:post-checkout-nps'])
    expect(instance.track).toHaveBeenCalledWith('checkout_completed', { orderValue: 120 })
    await expect(shown).resolves.toBe(true)
    handle.track('later')
    expect(calls.at(-1)).toBe('track:later')
  })

  it('keeps listeners across instances (StrictMode remounts) and unsubscribes from the live one', () => {
    const handle = createTouchloopHandle()
    const seen: unknown[] = []
    const off = handle.on('survey:completed', (payload) => seen.push(payload))
    const first = fakeInstance().instance
    handle.attach(first)
    first.emit('survey:completed', 1)
    handle.detach()
    expect(first.listenerCount('survey:completed')).toBe(0)
    const second = fakeInstance().instance
    handle.attach(second)
    second.emit('survey:completed', 2)
    off()
    second.emit('survey:completed', 3)
    expect(seen).toEqual([1, 2])
  })

  it('bounds what it keeps when no instance ever comes, settling dropped promises with the fallback', async () => {
    const handle = createTouchloopHandle()
    const first = handle.show('a')
    for (let i = 0; i < 100; i++) handle.track(`event-${i}`)
    await expect(first).resolves.toBe(false)
    const { instance, calls } = fakeInstance()
    handle.attach(instance)
    expect(calls).toHaveLength(100)
    expect(calls[0]).toBe('track:event-0')
  })
})
