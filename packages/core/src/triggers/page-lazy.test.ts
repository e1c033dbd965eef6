import { describe, expect, it } from 'vitest'
import type { PageSignals } from './page'
import { createLazyPageSignals } from './page-lazy'

function fakeSignals() {
  const attached: string[] = []
  const detached: string[] = []
  const signals: PageSignals = {
    onClick: (selector) => {
      attached.push(`click ${selector}`)
      return () => detached.push(`click ${selector}`)
    },
    onExitIntent: () => () => {},
    onScrollDepth: () => () => {},
    onDwell: () => () => {},
  }
  return { signals, attached, detached }
}

describe('lazy page signals', () => {
  it('loads the module once, on first use, and attaches when it arrives', async () => {
    const { signals, attached, detached } = fakeSignals()
    let loads = 0
    const lazy = createLazyPageSignals(
      async () => {
        loads++
        return signals
      },
      () => {},
    )
    const off = lazy.onClick(
      '#a',
      () => {},
      () => {},
    )
    lazy.onClick(
      '#b',
      () => {},
      () => {},
    )
    expect(attached).toEqual([])
    await Promise.resolve()
    await Promise.resolve()
    expect(loads).toBe(1)
    expect(attached).toEqual(['click #a', 'click #b'])
    off()
    expect(detached).toEqual(['click #a'])
  })

  it('never attaches a listener cancelled before the module arrived; reports a failed load', async () => {
    const { signals, attached } = fakeSignals()
    const lazy = createLazyPageSignals(
      async () => signals,
      () => {},
    )
    lazy.onClick(
      '#a',
      () => {},
      () => {},
    )()
    await Promise.resolve()
    await Promise.resolve()
    expect(attached).toEqual([])

    const errors: unknown[] = []
    const failing = createLazyPageSignals(
      () => Promise.reject(new Error('offline')),
      (error) => errors.push(error),
    )
    failing.onDwell(5, () => {})
    await Promise.resolve()
    await Promise.resolve()
    expect(errors).toHaveLength(1)
  })
})
