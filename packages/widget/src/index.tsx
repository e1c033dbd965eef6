/** @jsxRuntime classic */
/** @jsx h */
// renderSurvey(context): the widget entry core imports lazily. It mounts one host element with an
// open shadow root and renders the survey as a dialog (popover, sheet, tab) or a region (inline).
// It never throws into the host page: failures are logged and yield a handle that does nothing.
import type { SurveyRenderContext, WidgetHandle } from '@touchloop/core'
import type { MoreTypes } from './body'
import { createRef, h, type Ref, render, Stateful } from './dom'
import type { Extras } from './extras'
import { createFocusReturn, tabbables, trapTab } from './focus'
import { createHost } from './host'
import { loadKit, type SurveyKit } from './kit'
import type { Later } from './later'
import { RadioGroup } from './radio-group'
import { isNps, Scale } from './scale'
import { loadStrings, type Strings, sentences } from './strings'
import { SurveyView, safely } from './survey-view'
import { isHttpUrl } from './validate'

export type { Strings } from './strings'
export { UI_LANGUAGES } from './strings'

type Mode = 'popover' | 'sheet' | 'tab' | 'inline'

interface AppProps {
  context: SurveyRenderContext
  kit: SurveyKit
  strings: Strings
  mode: Mode
  rtl: boolean
  /** Removes the widget (after the user closed it, or core's handle.close()). */
  unmount(): void
  /** Sets a custom property on the host (the sheet's drag offset). */
  setVar(name: string, value: string): void
  more?: MoreTypes
  /** The chunk with what only some displays need (the tab's launcher, resuming, …). */
  extras?: Extras
  load: Loaded['load']
}

class App extends Stateful<AppProps, { open: boolean; message: string }> {
  declare launcher: Ref<HTMLButtonElement>
  declare dialog: Ref<HTMLDialogElement>
  declare view: SurveyView
  declare shown: boolean
  declare timer: ReturnType<typeof setTimeout> | undefined
  /** A sheet covers the page: a modal dialog (showModal: the page is inert, with a backdrop). */
  declare modal: boolean
  /** Whether focus moves into the survey: a modal sheet, or a tab the user opened. */
  declare takesFocus: boolean
  declare introduced: boolean

  constructor(props: AppProps, redraw: () => void) {
    super(props, redraw)
    this.launcher = createRef()
    this.dialog = createRef()
    this.shown = false
    this.introduced = false
    const { mode } = props
    this.modal = mode === 'sheet' || (mode !== 'inline' && matchMedia('(max-width:480px)').matches)
    this.takesFocus = this.modal || mode === 'tab'
    this.state = { open: mode !== 'tab', message: '' }
    this.view = new SurveyView(
      {
        ...props,
        focusOnStep: this.takesFocus,
        autoClose: mode !== 'inline',
        onClose: (reason, completed) => this.close(reason, completed),
        announce: (text) => this.announce(text),
      },
      redraw,
    )
  }

  /** After the first draw: the view's first step, then the dialog opens (children first, as before). */
  mounted() {
    this.view.onStep()
    this.opened()
  }

  override updated(previous: { open: boolean }) {
    if (this.state.open !== previous.open) this.opened()
  }

  opened() {
    const { context } = this.props
    const { open } = this.state
    const dialog = this.dialog.current
    if (this.modal && dialog && open !== dialog.open) open ? dialog.showModal() : dialog.close()
    if (!open) return
    // showModal() focuses the dialog's first focusable element (the heading); the first control is better.
    if (this.takesFocus && dialog) tabbables(dialog.querySelector('.body') ?? dialog)[0]?.focus()
    if (this.shown) return
    this.shown = true
    safely(() => context.onShown())
  }

  // Screen readers skip text that arrives together with its live region, so messages wait a beat. A survey
  // that appears without taking focus says what it is first.
  announce(text: string) {
    clearTimeout(this.timer)
    const intro = this.takesFocus || this.introduced ? '' : this.props.strings.survey
    this.introduced = true
    this.timer = setTimeout(() => this.setState({ message: sentences(intro, text) }), 150)
  }

  destroy() {
    clearTimeout(this.timer)
    this.view.destroy()
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

  /** Dragging the sheet's handle down by more than 64 px closes it. */
  drag(event: PointerEvent) {
    const handle = event.currentTarget as HTMLElement
    const start = event.clientY
    let distance = 0
    handle.setPointerCapture?.(event.pointerId)
    handle.onpointermove = (move) => {
      distance = Math.max(0, move.clientY - start)
      this.props.setVar('--tl-drag', `${distance}px`)
    }
    handle.onpointerup = handle.onpointercancel = () => {
      handle.onpointermove = handle.onpointerup = handle.onpointercancel = null
      this.props.setVar('--tl-drag', '0px')
      if (distance > 64) this.close('close', false)
    }
  }

  render() {
    const { context, strings, mode, extras } = this.props
    const { open, message } = this.state
    const { modal } = this
    const view = this.view.render()
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
    // A position other than the default bottom-right is a class with its CSS in ./extras.
    const position = context.survey.presentation?.position ?? ''
    return (
      <div>
        {mode === 'tab' && extras && !open ? (
          <extras.Launcher
            label={strings.feedback}
            buttonRef={this.launcher}
            onOpen={() => this.setState({ open: true })}
          />
        ) : null}
        {/* A non-modal card (open attribute) leaves the page usable; a modal sheet is opened by showModal(). */}
        <dialog
          ref={this.dialog}
          aria-modal={modal ? 'true' : undefined}
          aria-label={strings.survey}
          class={`card pop ${modal ? 'sheet' : position}`}
          part="container"
          open={modal ? undefined : open}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault()
              event.stopPropagation()
              this.close('escape', false)
            } else if (modal) trapTab(event, event.currentTarget as HTMLElement)
          }}
          // A close request that is not the Escape key (Android's back gesture) closes the sheet too.
          onCancel={(event) => {
            event.preventDefault()
            this.close('escape', false)
          }}
          // A click on the backdrop lands on the dialog itself, above its box.
          onClick={(event) => {
            const sheet = event.currentTarget as HTMLElement
            if (modal && event.target === sheet && event.clientY < sheet.getBoundingClientRect().top)
              this.close('close', false)
          }}
        >
          {modal ? <div class="grab" aria-hidden="true" onPointerDown={(event) => this.drag(event)} /> : null}
          {view}
          {live}
        </dialog>
      </div>
    )
  }
}

