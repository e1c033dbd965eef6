import type { Survey } from '@touchloop/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ownKit } from './own-kit'
import { flush, key, setup } from './test/harness'

const nps: Survey = {
  id: 'nps',
  touchpoints: [{ type: 'pageview' }],
  questions: [
    {
      id: 'score',
      type: 'nps',
      text: 'How likely are you to recommend us?',
      required: true,
      jumps: [{ if: { question: 'score', op: 'npsCategory', value: 'promoter' }, to: 'end' }],
    },
    { id: 'why', type: 'text', text: 'What could we do better?', multiline: true, minLength: 3 },
  ],
  endings: [
    {
      id: 'promoter',
      if: { question: 'score', op: 'npsCategory', value: 'promoter' },
      title: 'Thanks!',
      cta: { text: 'Leave a review', url: 'https://example.com/review' },
    },
    { id: 'default', title: 'Thank you for the feedback' },
  ],
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('renderSurvey', () => {
  it('mounts one host with an open shadow root and adopted styles, no style attributes', async () => {
    const w = setup(nps)
    await w.ready()
    expect(document.querySelectorAll('touchloop-survey')).toHaveLength(1)
    expect(w.host()!.shadowRoot!.mode).toBe('open')
    expect(w.root().adoptedStyleSheets.length).toBeGreaterThan(0)
    expect(w.root().querySelectorAll('[style]')).toHaveLength(0)
    expect(w.root().querySelector('style')).toBeNull()
    await vi.waitFor(() => expect(w.context.onShown).toHaveBeenCalledTimes(1))
  })

  it('renders NPS as a dialog with a radiogroup of radios named 0…10 and described by the labels', async () => {
    const w = setup(nps)
    await w.ready()
    const dialog = w.$<HTMLDialogElement>('dialog')!
    expect(dialog.open).toBe(true)
    expect(dialog.getAttribute('aria-label')).toBe('Survey')
    const group = w.$('[role=radiogroup]')!
    expect(group.getAttribute('aria-labelledby')).toBe('tl-q')
    expect(w.$('#tl-q')!.textContent).toBe('How likely are you to recommend us?')
    expect(w.radios().map((radio) => radio.textContent)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ])
    const describedBy = group.getAttribute('aria-describedby')!.split(' ')
    expect(describedBy.map((id) => w.$(`#${id}`)!.textContent)).toEqual([
      '0: Not at all likely',
      '10: Extremely likely',
    ])
    expect(w.radios().map((radio) => radio.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1])
  })

  it('an unsolicited popover is non-modal: it leaves focus in the page, announces itself and traps nothing', async () => {
    const button = document.createElement('button')
    document.body.append(button)
    button.focus()
    const w = setup(nps)
    await w.ready()
    const dialog = w.$<HTMLDialogElement>('dialog')!
    expect(dialog.hasAttribute('aria-modal')).toBe(false)
    await vi.waitFor(() =>
      expect(w.$('[aria-live=polite]')!.textContent).toBe(
        'Survey. Question 1 of 2. How likely are you to recommend us?',
      ),
    )
    expect(document.activeElement).toBe(button)
    const next = w.$<HTMLButtonElement>('[part=next]')!
    next.focus()
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, composed: true, cancelable: true })
    next.dispatchEvent(tab)
    expect(tab.defaultPrevented).toBe(false)
    key(next, 'Escape')
    expect(w.context.onDismiss).toHaveBeenCalledWith('escape')
    expect(w.host()).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('a popover closed while the user works in the page leaves their focus where it is', async () => {
    const w = setup(nps)
    await w.ready()
    const field = document.createElement('input')
    document.body.append(field)
    field.focus()
    w.handle.close()
    expect(document.activeElement).toBe(field)
  })

  it('a sheet is modal: focus moves in, Tab stays inside, Escape gives focus back', async () => {
    const button = document.createElement('button')
    document.body.append(button)
    button.focus()
    const w = setup({ ...nps, presentation: { mode: 'sheet' } })
    await w.ready()
    const dialog = w.$<HTMLDialogElement>('dialog')!
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.open).toBe(true)
    expect(w.$('.grab')!.getAttribute('aria-hidden')).toBe('true')
    await vi.waitFor(() => expect(w.root().activeElement).toBe(w.radios()[0]))
    const close = w.$<HTMLButtonElement>('[part=close]')!
    const next = w.$<HTMLButtonElement>('[part=next]')!
    next.focus()
    key(next, 'Tab')
    expect(w.root().activeElement).toBe(close)
    key(close, 'Tab', { shiftKey: true })
    expect(w.root().activeElement).toBe(next)
    key(next, 'Escape')
    expect(w.context.onDismiss).toHaveBeenCalledWith('escape')
    expect(w.host()).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('records the answer with its time, then follows the jump to the promoter ending with a CTA', async () => {
    const w = setup(nps)
    await w.ready()
    w.radios()[10]!.click()
    await flush()
    expect(w.radios()[10]!.getAttribute('aria-checked')).toBe('true')
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('Thanks!'))
    expect(w.answers).toEqual([{ questionId: 'score', value: 10, msToAnswer: expect.any(Number) }])
    expect(w.context.onComplete).toHaveBeenCalledWith('promoter')
    const cta = w.$<HTMLAnchorElement>('[part=cta]')!
    expect(cta.href).toBe('https://example.com/review')
    expect(cta.rel).toBe('noopener noreferrer')
    w.$<HTMLButtonElement>('[part=close]')!.click()
    expect(w.context.onDismiss).not.toHaveBeenCalled()
    expect(w.host()).toBeNull()
  })

  it("uses core's flow and text functions when the context hands them over", async () => {
    const kit = { ...ownKit, nextStep: vi.fn(ownKit.nextStep), textDirection: vi.fn(ownKit.textDirection) }
    const w = setup(nps, { kit })
    await w.ready()
    expect(kit.textDirection).toHaveBeenCalledWith('en')
    w.radios()[9]!.click()
    await flush()
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('Thanks!'))
    expect(kit.nextStep).toHaveBeenCalledWith(nps, 'score', { score: 9 })
  })

  it('announces each step in a polite live region', async () => {
    const w = setup(nps)
    await w.ready()
    const live = () => w.$('[aria-live=polite]')!.textContent
    await vi.waitFor(() => expect(live()).toBe('Survey. Question 1 of 2. How likely are you to recommend us?'))
    w.radios()[1]!.click()
    await flush()
    w.next()
    await vi.waitFor(() => expect(live()).toBe('Question 2 of 2. What could we do better?'))
  })

  it('announces an ending without doubled punctuation', async () => {
    const w = setup({ ...nps, questions: [nps.questions[0]!], endings: undefined })
    await w.ready()
    w.radios()[3]!.click()
    await flush()
    w.next()
    await vi.waitFor(() =>
      expect(w.$('[aria-live=polite]')!.textContent).toBe('Thank you! Your feedback helps us make it better.'),
    )
  })

  it('fills the progress bar with what was answered, so it starts empty', async () => {
    const w = setup(nps)
    await w.ready()
    const bar = () => w.$<HTMLProgressElement>('[part=progress]')!
    expect([bar().value, bar().max]).toEqual([0, 2])
    expect(bar().getAttribute('aria-label')).toBe('Question 1 of 2')
    w.radios()[3]!.click()
    await flush()
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('What could we do better?'))
    expect([bar().value, bar().max]).toEqual([1, 2])
  })

  it('asks for a required answer instead of moving on', async () => {
    const w = setup(nps)
    await w.ready()
    w.next()
    await flush()
    expect(w.$('[role=alert]')!.textContent).toBe('Please answer this question.')
    expect(w.context.onAnswer).not.toHaveBeenCalled()
  })

  it('keeps the answer and shows a retry state when storing it fails', async () => {
    let fail = true
    const w = setup(nps, {
      onAnswer: vi.fn(async () => {
        if (fail) throw new Error('disk full')
      }),
    })
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    await w.ready()
    w.radios()[3]!.click()
    await flush()
    w.next()
    await vi.waitFor(() =>
      expect(w.$('[role=alert]')?.textContent).toBe('Your answer could not be saved. Please try again.'),
    )
    expect(w.title()).toBe('How likely are you to recommend us?')
    expect(w.radios()[3]!.getAttribute('aria-checked')).toBe('true')
    fail = false
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('What could we do better?'))
    expect(w.context.onAnswer).toHaveBeenCalledTimes(2)
    consoleError.mockRestore()
  })

  it('validates text, goes back with the answer kept, and ends on the default ending', async () => {
    const w = setup(nps)
    await w.ready()
    w.radios()[2]!.click()
    await flush()
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('What could we do better?'))
    const field = w.$<HTMLTextAreaElement>('textarea')!
    field.value = 'no'
    field.dispatchEvent(new Event('input', { bubbles: true }))
    await flush()
    w.next()
    await flush()
    expect(w.$('#tl-err')!.textContent).toBe('Please enter at least 3 characters.')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    w.$<HTMLButtonElement>('[part=back]')!.click()
    await flush()
    expect(w.radios()[2]!.getAttribute('aria-checked')).toBe('true')
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('What could we do better?'))
    const again = w.$<HTMLTextAreaElement>('textarea')!
    again.value = 'faster support'
    again.dispatchEvent(new Event('input', { bubbles: true }))
    await flush()
    expect(w.$('[part=next]')!.textContent).toBe('Submit')
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('Thank you for the feedback'))
    expect(w.answers.map((a) => [a.questionId, a.value])).toEqual([
      ['score', 2],
      ['score', 2],
      ['why', 'faster support'],
    ])
    expect(w.context.onComplete).toHaveBeenCalledWith('default')
  })

  it('resumes at the current question with earlier answers, and back still works', async () => {
    const w = setup(nps, { answers: { score: 4 }, currentQuestionId: 'why' })
    await w.ready()
    expect(w.title()).toBe('What could we do better?')
    w.$<HTMLButtonElement>('[part=back]')!.click()
    await flush()
    expect(w.radios()[4]!.getAttribute('aria-checked')).toBe('true')
  })

  it('renders survey text as text: an XSS payload shows as characters', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    const w = setup({ ...nps, questions: [{ id: 'q', type: 'nps', text: payload, description: payload }] })
    await w.ready()
    expect(w.title()).toBe(payload)
    expect(w.root().querySelector('img, script')).toBeNull()
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined()
  })

  it('close() from core removes the widget without a dismissal', async () => {
    const w = setup(nps)
    await w.ready()
    w.handle.close()
    w.handle.close()
    expect(w.host()).toBeNull()
    expect(w.context.onDismiss).not.toHaveBeenCalled()
  })

  it('close() before the strings are loaded renders nothing', async () => {
    const w = setup(nps, { locale: 'de' })
    w.handle.close()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(w.host()).toBeNull()
  })
})

