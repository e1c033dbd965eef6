/** @jsxRuntime classic */
/** @jsx h */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRef, h, render, Stateful } from './dom'

afterEach(() => {
  document.body.replaceChildren()
})

function mountPoint() {
  const parent = document.createElement('div')
  document.body.append(parent)
  return parent
}

describe('the widget JSX runtime', () => {
  it('updates elements in place on a redraw, so focus and identity survive', () => {
    const parent = mountPoint()
    const view = (checked: number) => (
      <div role="radiogroup">
        {[0, 1, 2].map((n) => (
          // biome-ignore lint/a11y/useSemanticElements: the widget's radiogroup markup, as ./radio-group draws it
          <button
            type="button"
            role="radio"
            aria-checked={n === checked ? 'true' : 'false'}
            tabIndex={n === checked ? 0 : -1}
          >
            {n}
          </button>
        ))}
      </div>
    )
    const drawn = render(view(0), parent)
    const second = parent.querySelectorAll('button')[1]!
    second.focus()
    expect(render(view(1), parent, drawn)).toBe(drawn)
    expect(parent.querySelectorAll('button')[1]).toBe(second)
    expect(document.activeElement).toBe(second)
    expect(second.getAttribute('aria-checked')).toBe('true')
    expect(second.getAttribute('tabindex')).toBe('0')
    expect(parent.querySelectorAll('[aria-checked=true]')).toHaveLength(1)
  })

  it('removes attributes that are gone or false, and sets true ones empty', () => {
    const parent = mountPoint()
    const drawn = render(<dialog open aria-modal="true" class="card" />, parent)
    expect((drawn as Element).outerHTML).toBe('<dialog open="" aria-modal="true" class="card"></dialog>')
    render(<dialog open={false} class="card sheet" />, parent, drawn)
    expect((drawn as Element).outerHTML).toBe('<dialog class="card sheet"></dialog>')
  })

  it('writes survey text as text, never as markup', () => {
    const parent = mountPoint()
    render(<p>{'<img src=x onerror=alert(1)>'}</p>, parent)
    expect(parent.querySelector('img')).toBeNull()
    expect(parent.textContent).toBe('<img src=x onerror=alert(1)>')
  })

  it('creates SVG in its namespace with case-sensitive attributes', () => {
    const parent = mountPoint()
    render(
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 12.5l4 4 8-9" />
      </svg>,
      parent,
    )
    const path = parent.querySelector('path')!
    expect(path.namespaceURI).toBe('http://www.w3.org/2000/svg')
    expect(parent.querySelector('svg')!.getAttribute('viewBox')).toBe('0 0 24 24')
  })

  it('keeps a controlled field at its value, and leaves an equal value (and its caret) alone', () => {
    const parent = mountPoint()
    const drawn = render(<input value="abc" />, parent)
    const input = parent.querySelector('input')!
    expect(input.value).toBe('abc')
    input.value = 'abcd'
    render(<input value="abc" />, parent, drawn)
    expect(input.value).toBe('abc')
    const set = vi.spyOn(input, 'value', 'set')
    render(<input value="abc" />, parent, drawn)
    expect(set).not.toHaveBeenCalled()
  })

  it('calls the latest handler once per event, and none once it is removed', () => {
    const parent = mountPoint()
    const first = vi.fn()
    const second = vi.fn()
    const drawn = render(<button type="button" onClick={first} />, parent)
    render(<button type="button" onClick={second} />, parent, drawn)
    parent.querySelector('button')!.click()
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)
    render(<button type="button" />, parent, drawn)
    parent.querySelector('button')!.click()
    expect(second).toHaveBeenCalledTimes(1)
  })

  it('inserts an element that appears before the ones that follow, and keeps them', () => {
    const parent = mountPoint()
    const foot = (back: boolean) => (
      <div>
        {back ? <button type="button">Back</button> : null}
        <progress max={2} value={1} />
        <button type="button">Next</button>
      </div>
    )
    const drawn = render(foot(false), parent)
    const progress = parent.querySelector('progress')
    render(foot(true), parent, drawn)
    expect([...(drawn as Element).children].map((child) => child.textContent || child.localName)).toEqual([
      'Back',
      'progress',
      'Next',
    ])
    expect(parent.querySelector('progress')).toBe(progress)
    render(foot(false), parent, drawn)
    expect((drawn as Element).children).toHaveLength(2)
    expect((drawn as Element).textContent).toBe('Next')
  })

  it('fills a ref, and ignores what a development JSX transform adds (__self, __source)', () => {
    const parent = mountPoint()
    const ref = createRef<HTMLDivElement>()
    render(h('div', { ref, __self: {}, __source: { fileName: 'x' }, key: 1 }), parent)
    expect(ref.current).toBe(parent.firstChild)
    expect(ref.current!.attributes).toHaveLength(0)
  })

  it('redraws on setState, then tells the stateful piece what the state was', () => {
    const updates: number[] = []
    class Counter extends Stateful<object, { count: number }> {
      override updated(previous: { count: number }) {
        updates.push(previous.count)
      }
    }
    const redraw = vi.fn()
    const counter = new Counter({}, redraw)
    counter.state = { count: 0 }
    const after = vi.fn()
    counter.setState({ count: 1 }, after)
    expect(counter.state).toEqual({ count: 1 })
    expect(redraw).toHaveBeenCalledTimes(1)
    expect(updates).toEqual([0])
    expect(after).toHaveBeenCalledTimes(1)
  })
})
