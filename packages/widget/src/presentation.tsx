/** @jsxRuntime classic */
/** @jsx h */
// The rarer presentations' parts: the feedback tab's launcher (and its CSS) and finding the element
// of `presentation.target` for an inline survey. A separate chunk, fetched only for `mode: 'tab'` or
// `mode: 'inline'` with a target. Preact comes in from the main chunk as an argument, like in ./more-types.
import type { SurveyRenderContext } from '@touchloop/core'
import type { h as createElement, RefObject } from 'preact'

export interface LauncherProps {
  label: string
  buttonRef: RefObject<HTMLButtonElement>
  onOpen(): void
}

export interface PresentationChunk {
  Launcher(props: LauncherProps): ReturnType<typeof createElement>
  css: string
  /** The element matching `presentation.target`, or null (with a warning naming the selector). */
  findTarget(context: SurveyRenderContext): Element | null
}

function findTarget({ survey }: SurveyRenderContext): Element | null {
  const target = survey.presentation?.target ?? ''
  let element: Element | null = null
  try {
    element = document.querySelector(target)
  } catch {
    // An invalid selector is reported like a missing element.
  }
  if (!element) {
    console.warn(
      `[touchloop] survey "${survey.id}": no element matches presentation.target "${target}"; showing it as a popover instead. Add the element or pass show(id, { container }).`,
    )
  }
  return element
}

const css = `.tab{position:fixed;z-index:var(--tl-z,2147483000);inset-block-end:96px;inset-inline-end:0;border:0;padding:10px 14px;
border-start-start-radius:8px;border-end-start-radius:8px;background:var(--tl-accent);color:var(--tl-accent-fg);font:600 14px var(--tl-font);
box-shadow:var(--tl-shadow)}`

// biome-ignore lint/correctness/noUnusedFunctionParameters: h is the classic JSX factory named in the file header
export default function createPresentation(h: typeof createElement): PresentationChunk {
  function Launcher({ label, buttonRef, onOpen }: LauncherProps) {
    return (
      <button ref={buttonRef} type="button" class="tab" part="launcher" aria-haspopup="dialog" onClick={onOpen}>
        {label}
      </button>
    )
  }
  return { Launcher, css, findTarget }
}