/** Whether a display needs ./extras: a tab, an inline target, a position, theme variables, a preview or a resume. */
function needsExtras({ survey, container, preview, theme, answers, currentQuestionId }: SurveyRenderContext) {
  const { mode, target, position } = survey.presentation ?? {}
  const presentation =
    !container && (mode === 'tab' || (mode === 'inline' && !!target) || (!!position && position !== 'bottom-right'))
  const themed = !!theme && (!!theme.vars || theme.zIndex !== undefined)
  return presentation || themed || !!preview || !!currentQuestionId || Object.keys(answers).length > 0
}

function chooseMode(context: SurveyRenderContext, extras?: Extras): { mode: Mode; parent: Element } {
  const presentation = context.survey.presentation ?? {}
  const container = context.container ?? (presentation.mode === 'inline' && extras?.findTarget(context))
  if (container) return { mode: 'inline', parent: container }
  const mode = presentation.mode === 'tab' || presentation.mode === 'sheet' ? presentation.mode : 'popover'
  return { mode, parent: document.body }
}

/** What a display needs before its first paint; everything but the English strings may be a lazy chunk. */
interface Loaded {
  kit: SurveyKit
  strings: Strings
  more?: MoreTypes
  extras?: Extras
  /** The chunks the first step may do without, fetched once (again after a failure). */
  load: { more(): Promise<MoreTypes>; later(): Promise<Later> }
}

function once<T>(fetch: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined
  return () =>
    (pending ??= fetch().catch((error) => {
      pending = undefined
      throw error
    }))
}

function mount(context: SurveyRenderContext, loaded: Loaded, onRemoved: () => void): () => void {
  const { kit, strings, more, extras } = loaded
  const { mode, parent } = chooseMode(context, extras)
  const dir = kit.textDirection(context.locale)
  const themeVars = extras?.themeVarsCss(context.theme)
  const ui = createHost({ theme: context.theme, parent, dir, lang: context.locale, css: extras?.css, themeVars })
  const restoreFocus = mode === 'popover' || mode === 'sheet' ? createFocusReturn() : () => {}
  let mounted = true
  let stopKeyboard: (() => void) | undefined
  // A chunk joins the display with its CSS. Only text fields open the on-screen keyboard, and they are
  // all in ./more-types: its arrival starts the keyboard watch of a popover or sheet.
  const attach = <T extends { css: string } & Partial<MoreTypes>>(chunk: T): T => {
    if (!mounted) return chunk
    ui.addCss(chunk.css)
    if (chunk.watchKeyboardOffset && mode !== 'inline') stopKeyboard ??= chunk.watchKeyboardOffset(ui.setVar)
    return chunk
  }
  if (more) attach(more)
  const unmount = (userClosed: boolean) => {
    if (!mounted) return
    mounted = false
    stopKeyboard?.()
    // Focus goes back only when it was in the survey: a non-modal popover may close while the user types elsewhere.
    const hadFocus = document.activeElement === ui.host
    app.destroy()
    ui.remove()
    if (hadFocus) restoreFocus()
    if (userClosed) onRemoved()
  }
  let drawn: Node | undefined
  const app = new App(
    {
      context,
      kit,
      strings: more ? more.strings(strings) : strings,
      mode,
      rtl: dir === 'rtl',
      unmount: () => unmount(true),
      setVar: ui.setVar,
      more,
      extras,
      load: { more: () => loaded.load.more().then(attach), later: () => loaded.load.later().then(attach) },
    },
    () => {
      if (mounted) drawn = render(app.render(), ui.root, drawn)
    },
  )
  app.redraw()
  app.mounted()
  return () => unmount(false)
}

export function renderSurvey(context: SurveyRenderContext): WidgetHandle {
  let closed = false
  let remove = () => {}
  const fail = (error: unknown) => console.error(`[touchloop] survey "${context?.survey?.id}" could not render:`, error)
  // Strings of other languages, the extras and (without core's kit) the flow functions are separate
  // chunks, fetched together and only when this display needs them; the other question types only
  // before the first paint when the first question is one of them (else the first step prefetches them).
  const load = {
    more: once(() => import('./more-types').then((chunk) => chunk.default({ h, RadioGroup, Scale, isHttpUrl }))),
    later: once(() => import('./later').then((chunk) => chunk.default(h))),
  }
  new Promise<Loaded>((resolve) => {
    const { questions } = context.survey
    const first = questions.find((question) => question.id === context.currentQuestionId) ?? questions[0]
    resolve(
      Promise.all([
        loadKit(context),
        loadStrings(context.locale),
        first && !isNps(first) ? load.more() : undefined,
        needsExtras(context) ? import('./extras') : undefined,
      ]).then(([kit, strings, more, extras]) => ({ kit, strings, more, extras: extras?.default(h), load })),
    )
  })
    .then((loaded) => {
      if (!closed) remove = mount(context, loaded, () => (closed = true))
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
