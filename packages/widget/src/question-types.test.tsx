import type { Question, Survey } from '@touchloop/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { stableShuffle } from './shuffle'
import { flush, key, setup } from './test/harness'

const one = (question: Question, extra: Partial<Survey> = {}): Survey => ({
  id: 's',
  touchpoints: [{ type: 'pageview' }],
  questions: [question, { id: 'last', type: 'nps', text: 'Last' }],
  ...extra,
})

const input = (element: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  element.value = value
  element.dispatchEvent(new Event('input', { bubbles: true }))
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('scales', () => {
  it.each([
    ['csat', { id: 'q', type: 'csat', text: 'Q' }, ['1', '2', '3', '4', '5'], 'Very dissatisfied'],
    ['ces', { id: 'q', type: 'ces', text: 'Q' }, ['1', '2', '3', '4', '5', '6', '7'], 'Very difficult'],
    ['rating', { id: 'q', type: 'rating', scale: 4, text: 'Q', lowLabel: 'Bad' }, ['1', '2', '3', '4'], 'Bad'],
  ] as const)('%s renders its points and labels', async (_type, question, names, low) => {
    const w = setup(one(question as Question))
    await w.ready()
    expect(w.radios().map((radio) => radio.textContent)).toEqual(names)
    expect(w.$('#tl-lo')!.textContent).toContain(low)
  })

  it('clamps a rating scale to 3–10 points', async () => {
    const w = setup(one({ id: 'q', type: 'rating', scale: 42, text: 'Q' }))
    await w.ready()
    expect(w.radios()).toHaveLength(10)
  })

  it('shows stars filled up to the choice, with the number as the accessible name', async () => {
    const w = setup(one({ id: 'q', type: 'rating', scale: 5, display: 'stars', text: 'Q' }))
    await w.ready()
    w.radios()[2]!.click()
    await flush()
    expect(w.radios().map((radio) => radio.classList.contains('on'))).toEqual([true, true, true, false, false])
    expect(w.radios()[2]!.querySelector('.sr')!.textContent).toBe('3')
    expect(w.radios()[2]!.querySelector('[aria-hidden=true]')!.textContent).toBe('★')
  })

  it('draws faces from angry to happy as SVG, not emoji a system may lack a font for', async () => {
    const w = setup(one({ id: 'q', type: 'csat', display: 'emoji', text: 'Q' }))
    await w.ready()
    const faces = w.radios().map((radio) => radio.querySelector('svg.face[aria-hidden=true]'))
    expect(faces.every(Boolean)).toBe(true)
    expect(w.radios().map((radio) => radio.textContent)).toEqual(['1', '2', '3', '4', '5'])
    const mouths = faces.map((face) => face!.querySelector('path')!.getAttribute('d'))
    expect(new Set(mouths).size).toBe(5)
  })
})

describe('radiogroup keyboard', () => {
  it('arrow keys move and select, Home/End jump, and the group has one tab stop', async () => {
    const w = setup(one({ id: 'q', type: 'nps', text: 'Q' }))
    await w.ready()
    const radios = w.radios()
    key(radios[0]!, 'ArrowRight')
    await flush()
    expect(w.radios()[1]!.getAttribute('aria-checked')).toBe('true')
    expect(w.root().activeElement).toBe(w.radios()[1])
    expect(w.radios().filter((radio) => radio.tabIndex === 0)).toEqual([w.radios()[1]])
    key(w.radios()[1]!, 'End')
    await flush()
    expect(w.root().activeElement).toBe(w.radios()[10])
    key(w.radios()[10]!, 'ArrowDown')
    await flush()
    expect(w.root().activeElement).toBe(w.radios()[0])
    key(w.radios()[0]!, 'ArrowUp')
    await flush()
    expect(w.radios()[10]!.getAttribute('aria-checked')).toBe('true')
  })

  it('mirrors Left/Right in right-to-left languages', async () => {
    const w = setup(one({ id: 'q', type: 'nps', text: 'Q' }), { locale: 'ar' })
    await w.ready()
    key(w.radios()[5]!, 'ArrowLeft')
    await flush()
    expect(w.radios()[6]!.getAttribute('aria-checked')).toBe('true')
    key(w.radios()[6]!, 'ArrowRight')
    await flush()
    expect(w.radios()[5]!.getAttribute('aria-checked')).toBe('true')
  })
})

describe('choices', () => {
  const choices = [
    { id: 'a', text: 'Alpha' },
    { id: 'b', text: 'Beta' },
    { id: 'c', text: 'Gamma' },
  ]

  it('single choice with "Other" hands the typed text to core', async () => {
    const w = setup(one({ id: 'q', type: 'single', text: 'Q', choices, other: true, required: true }))
    await w.ready()
    expect(w.radios().map((radio) => radio.textContent)).toEqual(['Alpha', 'Beta', 'Gamma', 'Other'])
    w.radios()[3]!.click()
    await flush()
    w.next()
    await flush()
    expect(w.$('[role=alert]')!.textContent).toBe('Please answer this question.')
    input(w.$<HTMLInputElement>('input[aria-label="Please specify"]')!, 'Delta')
    await flush()
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('Last'))
    expect(w.answers[0]).toMatchObject({ questionId: 'q', value: 'other', otherText: 'Delta' })
  })

  it('multi choice keeps the display order of the checked choices', async () => {
    const w = setup(one({ id: 'q', type: 'multi', text: 'Q', choices }))
    await w.ready()
    const boxes = w.$$<HTMLInputElement>('input[type=checkbox]')
    expect(w.$('fieldset')!.getAttribute('aria-labelledby')).toBe('tl-q')
    boxes[2]!.click()
    boxes[0]!.click()
    await flush()
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('Last'))
    expect(w.answers[0]!.value).toEqual(['a', 'c'])
  })

  it('shuffles stably per response', async () => {
    const w = setup(one({ id: 'q', type: 'single', text: 'Q', choices, shuffle: true }), { responseId: 'r-1' })
    await w.ready()
    const order = w.radios().map((radio) => radio.textContent)
    expect(order).toEqual(stableShuffle(['Alpha', 'Beta', 'Gamma'], 'r-1:q'))
    expect(stableShuffle([1, 2, 3, 4, 5, 6], 'x')).toEqual(stableShuffle([1, 2, 3, 4, 5, 6], 'x'))
    expect(stableShuffle([1, 2, 3, 4, 5, 6], 'x').sort()).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('skips an optional question without an answer', async () => {
    const w = setup(one({ id: 'q', type: 'single', text: 'Q', choices }))
    await w.ready()
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('Last'))
    expect(w.context.onAnswer).not.toHaveBeenCalled()
  })
})

