/** @jsxRuntime classic */
/** @jsx h */
// What only the steps after the first show, in a chunk of its own that the first question prefetches:
// the Back button, and the ending card's check mark and call-to-action link, with their CSS. The
// first NPS question renders without it; moving on waits for it (it is normally there by then).
// The JSX factory comes in from the main chunk, like in ./more-types.
import type { Question } from '@touchloop/core'
import type { h as createElement } from './dom'

export interface Later {
  css: string
  Back(props: { label: string; onClick(): void }): JSX.Element
  /** The ending's check mark, before its title. */
  Check(): JSX.Element
  /** An ending's link (its URL already checked to be http(s)). */
  Cta(props: { cta: { url: string; text: Question['text'] }; t(text: Question['text']): string }): JSX.Element
}

const css = `.ghost{background:none;color:var(--tl-fg);border-color:var(--tl-border)}
.done{flex:none;inline-size:36px;block-size:36px;margin-block:-6px;padding:7px;border-radius:50%;background:var(--tl-soft);fill:none;stroke:var(--tl-accent);stroke-width:2.5;stroke-linecap:round;stroke-linejoin:round}`

// biome-ignore lint/correctness/noUnusedFunctionParameters: h is the classic JSX factory named in the file header
export default function createLater(h: typeof createElement): Later {
  return {
    css,
    Back: ({ label, onClick }) => (
      <button type="button" class="btn ghost" part="back" onClick={onClick}>
        {label}
      </button>
    ),
    Check: () => (
      <svg class="done" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 12.5l4 4 8-9" />
      </svg>
    ),
    Cta: ({ cta, t }) => (
      <div class="body">
        <a class="btn" part="cta" href={cta.url} target="_blank" rel="noopener noreferrer">
          {t(cta.text)}
        </a>
      </div>
    ),
  }
}
