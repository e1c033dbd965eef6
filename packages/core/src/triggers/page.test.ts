import { describe, expect, it } from 'vitest'
import { createTestEnv } from '../test-support/test-env'
import { createPageSignals, scrollPercent } from './page'

function fakeScroll(scrollHeight: number, innerHeight: number, scrollY: number) {
  const doc = { documentElement: { scrollHeight }, body: { scrollHeight } } as unknown as Document
  const win = { innerHeight, scrollY } as unknown as Window
  return { doc, win }
}

describe('scroll depth', () => {
  it('is the share of the page seen so far', () => {
    const { doc, win } = fakeScroll(4000, 1000, 0)
    expect(scrollPercent(doc, win)).toBe(25)
    ;(win as { scrollY: number }).scrollY = 2000
    expect(scrollPercent(doc, win)).toBe(75)
  })

  it('counts a page shorter than the viewport as fully seen', () => {
    const { doc, win } = fakeScroll(500, 1000, 0)
    expect(scrollPercent(doc, win)).toBe(100)
  })

  it('fires after a scroll event once the depth is reached, reading layout in a frame', () => {
    const env = createTestEnv()
    const frames: FrameRequestCallback[] = []
    const target = new EventTarget()
    const win = Object.assign(target, {
      innerHeight: 1000,
      scrollY: 0,
      requestAnimationFrame: (callback: FrameRequestCallback) => frames.push(callback),
    }) as unknown as Window
    const doc = { documentElement: { scrollHeight: 4000 }, body: { scrollHeight: 4000 } } as unknown as Document
    let fired = 0
    const off = createPageSignals(env, doc, win).onScrollDepth(75, () => fired++)
    target.dispatchEvent(new Event('scroll'))
    target.dispatchEvent(new Event('scroll'))
    expect(frames).toHaveLength(1)
    frames.shift()!(0)
    expect(fired).toBe(0)
    ;(win as unknown as { scrollY: number }).scrollY = 2000
    target.dispatchEvent(new Event('scroll'))
    frames.shift()!(0)
    expect(fired).toBe(1)
    off()
    target.dispatchEvent(new Event('scroll'))
    expect(frames).toHaveLength(0)
  })
})