describe('presentations', () => {
  it('mounts inline into the container as a region without taking focus', async () => {
    const container = document.createElement('div')
    document.body.append(container)
    const w = setup(nps, { container })
    await w.ready()
    expect(w.host()!.parentElement).toBe(container)
    expect(w.$('section[aria-label=Survey]')).toBeTruthy()
    expect(w.$('dialog')).toBeNull()
    expect(w.root().activeElement).toBeNull()
  })

  it('falls back to a popover when the inline target is missing, saying so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const w = setup({ ...nps, presentation: { mode: 'inline', target: '#nowhere' } })
    await w.ready()
    expect(w.$('dialog')).toBeTruthy()
    expect(warn.mock.calls[0]![0]).toContain('#nowhere')
    warn.mockRestore()
  })

  it('positions popovers and renders a bottom sheet', async () => {
    const w = setup({ ...nps, presentation: { mode: 'popover', position: 'top-left' } })
    await w.ready()
    expect(w.$('dialog')!.className).toBe('card pop top-left')
    w.handle.close()
    const s = setup({ ...nps, presentation: { mode: 'sheet' } })
    await s.ready()
    expect(s.$('dialog')!.className).toBe('card pop sheet')
  })

  it('a feedback tab opens the survey on demand and folds back, keeping the answers', async () => {
    const w = setup({ ...nps, presentation: { mode: 'tab' } })
    await vi.waitFor(() => expect(w.host()?.shadowRoot?.querySelector('[part=launcher]')).toBeTruthy())
    expect(w.$<HTMLDialogElement>('dialog')!.open).toBe(false)
    expect(w.context.onShown).not.toHaveBeenCalled()
    w.$<HTMLButtonElement>('[part=launcher]')!.click()
    await flush()
    expect(w.$<HTMLDialogElement>('dialog')!.open).toBe(true)
    await vi.waitFor(() => expect(w.context.onShown).toHaveBeenCalledTimes(1))
    w.radios()[5]!.click()
    await flush()
    w.$<HTMLButtonElement>('[part=close]')!.click()
    await flush()
    expect(w.context.onDismiss).toHaveBeenCalledWith('close')
    expect(w.$<HTMLDialogElement>('dialog')!.open).toBe(false)
    w.$<HTMLButtonElement>('[part=launcher]')!.click()
    await flush()
    expect(w.radios()[5]!.getAttribute('aria-checked')).toBe('true')
    expect(w.context.onShown).toHaveBeenCalledTimes(1)
  })
})

