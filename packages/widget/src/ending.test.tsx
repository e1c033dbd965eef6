// The ending card: body text, a CTA per NPS category (through the survey's endings), and auto-close.
import type { Survey } from '@touchloop/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flush, setup } from './test/harness'

function npsSurvey(presentation: Survey['presentation'] = {}): Survey {
  return {
    id: 'nps',
    touchpoints: [{ type: 'pageview' }],
    presentation,
    questions: [{ id: 'score', type: 'nps', text: 'How likely are you to recommend us?', required: true }],
    endings: [
      {
        id: 'promoter',
        if: { question: 'score', op: 'npsCategory', value: 'promoter' },
        title: 'Thanks, that means a lot!',
        text: 'Would you leave us a review?',
        cta: { text: 'Write a review', url: 'https://example.com/review' },
      },
      {
        id: 'detractor',
        if: { question: 'score', op: 'npsCategory', value: 'detractor' },
        title: 'Sorry to hear that',
        cta: { text: 'Talk to support', url: 'https://example.com/support' },
      },
      { id: 'passive', title: 'Thank you' },
    ],
  }
}

async function answer(w: ReturnType<typeof setup>, score: number) {
  await w.ready()
  w.radios()[score]!.click()
  await flush()
  w.next()
  await vi.waitFor(() => expect(w.$('[part=container] .done')).toBeTruthy())
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('ending', () => {
  it('shows a CTA per NPS category through the endings', async () => {
    const promoter = setup(npsSurvey())
    await answer(promoter, 10)
    expect(promoter.$<HTMLAnchorElement>('[part=cta]')!.href).toBe('https://example.com/review')
    expect(promoter.$('[part=description]')!.textContent).toBe('Would you leave us a review?')
    promoter.handle.close()
    const detractor = setup(npsSurvey())
    await answer(detractor, 2)
    expect(detractor.title()).toBe('Sorry to hear that')
    expect(detractor.$<HTMLAnchorElement>('[part=cta]')!.href).toBe('https://example.com/support')
  })

  it('is never a bare title: an ending without text gets the built-in body text', async () => {
    const w = setup(npsSurvey())
    await answer(w, 7)
    expect(w.title()).toBe('Thank you')
    expect(w.$('[part=description]')!.textContent).toBe('Your feedback helps us make it better.')
    expect(w.$('[part=cta]')).toBeNull()
  })

  it('closes by itself after presentation.autoCloseSeconds, as a completion, not a dismissal', async () => {
    const w = setup(npsSurvey({ autoCloseSeconds: 0.05 }))
    await answer(w, 8)
    await vi.waitFor(() => expect(w.host()).toBeNull())
    expect(w.context.onComplete).toHaveBeenCalledWith('passive')
    expect(w.context.onDismiss).not.toHaveBeenCalled()
  })

  it('closes after 5 seconds by default', async () => {
    const w = setup(npsSurvey())
    await w.ready()
    vi.useFakeTimers()
    try {
      w.radios()[8]!.click()
      await vi.advanceTimersByTimeAsync(10)
      w.next()
      await vi.advanceTimersByTimeAsync(100)
      expect(w.title()).toBe('Thank you')
      await vi.advanceTimersByTimeAsync(4800)
      expect(w.host()).not.toBeNull()
      await vi.advanceTimersByTimeAsync(200)
      expect(w.host()).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('stays open with a CTA, with autoCloseSeconds: 0, and inline', async () => {
    const withCta = setup(npsSurvey({ autoCloseSeconds: 0.01 }))
    await answer(withCta, 10)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(withCta.host()).not.toBeNull()
    withCta.handle.close()
    const never = setup(npsSurvey({ autoCloseSeconds: 0 }))
    await answer(never, 8)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(never.host()).not.toBeNull()
    never.handle.close()
    const container = document.createElement('div')
    document.body.append(container)
    const inline = setup(npsSurvey({ autoCloseSeconds: 0.01 }), { container })
    await answer(inline, 8)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(inline.host()).not.toBeNull()
  })
})
