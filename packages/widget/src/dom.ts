// The widget's own JSX runtime, instead of Preact (issue 11: Preact was 10.4 kB of the 28.6 kB NPS
// chunk, ~4.4 kB gzip, more than the widget's own code needs). h() builds plain element descriptions;
// render() makes the DOM match them in place, child by child, so a re-render keeps focus, the caret
// of a field and running animations. Function components are called at once by h(); state lives in
// a few `Stateful` objects whose setState() redraws the whole (small) survey synchronously.
// What it does not do, on purpose: keys, fragments, style objects, innerHTML. Text is only ever set
// through text nodes, so survey text can never become markup.
import type { JSX as PreactJSX } from 'preact'

// Types only: Preact's JSX attribute types check the widget's markup; nothing of Preact is bundled.
declare global {
  namespace JSX {
    interface IntrinsicElements extends PreactJSX.IntrinsicElements {}
    interface Element extends PreactJSX.Element {}
    interface ElementChildrenAttribute extends PreactJSX.ElementChildrenAttribute {}
  }
}

type Props = Record<string, unknown>

interface Description {
  tag: string
  props: Props
  children: unknown[]
}

/** An element as the DOM gets it: the props it was last drawn with, and its event handlers. */
type Drawn = Element & { drawn?: Props; handlers?: Record<string, ((event: Event) => void) | undefined> }

export interface Ref<T> {
  current: T | null
}

export const createRef = <T>(): Ref<T> => ({ current: null })

export function h(
  tag: string | ((props: never) => JSX.Element | null),
  props: Props | null,
  ...children: unknown[]
): JSX.Element {
  if (typeof tag === 'function') return tag({ ...props, children } as never) as JSX.Element
  return { tag, props: props ?? {}, children } as unknown as JSX.Element
}

function flatten(children: unknown[], into: Array<Description | string>): Array<Description | string> {
  for (const child of children) {
    if (Array.isArray(child)) flatten(child, into)
    else if (child != null && typeof child !== 'boolean') into.push(child as Description | string)
  }
  return into
}

function setProp(element: Drawn, name: string, value: unknown, svg: boolean): void {
  // __self and __source: what a development JSX transform (the tests') adds to every element.
  if (name === 'children' || name === 'key' || name === 'ref' || name.startsWith('__')) return
  if (name.startsWith('on')) {
    const type = name.slice(2).toLowerCase()
    element.handlers ??= {}
    const handlers = element.handlers
    if (!(type in handlers)) element.addEventListener(type, (event) => handlers[type]?.(event))
    handlers[type] = value as (event: Event) => void
  } else if (name === 'value' || name === 'checked') {
    // Controlled fields: compared with what the element holds now, which the user may have changed.
    const field = element as unknown as Record<string, unknown>
    if (field[name] !== value) field[name] = value
  } else {
    // HTML lower-cases attribute names anyway (tabIndex, maxLength); SVG's are case-sensitive (viewBox).
    const attribute = svg ? name : name.toLowerCase()
    if (value == null || value === false) element.removeAttribute(attribute)
    else element.setAttribute(attribute, value === true ? '' : String(value))
  }
}

/** Makes `node` (a child of `parent`, or nothing) match `description`; returns the node now in its place. */
function patch(parent: Node, description: Description | string, node: ChildNode | undefined, svg: boolean): Node {
  if (typeof description !== 'object') {
    const text = String(description)
    if (node?.nodeType === 3) {
      if (node.nodeValue !== text) node.nodeValue = text
      return node
    }
    return parent.insertBefore(document.createTextNode(text), node ?? null)
  }
  const { tag, props, children } = description
  const inSvg = svg || tag === 'svg'
  let element = node as Drawn | undefined
  // A node of another kind stays, moved one place on: the next description may well match it.
  if (element?.localName !== tag) {
    element = parent.insertBefore(
      inSvg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag),
      node ?? null,
    ) as Drawn
  }
  const before = element.drawn ?? {}
  for (const name in before) if (!(name in props)) setProp(element, name, undefined, inSvg)
  for (const name in props) {
    if (name === 'value' || name === 'checked' || props[name] !== before[name])
      setProp(element, name, props[name], inSvg)
  }
  element.drawn = props
  const list = flatten(children, [])
  for (let index = 0; index < list.length; index++) patch(element, list[index]!, element.childNodes[index], inSvg)
  while (element.childNodes.length > list.length) element.lastChild!.remove()
  const ref = props.ref as Ref<Element> | undefined
  if (ref) ref.current = element
  return element
}

/** Draws `view` into `parent`, updating `drawn` (what the previous call returned) in place. */
export function render(view: JSX.Element, parent: Node, drawn?: Node): Node {
  return patch(parent, view as unknown as Description, drawn as ChildNode | undefined, false)
}

/** A piece of the survey with state. setState() redraws (the whole survey) at once, then calls updated(). */
export abstract class Stateful<P, S> {
  declare props: P
  declare state: S
  declare redraw: () => void

  constructor(props: P, redraw: () => void) {
    this.props = props
    this.redraw = redraw
  }

  setState(change: Partial<S>, after?: () => void): void {
    const previous = this.state
    this.state = { ...previous, ...change }
    this.redraw()
    this.updated(previous)
    after?.()
  }

  updated(_previous: S): void {}
}
