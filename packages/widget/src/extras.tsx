/** @jsxRuntime classic */
/** @jsx h */
// What only some displays need, in one separate chunk: the feedback tab's launcher, finding the
// element of an inline survey's `presentation.target`, the CSS of the positions but bottom-right, theme variables (`theme.vars`, `theme.zIndex`),
// resuming a half-answered response, and the preview badge's CSS. Fetched together with the other
// chunks (never after them), and only when the display uses one of these. Preact comes in from the
// main chunk as an argument, like in ./more-types.
import type { FlowStep, SurveyRenderContext, WidgetTheme } from '@touchloop/core'
import type { h as createElement, Ref } from './dom'
import type { SurveyKit } from './kit'

export interface LauncherProps {
  label: string
  buttonRef: Ref<HTMLButtonElement>
  onOpen(): void
}

export interface Extras {
  Launcher(props: LauncherProps): ReturnType<typeof createElement>
  css: string
  /** The element matching `presentation.target`, or null (with a warning naming the selector). */
  findTarget(context: SurveyRenderContext): Element | null
  themeVarsCss(theme: WidgetTheme | undefined): string
  resumeStep(context: SurveyRenderContext, kit: SurveyKit): FlowStep
}

const css = `.tab{position:fixed;z-index:var(--tl-z,2147483000);inset-block-end:16px;inset-inline-end:16px;display:flex;
align-items:center;gap:8px;min-block-size:44px;padding:0 18px 0 14px;border:0;border-radius:22px;background:var(--tl-accent);
color:var(--tl-accent-fg);font:600 15px var(--tl-font);box-shadow:var(--tl-shadow)}
.tab:hover{filter:brightness(1.1)}
.tab svg{inline-size:20px;block-size:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
.bottom-left{inset-inline:16px auto}.top-right{inset-block:16px auto}.top-left{inset-block:16px auto;inset-inline:16px auto}
.center{inset:0;margin:auto;block-size:fit-content}
.badge{display:inline-block;font-size:12px;padding:2px 8px;border-radius:99px;background:var(--tl-soft);margin-block-end:8px}`

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

// A custom property name and a value that cannot close the rule it is written into.
const SAFE_NAME = /^--[\w-]+$/
const SAFE_VALUE = /^[^;{}<>\\]*$/

function themeVarsCss(theme: WidgetTheme | undefined): string {
  const declarations: string[] = []
  for (const [name, value] of Object.entries(theme?.vars ?? {})) {
    if (SAFE_NAME.test(name) && SAFE_VALUE.test(value)) declarations.push(`${name}:${value}`)
    else
      console.warn(`[touchloop] theme.vars: ignored "${name}": names start with -- and values contain no ; { } < > \\`)
  }
  if (typeof theme?.zIndex === 'number' && Number.isFinite(theme.zIndex))
    declarations.push(`--tl-z:${Math.trunc(theme.zIndex)}`)
  // [data-scheme] matches the scheme rules' specificity, so a host's variables win in dark mode too.
  return declarations.length ? `:host([data-scheme]){${declarations.join(';')}}` : ''
}

/** Where a resumed display starts: the question it was on if still visible, else the first unanswered one. */
function resumeStep(context: SurveyRenderContext, kit: SurveyKit): FlowStep {
  const { survey, answers, currentQuestionId } = context
  const resumed = survey.questions.find((question) => question.id === currentQuestionId)
  if (resumed && kit.isQuestionVisible(resumed, answers)) return { kind: 'question', questionId: resumed.id }
  const path = kit.questionPath(survey, answers)
  const open = path.find((id) => !kit.isAnswered(answers[id])) ?? path[path.length - 1]
  return open ? { kind: 'question', questionId: open } : kit.firstStep(survey, answers)
}

// biome-ignore lint/correctness/noUnusedFunctionParameters: h is the classic JSX factory named in the file header
export default function createExtras(h: typeof createElement): Extras {
  function Launcher({ label, buttonRef, onOpen }: LauncherProps) {
    return (
      <button ref={buttonRef} type="button" class="tab" part="launcher" aria-haspopup="dialog" onClick={onOpen}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-8l-5 4v-4a1 1 0 0 1-1-1z" />
          <path d="M8 9h8M8 12.5h5" />
        </svg>
        {label}
      </button>
    )
  }
  return { Launcher, css, findTarget, themeVarsCss, resumeStep }
}
