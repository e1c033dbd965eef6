// Focus management for the dialog: remember where focus was (through open shadow roots, since the
// host page may itself be a web component), keep Tab inside the dialog, and give focus back on close.

/** The focused element, looking into open shadow roots. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active = doc.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}

const FOCUSABLE = 'button,a[href],input,textarea,select,[tabindex]'

/** Elements Tab can reach inside `container`, in order. Roving radios with tabindex -1 are skipped. */
export function tabbables(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled && !element.hidden,
  )
}

/** Keeps Tab / Shift+Tab cycling inside `container`; call from its keydown handler. */
export function trapTab(event: KeyboardEvent, container: Element): void {
  if (event.key !== 'Tab') return
  const items = tabbables(container)
  if (items.length === 0) {
    event.preventDefault()
    return
  }
  const root = container.getRootNode() as ShadowRoot | Document
  const current = root.activeElement
  const first = items[0]!
  const last = items[items.length - 1]!
  if (event.shiftKey && (current === first || !container.contains(current))) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (current === last || !container.contains(current))) {
    event.preventDefault()
    first.focus()
  }
}

/** Focus to give back on close: the element focused before, if it is still in the page. */
export function createFocusReturn(): () => void {
  const previous = deepActiveElement() as HTMLElement | null
  return () => {
    if (previous?.isConnected && typeof previous.focus === 'function') previous.focus()
  }
}
