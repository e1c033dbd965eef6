// The stages of createTouchloop(): a survey is shown only once the code that queues its answers (the
// delivery stage, a lazy chunk) is loaded, so an answer never waits on a chunk that fails to load.
import { describe, expect, it, vi } from 'vitest'
import type { Survey } from './model'
import { setupTouchloop } from './test-support/harness'

vi.mock('./delivery/index', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const survey: Survey = {
  id: 'nps',
  version: 1,
  touchpoints: [{ type: 'event', event: 'buy' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
}

describe('stages', () => {
  it('does not show a survey while the delivery stage cannot load, and says why', async () => {
    const { widget, touchloop } = setupTouchloop({ surveys: [survey] })
    const errors: string[] = []
    touchloop.on('error', ({ message }) => errors.push(message))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await touchloop.show('nps')).toBe(false)
    expect(widget.contexts).toEqual([])
    expect(errors.join('\n')).toMatch(/loading the survey presenter failed/)
    warn.mockRestore()
  })
})
