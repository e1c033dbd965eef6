// show({ signal }): the app takes a survey back (an inline survey whose component unmounted).
import { describe, expect, it } from 'vitest'
import type { Survey } from './model'
import { settle, setupTouchloop, until } from './test-support/harness'

const survey = (id: string): Survey => ({
  id,
  version: 1,
  touchpoints: [{ type: 'event', event: id }],
  presentation: { mode: 'inline' },
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
})

describe('show() with a signal', () => {
  it('closes the survey on screen when aborted, reports it dismissed as removed, and frees the slot', async () => {
    const { widget, touchloop, records } = setupTouchloop({ surveys: [survey('inline'), survey('next')] })
    const dismissed: string[] = []
    touchloop.on('survey:dismissed', ({ surveyId, reason }) => dismissed.push(`${surveyId}:${reason}`))
    const taken = new AbortController()
    const container = document.createElement('div')
    expect(await touchloop.show('inline', { container, signal: taken.signal })).toBe(true)
    widget.contexts[0]!.onShown()
    taken.abort()
    expect(widget.closed).toEqual(['inline'])
    expect(dismissed).toEqual(['inline:removed'])
    // Without the abort, "next" would wait behind the inline survey for the rest of the page's life.
    touchloop.track('next')
    await until(() => widget.contexts.length === 2)
    expect(widget.contexts[1]!.survey.id).toBe('next')
    await touchloop.flush()
    expect(records.filter((r) => r.surveyId === 'inline').map((r) => r.event)).toEqual(['shown', 'dismissed'])
  })

  it('drops a waiting show() when aborted before its turn, and a later show() of the same survey still works', async () => {
    const { widget, touchloop } = setupTouchloop({ surveys: [survey('first'), survey('inline')] })
    expect(await touchloop.show('first')).toBe(true)
    const taken = new AbortController()
    const waiting = touchloop.show('inline', { container: document.createElement('div'), signal: taken.signal })
    await settle()
    taken.abort()
    const again = touchloop.show('inline', { container: document.createElement('div') })
    expect(await waiting).toBe(false)
    widget.contexts[0]!.onDismiss('close')
    expect(await again).toBe(true)
    expect(widget.contexts.map((c) => c.survey.id)).toEqual(['first', 'inline'])
  })

  it('does nothing with a signal aborted before show() and after the survey was completed', async () => {
    const { widget, touchloop } = setupTouchloop({ surveys: [survey('inline')] })
    expect(await touchloop.show('inline', { signal: AbortSignal.abort() })).toBe(false)
    const taken = new AbortController()
    expect(await touchloop.show('inline', { signal: taken.signal, force: true })).toBe(true)
    widget.contexts[0]!.onComplete()
    taken.abort()
    expect(widget.closed).toEqual([])
  })
})
