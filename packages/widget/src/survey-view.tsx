/** @jsxRuntime classic */
/** @jsx h */
// One survey, step by step: the current question (or ending), progress, back/next, validation and
// the save-error state. Each answer is awaited through onAnswer before the survey moves on.
import type { AnswerValue, FlowStep, Question, SurveyRenderContext } from '@touchloop/core'
import type { MoreTypes } from './body'
// biome-ignore lint/correctness/noUnusedImports: h is the classic JSX factory named in the file header
import { createRef, h, type Ref, Stateful } from './dom'
import type { Extras } from './extras'
import { tabbables } from './focus'
import type { SurveyKit } from './kit'
import type { Later } from './later'
import { QuestionBody } from './questions'
import { isNps } from './scale'
import { format, type Strings, sentences } from './strings'
import { choseOther, isHttpUrl, type Problem, validateAnswer } from './validate'

export interface SurveyViewProps {
  context: SurveyRenderContext
  /** Flow and text functions (core's, or the widget's own copy). */
  kit: SurveyKit
  strings: Strings
  rtl: boolean
  /** Move focus into the view on every step (dialogs); inline regions only keep focus that is inside. */
  focusOnStep: boolean
  /** Close an ending by itself after `presentation.autoCloseSeconds` (dialogs; an inline survey stays). */
  autoClose?: boolean
  onClose(reason: 'close' | 'escape', completed: boolean): void
  /** Text for the live region. */
  announce(text: string): void
  /** The chunk with the non-scale question types, once a step needed it. */
  more?: MoreTypes
  /** Back and the ending's extras, once a step after the first needed them. */
  later?: Later
  /** Fetches those two chunks (once per display; their CSS joins the shadow root). */
  load: { more(): Promise<MoreTypes>; later(): Promise<Later> }
  /** The chunk with what only some displays need; present when resuming. */
  extras?: Extras
}

export function safely(action: () => void): void {
  try {
    action()
  } catch (error) {
    console.error('[touchloop] a widget callback threw:', error)
  }
}

interface ViewState {
  step: FlowStep
  answers: Record<string, AnswerValue>
  /** Questions answered or skipped on the way here, for Back. */
  history: string[]
  draft?: AnswerValue
  other: string
  problem?: Problem
  saveFailed?: boolean
  saving?: boolean
}

export class SurveyView extends Stateful<SurveyViewProps, ViewState> {
  // `declare` + constructor assignments: class fields would pull defineProperty helpers into an es2020 build.
  declare busy: boolean
  declare shownAt: number
  declare card: Ref<HTMLDivElement>
  declare hadFocus: boolean
  declare closer: ReturnType<typeof setTimeout> | undefined

  constructor(props: SurveyViewProps, redraw: () => void) {
    super(props, redraw)
    // A fresh display starts at the first visible question; resuming one is in ./extras.
    const step = props.extras
      ? props.extras.resumeStep(props.context, props.kit)
      : props.kit.firstStep(props.context.survey, props.context.answers)
    const answers = { ...props.context.answers }
    this.hadFocus = props.focusOnStep
    this.busy = false
    this.shownAt = 0
    this.card = createRef()
    this.state = {
      step,
      answers,
      history: [],
      draft: step.kind === 'question' ? answers[step.questionId] : undefined,
      other: '',
    }
  }

  t(text: Question['text'] | undefined) {
    return this.props.kit.resolveText(text, this.props.context.locale, this.props.context.survey.defaultLocale)
  }

  override updated(previous: ViewState) {
    if (previous.step !== this.state.step) this.onStep()
  }

  /** Loads the chunks `step` needs, normally prefetched by then: ./later, and ./more-types for its question. */
  prepare(step: FlowStep): Promise<unknown> {
    const { props } = this
    const question = step.kind === 'question' && props.context.survey.questions.find((q) => q.id === step.questionId)
    return Promise.all([
      props.later ?? props.load.later().then((later) => (props.later = later)),
      props.more || !question || isNps(question)
        ? 0
        : props.load.more().then((more) => {
            props.more = more
            props.strings = more.strings(props.strings)
          }),
    ])
  }

  /** Each step: restart the answer clock, announce it, move focus when the user is in the survey. */
  onStep() {
    const { step } = this.state
    const { context, announce, autoClose, onClose } = this.props
    const { question, title, description, cta } = this.current()
    // The first step prefetches what the next ones may need, and draws again with it (Back when resuming).
    if (!this.shownAt) {
      if (!context.survey.questions.every(isNps)) void this.props.load.more().catch(() => {})
      this.prepare(step).then(this.redraw, (error) =>
        console.error('[touchloop] a widget chunk failed to load:', error),
      )
    }
    this.shownAt = performance.now()
    announce(question ? sentences(this.progress()[1], title) : sentences(title, description))
    const card = this.card.current
    if (this.hadFocus && card) {
      const target = (question && tabbables(card.querySelector('.body') ?? card)[0]) || card.querySelector('h2')
      target?.focus()
    }
    if (step.kind !== 'ending') return
    safely(() => context.onComplete(step.endingId))
    // An ending with a CTA stays: its link must not vanish while someone reads it (WCAG 2.2.1).
    const seconds = context.survey.presentation?.autoCloseSeconds ?? 5
    if (autoClose && !cta && seconds > 0) this.closer = setTimeout(() => onClose('close', true), seconds * 1000)
  }

  destroy() {
    clearTimeout(this.closer)
  }

