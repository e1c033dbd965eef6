// One survey, step by step: the current question (or ending), progress, back/next, validation and
// the save-error state. Each answer is awaited through onAnswer before the survey moves on.
import {
  type AnswerValue,
  type FlowStep,
  firstStep,
  isAnswered,
  isQuestionVisible,
  nextStep,
  previousQuestionId,
  progressOf,
  type Question,
  questionPath,
  resolveText,
  type SurveyRenderContext,
} from '@touchloop/core'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { MoreTypes } from './body'
import { tabbables } from './focus'
import { QuestionBody } from './questions'
import { format, type Strings } from './strings'
import { choseOther, isHttpUrl, type Problem, validateAnswer } from './validate'

export interface SurveyViewProps {
  context: SurveyRenderContext
  strings: Strings
  rtl: boolean
  /** Move focus into the view on every step (dialogs); inline regions only keep focus that is inside. */
  focusOnStep: boolean
  onClose(reason: 'close' | 'escape', completed: boolean): void
  /** Text for the live region. */
  announce(text: string): void
  /** The chunk with the non-scale question types, when the survey has any. */
  more?: MoreTypes
}

/** Where a display starts: the resumed question if it is still visible, else the first unanswered one. */
export function initialStep(context: SurveyRenderContext): FlowStep {
  const { survey, answers, currentQuestionId } = context
  const resumed = survey.questions.find((question) => question.id === currentQuestionId)
  if (resumed && isQuestionVisible(resumed, answers)) return { kind: 'question', questionId: resumed.id }
  const path = questionPath(survey, answers)
  const open = path.find((id) => !isAnswered(answers[id])) ?? path[path.length - 1]
  return open ? { kind: 'question', questionId: open } : firstStep(survey, answers)
}

function safely(action: () => void): void {
  try {
    action()
  } catch (error) {
    console.error('[touchloop] a widget callback threw:', error)
  }
}

export function SurveyView({ context, strings, rtl, focusOnStep, onClose, announce, more }: SurveyViewProps) {
  const { survey } = context
  const t = (text: Question['text'] | undefined) => resolveText(text, context.locale, survey.defaultLocale)
  const [step, setStep] = useState<FlowStep>(() => initialStep(context))
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(() => ({ ...context.answers }))
  const [history, setHistory] = useState<string[]>([])
  const [draft, setDraft] = useState<AnswerValue | undefined>(() =>
    step.kind === 'question' ? context.answers[step.questionId] : undefined,
  )
  const [other, setOther] = useState('')
  const [problem, setProblem] = useState<Problem>()
  const [saveFailed, setSaveFailed] = useState(false)
  const busy = useRef(false)
  const [saving, setSaving] = useState(false)
  const shownAt = useRef(0)
  const card = useRef<HTMLDivElement>(null)
  const hadFocus = useRef(focusOnStep)
  const question = step.kind === 'question' ? survey.questions.find((q) => q.id === step.questionId) : undefined
  const ending = step.kind === 'ending' ? survey.endings?.find((e) => e.id === step.endingId) : undefined
  const progress = question ? progressOf(survey, question.id, answers) : undefined
  const progressText = progress ? format(strings.progress, { n: progress.position, t: progress.total }) : ''
  const stepKey = question?.id ?? `end:${ending?.id}`

  // Each step: restart the answer clock, announce it, and move focus when the user is in the survey.
  useLayoutEffect(() => {
    shownAt.current = performance.now()
    const title = question ? t(question.text) : t(ending?.title) || strings.thanks
    announce(question ? `${progressText}. ${title}` : `${title}. ${t(ending?.text)}`)
    if (!hadFocus.current || !card.current) return
    const target =
      (question && tabbables(card.current.querySelector('.body') ?? card.current)[0]) ||
      card.current.querySelector('h2')
    target?.focus()
  }, [stepKey])

  useEffect(() => {
    if (step.kind === 'ending') safely(() => context.onComplete(step.endingId))
  }, [stepKey])

  const noteFocus = () => {
    const root = card.current?.getRootNode() as ShadowRoot | undefined
    hadFocus.current = focusOnStep || !!(root && card.current?.contains(root.activeElement))
  }

  const goTo = (next: FlowStep, nextAnswers: Record<string, AnswerValue>) => {
    noteFocus()
    setStep(next)
    setDraft(next.kind === 'question' ? nextAnswers[next.questionId] : undefined)
    setOther('')
    setProblem(undefined)
    setSaveFailed(false)
  }

  const submit = async (value: AnswerValue | undefined) => {
    if (!question || busy.current) return
    const found = validateAnswer(question, value, other, more)
    setProblem(found)
    if (found) return
    const nextAnswers = { ...answers }
    if (isAnswered(value) && value !== undefined) {
      busy.current = true
      setSaving(true)
      const otherText = choseOther(value) && other.trim()
      try {
        await Promise.resolve().then(() =>
          context.onAnswer({
            questionId: question.id,
            value,
            msToAnswer: Math.round(performance.now() - shownAt.current),
            ...(otherText ? { otherText } : {}),
          }),
        )
      } catch (error) {
        // Nothing is lost: the answer stays on screen and the same button retries.
        console.error('[touchloop] storing an answer failed:', error)
        setSaveFailed(true)
        return
      } finally {
        busy.current = false
        setSaving(false)
      }
      nextAnswers[question.id] = value
    } else delete nextAnswers[question.id]
    setAnswers(nextAnswers)
    setHistory([...history, question.id])
    goTo(nextStep(survey, question.id, nextAnswers), nextAnswers)
  }

  const previous = question
    ? (history[history.length - 1] ?? previousQuestionId(survey, question.id, answers))
    : undefined
  const back = () => {
    if (!previous) return
    setHistory(history.slice(0, -1))
    goTo({ kind: 'question', questionId: previous }, answers)
  }

  const isLast = question
    ? nextStep(survey, question.id, { ...answers, [question.id]: draft as AnswerValue }).kind === 'ending'
    : false
  const errorId = problem || saveFailed ? 'tl-err' : undefined
  const endingCta = ending?.cta && isHttpUrl(ending.cta.url) ? ending.cta : undefined

  return (
    <div ref={card}>
      {context.preview ? <span class="badge">{strings.preview}</span> : null}
      <div class="head">
        {question ? (
          <h2 dir="auto" id="tl-q" part="title" tabIndex={-1}>
            {t(question.text)}
          </h2>
        ) : (
          <h2 dir="auto" part="title" tabIndex={-1}>
            {t(ending?.title) || strings.thanks}
          </h2>
        )}
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
      {question?.description ? (
        <p class="desc" part="description" dir="auto">
          {t(question.description)}
        </p>
      ) : null}
      {ending?.text ? (
        <p class="desc" part="description" dir="auto">
          {t(ending.text)}
        </p>
      ) : null}
      {question ? (
        <div class="body" aria-busy={saving ? 'true' : undefined}>
          <QuestionBody
            question={question}
            value={draft}
            setValue={(value) => {
              setDraft(value)
              setProblem(undefined)
            }}
            other={other}
            setOther={setOther}
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
      ) : endingCta ? (
        <div class="body">
          <a class="btn" part="cta" href={endingCta.url} target="_blank" rel="noopener noreferrer">
            {t(endingCta.text)}
          </a>
        </div>
      ) : null}
      {question ? (
        <div class="foot" part="footer">
          {previous ? (
            <button type="button" class="btn ghost" part="back" onClick={back}>
              {strings.back}
            </button>
          ) : null}
          {progress && progress.total > 1 ? (
            <progress
              class="prog"
              part="progress"
              max={progress.total}
              value={progress.position}
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
