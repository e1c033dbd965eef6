/** @jsxRuntime classic */
/** @jsx h */
// renderSurvey(context): the widget entry core imports lazily. It mounts one host element with an
// open shadow root and renders the survey as a dialog (popover, sheet, tab) or a region (inline).
// It never throws into the host page: failures are logged and yield a handle that does nothing.
import type { SurveyRenderContext, WidgetHandle } from '@touchloop/core'
import { Component, createRef, h, type RefObject, render } from 'preact'
import type { MoreTypes } from './body'
import { createFocusReturn, tabbables, trapTab } from './focus'
import { createHost } from './host'
import { watchKeyboardOffset } from './keyboard-offset'
import { loadKit, type SurveyKit } from './kit'
import { RadioGroup } from './radio-group'
import { SCALE_TYPES } from './scale'
import { loadStrings, type Strings } from './strings'
import { SurveyView, safely } from './survey-view'
import { isHttpUrl } from './validate'

export type { Strings } from './strings'
export { UI_LANGUAGES } from './strings'

type Mode = 'popover' | 'sheet' | 'tab' | 'inline'

const POSITIONS: Record<string, string> = { 'bottom-left': 'bl', 'top-right': 'tr', 'top-left': 'tl', center: 'c' }

interface AppProps {
  context: SurveyRenderContext
  kit: SurveyKit
  strings: Strings
  mode: Mode
  rtl: boolean
  /** Removes the widget (after the user closed it, or core's handle.close()). */
  unmount(): void
  more?: MoreTypes
}

class App extends Component<AppProps, { open: boolean; message: string }> {
  declare launcher: RefObject<HTMLButtonElement>
  declare dialog: RefObject<HTMLDivElement>
  declare shown: boolean
  declare timer: ReturnType<typeof setTimeout> | undefined

  constructor(props: AppProps) {
    super(props)
    this.launcher = createRef()
    this.dialog = createRef()
    this.shown = false
    this.state = { open: props.mode !== 'tab', message: '' }
  }

  override componentDidMount() {
    this.opened()
  }

  override componentDidUpdate(_props: AppProps, previous: { open: boolean }) {
    if (this.state.open !== previous.open) this.opened()
  }

  opened() {
    const { context, mode } = this.props
    const dialog = this.dialog.current
    if (!this.state.open) return
    if (mode === 'tab' && dialog) tabbables(dialog.querySelector('.body') ?? dialog)[0]?.focus()
    if (this.shown) return
    this.shown = true
    safely(() => context.onShown())
  }

  // Screen readers skip text that arrives together with its live region, so messages wait a beat.
  announce(text: string) {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.setState({ message: text }), 150)
  }

  override componentWillUnmount() {
    clearTimeout(this.timer)
  }

  close(reason: 'close' | 'escape', completed: boolean) {
    const { context, mode, unmount } = this.props
    if (!completed) safely(() => context.onDismiss(reason))
    if (mode === 'tab' && !completed) {
      // A tab folds back into its launcher and keeps the answers given so far.
      this.setState({ open: false }, () => this.launcher.current?.focus())
      return
    }
    unmount()
  }

  render() {
    const { context, kit, strings, mode, rtl, more } = this.props
    const { open, message } = this.state
    const view = (
      <SurveyView
        context={context}
        kit={kit}
        strings={strings}
        rtl={rtl}
        focusOnStep={mode !== 'inline'}
        onClose={(reason, completed) => this.close(reason, completed)}
        announce={(text) => this.announce(text)}
        more={more}
      />
    )
    const live = (
      <div class="sr" aria-live="polite" aria-atomic="true">
        {open ? message : ''}
      </div>
    )
    if (mode === 'inline') {
      return (
        <section class="card" part="container" aria-label={strings.survey}>
          {view}
          {live}
        </section>
      )
    }
    const position = POSITIONS[context.survey.presentation?.position ?? ''] ?? ''
    return (
      <div>
        {mode === 'tab' && !open ? (
          <button
            ref={this.launcher}
            type="button"
            class="tab"
            part="launcher"
            aria-haspopup="dialog"
            onClick={() => this.setState({ open: true })}
          >
            {strings.feedback}
          </button>
        ) : null}
        <div
          ref={this.dialog}
          role="dialog"
          aria-modal="true"
          aria-label={strings.survey}
          class={`card pop ${mode === 'sheet' || matchMedia('(max-width:480px)').matches ? 'sheet' : position}`}
          part="container"
          hidden={!open}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation()
              this.close('escape', false)
            } else trapTab(event, event.currentTarget as HTMLElement)
          }}
        >
          {view}
        </div>
        {live}
      </div>
    )
  }
}

function chooseMode(context: SurveyRenderContext): { mode: Mode; parent: Element } {
  const presentation = context.survey.presentation ?? {}
  let container: Element | null | undefined = context.container
  if (!container && presentation.mode === 'inline' && presentation.target) {
    try {
      container = document.querySelector(presentation.target)
    } catch {
      container = null
    }
    if (!container) {
      console.warn(
        `[touchloop] survey "${context.survey.id}": no element matches presentation.target "${presentation.target}"; showing it as a popover instead. Add the element or pass show(id, { container }).`,
      )
    }
  }
  if (container) return { mode: 'inline', parent: container }
  const mode = presentation.mode === 'tab' || presentation.mode === 'sheet' ? presentation.mode : 'popover'
  return { mode, parent: document.body }
}

function mount(
  context: SurveyRenderContext,
  kit: SurveyKit,
  strings: Strings,
  more: MoreTypes | undefined,
  onRemoved: () => void,
): () => void {
  const { mode, parent } = chooseMode(context)
  const dir = kit.textDirection(context.locale)
  const ui = createHost({ theme: context.theme, parent, dir, lang: context.locale, css: more?.css })
  const restoreFocus = mode === 'popover' || mode === 'sheet' ? createFocusReturn() : () => {}
  const stopKeyboard = mode === 'inline' ? () => {} : watchKeyboardOffset(ui.setVar)
  let mounted = true
  const unmount = (userClosed: boolean) => {
    if (!mounted) return
    mounted = false
    stopKeyboard()
    render(null, ui.root)
    ui.remove()
    restoreFocus()
    if (userClosed) onRemoved()
  }
  render(
    <App
      context={context}
      kit={kit}
      strings={strings}
      mode={mode}
      rtl={dir === 'rtl'}
      unmount={() => unmount(true)}
      more={more}
    />,
    ui.root,
  )
  return () => unmount(false)
}

export function renderSurvey(context: SurveyRenderContext): WidgetHandle {
  let closed = false
  let remove = () => {}
  const fail = (error: unknown) => console.error(`[touchloop] survey "${context?.survey?.id}" could not render:`, error)
  // Strings of other languages, the non-scale question types and (without core's kit) the flow
  // functions are separate chunks, fetched together.
  const needsMore = context.survey.questions.some((question) => !SCALE_TYPES.includes(question.type))
  Promise.all([loadStrings(context.locale), needsMore ? import('./more-types') : undefined, loadKit(context)])
    .then(([strings, more, kit]) => {
      if (!closed)
        remove = mount(context, kit, strings, more?.default({ h, RadioGroup, isHttpUrl }), () => (closed = true))
    })
    .catch(fail)
  return {
    close() {
      if (closed) return
      closed = true
      try {
        remove()
      } catch (error) {
        fail(error)
      }
    },
  }
}