describe('theme and locale', () => {
  it('applies scheme, vars and z-index through stylesheets, rejecting values that could escape the rule', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const w = setup(nps, {
      theme: {
        scheme: 'dark',
        vars: { '--tl-accent': '#5b21b6', '--x': 'red}body{color:red' },
        zIndex: 10,
        css: '.card{border-width:3px}',
      },
    })
    await w.ready()
    expect(w.host()!.getAttribute('data-scheme')).toBe('dark')
    const css = w
      .root()
      .adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
      .join('\n')
    expect(css).toContain('--tl-accent: #5b21b6')
    expect(css).toContain('--tl-z: 10')
    expect(css).toContain('border-width: 3px')
    expect(css).not.toContain('color: red')
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })

  it('falls back to <style nonce> where constructable stylesheets are missing', async () => {
    vi.stubGlobal('CSSStyleSheet', undefined)
    try {
      const w = setup(nps, { theme: { nonce: 'n0nce', css: '.card{border-width:3px}' } })
      await w.ready()
      const styles = w.$$<HTMLStyleElement>('style')
      expect(styles.length).toBeGreaterThan(1)
      expect(styles.every((style) => style.nonce === 'n0nce')).toBe(true)
      expect(styles.map((style) => style.textContent).join('')).toContain('border-width:3px')
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('speaks Hebrew right to left with its own UI strings', async () => {
    const w = setup(nps, { locale: 'he-IL' })
    await w.ready()
    expect(w.host()!.getAttribute('dir')).toBe('rtl')
    expect(w.host()!.getAttribute('lang')).toBe('he-IL')
    expect(w.$('[part=next]')!.textContent).toBe('הבא')
  })

  it('resolves localized survey text for the display locale', async () => {
    const w = setup(
      { ...nps, questions: [{ id: 'q', type: 'nps', text: { en: 'Recommend?', de: 'Empfehlen?' } }] },
      { locale: 'de-AT' },
    )
    await w.ready()
    expect(w.title()).toBe('Empfehlen?')
    expect(w.$('[part=next]')!.textContent).toBe('Absenden')
  })
})