describe('text', () => {
  it.each([
    [{ format: 'email' }, 'nope', 'Please enter a valid email address.', 'a@b.co'],
    [{ format: 'url' }, 'javascript:alert(1)', 'Please enter a valid URL, like https://example.com.', 'https://x.io'],
    [{ maxLength: 3 }, 'abcd', 'Please use at most 3 characters.', 'abc'],
  ] as const)('validates %j', async (rules, bad, message, good) => {
    const w = setup(one({ id: 'q', type: 'text', text: 'Q', ...rules }))
    await w.ready()
    const field = w.$<HTMLInputElement>('input')!
    input(field, bad)
    await flush()
    key(field, 'Enter')
    await flush()
    expect(w.$('#tl-err')!.textContent).toBe(message)
    expect(field.getAttribute('aria-describedby')).toContain('tl-err')
    input(field, good)
    await flush()
    key(field, 'Enter')
    await vi.waitFor(() => expect(w.title()).toBe('Last'))
    expect(w.answers[0]!.value).toBe(good)
  })
})

describe('CTA and consent', () => {
  it('a CTA records a click and moves on; an unsafe URL is not linked', async () => {
    const w = setup(one({ id: 'q', type: 'cta', text: 'Q', buttonText: 'Open', url: 'https://example.com' }))
    await w.ready()
    const link = w.$<HTMLAnchorElement>('[part=cta]')!
    link.addEventListener('click', (event) => event.preventDefault())
    link.click()
    await vi.waitFor(() => expect(w.title()).toBe('Last'))
    expect(w.answers[0]).toMatchObject({ questionId: 'q', value: true })
    w.handle.close()
    const bad = setup(one({ id: 'q', type: 'cta', text: 'Q', buttonText: 'Open', url: 'javascript:alert(1)' }))
    await bad.ready()
    expect(bad.$('[part=cta]')!.hasAttribute('href')).toBe(false)
  })

  it('a required consent must be checked', async () => {
    const w = setup(one({ id: 'q', type: 'consent', text: 'Q', label: 'I agree', required: true }))
    await w.ready()
    w.next()
    await flush()
    expect(w.$('[role=alert]')!.textContent).toBe('Please answer this question.')
    w.$<HTMLInputElement>('input[type=checkbox]')!.click()
    await flush()
    w.next()
    await vi.waitFor(() => expect(w.title()).toBe('Last'))
    expect(w.answers[0]).toMatchObject({ questionId: 'q', value: true })
  })
})