  /** The current question or ending, with the texts of its heading and description, and an ending's CTA. */
  current() {
    const { step } = this.state
    const { survey } = this.props.context
    const { strings } = this.props
    const question = step.kind === 'question' ? survey.questions.find((q) => q.id === step.questionId) : undefined
    const ending = step.kind === 'ending' ? survey.endings?.find((e) => e.id === step.endingId) : undefined
    return {
      question,
      title: question ? this.t(question.text) : this.t(ending?.title) || strings.thanks,
      // An ending is never a bare title: without its own text it says what the feedback is for.
      description: question ? this.t(question.description) : this.t(ending?.text) || strings.thanksText,
      cta: ending?.cta && isHttpUrl(ending.cta.url) ? ending.cta : undefined,
    }
  }

  progress(): [{ position: number; total: number } | undefined, string] {
    const { question } = this.current()
    const progress = question
      ? this.props.kit.progressOf(this.props.context.survey, question.id, this.state.answers)
      : undefined
    return [progress, progress ? format(this.props.strings.progress, { n: progress.position, t: progress.total }) : '']
  }

  async goTo(step: FlowStep, answers: Record<string, AnswerValue>, history: string[]) {
    const card = this.card.current
    const root = card?.getRootNode() as ShadowRoot | undefined
    this.hadFocus = this.props.focusOnStep || !!(root && card?.contains(root.activeElement))
    // A chunk that cannot load (offline) must not hold the survey: the step shows without it.
    await this.prepare(step).catch((error) => console.error('[touchloop] a widget chunk failed to load:', error))
    this.setState({
      step,
      answers,
      history,
      draft: step.kind === 'question' ? answers[step.questionId] : undefined,
      other: '',
      problem: undefined,
      saveFailed: false,
      saving: false,
    })
  }

  async submit(value: AnswerValue | undefined) {
    const { question } = this.current()
    const { context, kit, more } = this.props
    const { answers, other, history } = this.state
    if (!question || this.busy) return
    const problem = validateAnswer(question, value, other, kit.isAnswered, more)
    this.setState({ problem })
    if (problem) return
    const nextAnswers = { ...answers }
    // Busy until the next step shows: a second click must not answer (or skip) twice.
    this.busy = true
    if (kit.isAnswered(value) && value !== undefined) {
      this.setState({ saving: true })
      const otherText = choseOther(value) && other.trim()
      try {
        await Promise.resolve().then(() =>
          context.onAnswer({
            questionId: question.id,
            value,
            msToAnswer: Math.round(performance.now() - this.shownAt),
            ...(otherText ? { otherText } : {}),
          }),
        )
      } catch (error) {
        // Nothing is lost: the answer stays on screen and the same button retries.
        console.error('[touchloop] storing an answer failed:', error)
        this.busy = false
        this.setState({ saveFailed: true, saving: false })
        return
      }
      nextAnswers[question.id] = value
    } else delete nextAnswers[question.id]
    await this.goTo(kit.nextStep(context.survey, question.id, nextAnswers), nextAnswers, [...history, question.id])
    this.busy = false
  }

  render() {
    const { context, kit, strings, rtl, onClose, more, later } = this.props
    const { survey } = context
    const { answers, history, draft, other, problem, saveFailed, saving } = this.state
    const { question, title, description, cta } = this.current()
    const [progress, progressText] = this.progress()
    const t = (text: Question['text'] | undefined) => this.t(text)
    const submit = (value: AnswerValue | undefined) => this.submit(value)
    const previous = question
      ? (history[history.length - 1] ?? kit.previousQuestionId(survey, question.id, answers))
      : undefined
    const back = () => {
      if (previous) this.goTo({ kind: 'question', questionId: previous }, answers, history.slice(0, -1))
    }
    const isLast = question
      ? kit.nextStep(survey, question.id, { ...answers, [question.id]: draft as AnswerValue }).kind === 'ending'
      : false
    const errorId = problem || saveFailed ? 'tl-err' : undefined
    return (
      <div ref={this.card}>
        {context.preview ? <span class="badge">{strings.preview}</span> : null}
        <div class="head">
          {question || !later ? null : <later.Check />}
          <h2 dir="auto" id={question ? 'tl-q' : undefined} part="title" tabIndex={-1}>
            {title}
          </h2>
          <button
            type="button"
            class="x"
            part="close"
            aria-label={strings.close}
            onClick={() => onClose('close', !question)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {description ? (
          <p class="desc" part="description" dir="auto">
            {description}
          </p>
        ) : null}
        {question ? (
          <div class="body" aria-busy={saving ? 'true' : undefined}>
            <QuestionBody
              question={question}
              value={draft}
              setValue={(value) => this.setState({ draft: value, problem: undefined })}
              other={other}
              setOther={(text) => this.setState({ other: text })}
              t={t}
              strings={strings}
              rtl={rtl}
              seed={context.responseId ?? survey.id}
              errorId={errorId}
              onCta={() => void submit(true)}
              onEnter={() => void submit(draft)}
              more={more}
            />
            {errorId ? (
              <p class="err" id="tl-err" role="alert" part="error">
                {saveFailed ? strings.saveError : format(strings[problem!.key], { n: problem!.n ?? '' })}
              </p>
            ) : null}
          </div>
        ) : cta && later ? (
          <later.Cta cta={cta} t={t} />
        ) : null}
        {question ? (
          <div class="foot" part="footer">
            {previous && later ? <later.Back label={strings.back} onClick={back} /> : null}
            {progress && progress.total > 1 ? (
              <progress
                class="prog"
                part="progress"
                max={progress.total}
                value={progress.position - 1}
                aria-label={progressText}
              />
            ) : (
              <span class="sp" />
            )}
            {question.type === 'cta' && question.required ? null : (
              <button type="button" class="btn" part="next" onClick={() => void submit(draft)}>
                {isLast ? strings.submit : strings.next}
              </button>
            )}
          </div>
        ) : null}
      </div>
    )
  }
}
