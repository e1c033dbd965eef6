// The widget's one host element: an open shadow root with adopted stylesheets (no inline style
// attributes, no eval, so it runs under a strict CSP), theme variables on :host, and custom CSS that
// stays inside. Browsers without constructable stylesheets get one <style nonce> per sheet instead.
import type { WidgetTheme } from '@touchloop/core'
import { CSS } from './styles'

export interface WidgetHost {
  host: HTMLElement
  root: ShadowRoot
  /** Sets a dynamic custom property (e.g. the on-screen keyboard offset) without a style attribute. */
  setVar(name: string, value: string): void
  /** Adds the CSS of a chunk loaded after the first paint (before theme.css, which must still win). */
  addCss(css: string): void
  remove(): void
}

function createSheet(root: ShadowRoot, css: string, nonce?: string): (css: string) => void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    return (next) => sheet.replaceSync(next)
  }
  const style = document.createElement('style')
  if (nonce) style.nonce = nonce
  style.textContent = css
  root.appendChild(style)
  return (next) => {
    style.textContent = next
  }
}

export function createHost(options: {
  theme?: WidgetTheme
  parent: Element
  dir: 'ltr' | 'rtl'
  lang: string
  /** CSS of the lazily loaded chunks. */
  css?: string
  /** The sanitized `theme.vars` / `theme.zIndex` rule (see ./extras). */
  themeVars?: string
}): WidgetHost {
  const { theme } = options
  const host = document.createElement('touchloop-survey')
  // 'auto' follows prefers-color-scheme, live; resolved here so the CSS holds one copy of the dark palette.
  const scheme = theme?.scheme
  const media =
    scheme === 'light' || scheme === 'dark' ? undefined : window.matchMedia?.('(prefers-color-scheme: dark)')
  const applyScheme = () => host.setAttribute('data-scheme', scheme === 'dark' || media?.matches ? 'dark' : 'light')
  applyScheme()
  media?.addEventListener?.('change', applyScheme)
  host.setAttribute('dir', options.dir)
  host.setAttribute('lang', options.lang)
  const root = host.attachShadow({ mode: 'open' })
  createSheet(root, CSS, theme?.nonce)
  let chunkCss = options.css ?? ''
  const writeChunkCss = createSheet(root, chunkCss, theme?.nonce)
  createSheet(root, options.themeVars ?? '', theme?.nonce)
  if (theme?.css) createSheet(root, theme.css, theme.nonce)
  const vars: Record<string, string> = {}
  const writeDynamic = createSheet(root, '', theme?.nonce)
  options.parent.appendChild(host)
  return {
    host,
    root,
    setVar(name, value) {
      vars[name] = value
      writeDynamic(
        `:host{${Object.entries(vars)
          .map(([key, val]) => `${key}:${val}`)
          .join(';')}}`,
      )
    },
    addCss(css) {
      if (chunkCss.includes(css)) return
      chunkCss += css
      writeChunkCss(chunkCss)
    },
    remove() {
      media?.removeEventListener?.('change', applyScheme)
      host.remove()
    },
  }
}
