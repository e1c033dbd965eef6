// The body of each question type. Values are controlled by the survey view; nothing here talks to
// core. Survey text goes through JSX text nodes only, so markup in a config shows as characters.
import type { AnswerValue, ChoiceQuestion, Question } from '@touchloop/core'
import { RadioGroup, type RadioOption } from './radio-group'
import { stableShuffle } from './shuffle'
import type { Strings } from './strings'
import { isHttpUrl } from './validate'

export interface BodyProps {
  question: Question
  value: AnswerValue | undefined
  setValue(value: AnswerValue | undefined): void
  other: string
  setOther(text: string): void
  /** Resolves a LocalizedText in the display locale. */
  t(text: Question['text'] | undefined): string
  strings: Strings
  rtl: boolean
  seed: string
  /** Ids of the error message and the question heading, for aria wiring. */
  errorId?: string
  onCta(): void
  /** Enter in a single-line field submits the step, like a form. */
  onEnter(): void
}

const FACES = ['😠', '🙁', '😐', '🙂', '😄']

function scaleRange(question: Question): [number, number] {
  if (question.type === 'nps') return [0, 10]
  if (question.type === 'csat') return [1, 5]
  if (question.type === 'ces') return [1, 7]
  const scale = question.type === 'rating' ? Math.min(10, Math.max(3, Math.round(question.scale) || 5)) : 5
  return [1, scale]
}

function scaleLabels(question: Question, t: BodyProps['t'], strings: Strings): [string, string] {
  if (!('scale' in question || question.type === 'nps' || question.type === 'csat' || question.type === 'ces'))
    return ['', '']
  const defaults: Record<string, [string, string]> = {
    nps: [strings.npsLow, strings.npsHigh],
    csat: [strings.csatLow, strings.csatHigh],
    ces: [strings.cesLow, strings.cesHigh],
  }
  const [low, high] = defaults[question.type] ?? ['', '']
  return [t(question.lowLabel) || low, t(question.highLabel) || high]
}

function Scale({ question, value, setValue, t, strings, rtl }: BodyProps) {
  const [min, max] = scaleRange(question)
  const display = 'display' in question ? question.display : undefined
  const [low, high] = scaleLabels(question, t, strings)
  const options: RadioOption[] = []
  for (let n = min; n <= max; n++) {
    const symbol =
      display === 'stars' ? '★' : display === 'emoji' ? FACES[Math.round(((n - min) / (max - min)) * 4)] : undefined
    options.push({
      value: n,
      className: symbol
        ? `opt sym${display === 'stars' ? ` star${typeof value === 'number' && n <= value ? ' on' : ''}` : ''}`
        : 'opt',
      content: symbol ? [<span aria-hidden="true">{symbol}</span>, <span class="sr">{n}</span>] : n,
    })
  }
  return (
    <div>
      <RadioGroup
        options={options}
        value={value}
        onChange={setValue}
        labelledBy="tl-q"
        describedBy={low || high ? 'tl-lo tl-hi' : undefined}
        className="scale"
        rtl={rtl}
        required={question.required}
      />
      {low || high ? (
        <div class="ends" part="scale-labels">
          <span id="tl-lo">
            <span class="sr">{min}: </span>
            {low}
          </span>
          <span id="tl-hi">
            <span class="sr">{max}: </span>
            {high}
          </span>
        </div>
      ) : null}
    </div>
  )
}

function choicesOf(question: ChoiceQuestion, props: BodyProps): Array<{ id: string; text: string }> {
  const list = question.choices.map((choice) => ({ id: choice.id, text: props.t(choice.text) }))
  const ordered = question.shuffle ? stableShuffle(list, `${props.seed}:${question.id}`) : list
  if (question.other) {
    const label = typeof question.other === 'object' ? props.t(question.other.text) : ''
    ordered.push({ id: 'other', text: label || props.strings.other })
  }
  return ordered
}

function OtherField(props: BodyProps) {
  return (
    <input
      class="field"
      part="input"
      type="text"
      aria-label={props.strings.otherLabel}
      placeholder={props.strings.otherLabel}
      maxLength={500}
      value={props.other}
      onInput={(event) => props.setOther((event.currentTarget as HTMLInputElement).value)}
    />
  )
}

function Choices(props: BodyProps & { question: ChoiceQuestion }) {
  const { question, value, setValue } = props
  const choices = choicesOf(question, props)
  const showOther = value === 'other' || (Array.isArray(value) && value.includes('other'))
  if (question.type === 'single') {
    return (
      <div class="list">
        <RadioGroup
          options={choices.map((choice) => ({ value: choice.id, content: choice.text, className: 'choice' }))}
          value={value}
          onChange={(id) => setValue(String(id))}
          labelledBy="tl-q"
          className="list"
          rtl={props.rtl}
          required={question.required}
        />
        {showOther ? <OtherField {...props} /> : null}
      </div>
    )
  }
  const selected = Array.isArray(value) ? value : []
  return (
    <fieldset class="list" aria-labelledby="tl-q" part="options">
      {choices.map((choice) => (
        <label class="choice" part="option" key={choice.id}>
          <input
            type="checkbox"
            checked={selected.includes(choice.id)}
            onChange={(event) => {
              const on = (event.currentTarget as HTMLInputElement).checked
              const next = choices.map((c) => c.id).filter((id) => (id === choice.id ? on : selected.includes(id)))
              setValue(next)
            }}
          />
          <span>{choice.text}</span>
        </label>
      ))}
      {showOther ? <OtherField {...props} /> : null}
    </fieldset>
  )
}

function TextField({ question, value, setValue, t, errorId, onEnter }: BodyProps) {
  if (question.type !== 'text') return null
  const text = typeof value === 'string' ? value : ''
  const common = {
    id: 'tl-input',
    class: 'field',
    part: 'input',
    value: text,
    placeholder: t(question.placeholder) || undefined,
    'aria-labelledby': 'tl-q',
    'aria-describedby': [errorId, question.maxLength ? 'tl-count' : ''].filter(Boolean).join(' ') || undefined,
    'aria-invalid': errorId ? ('true' as const) : undefined,
    'aria-required': question.required ? ('true' as const) : undefined,
    onInput: (event: Event) => setValue((event.currentTarget as HTMLInputElement).value),
  }
  return (
    <div>
      {question.multiline ? (
        <textarea {...common} rows={4} />
      ) : (
        <input
          {...common}
          type={question.format === 'email' ? 'email' : question.format === 'url' ? 'url' : 'text'}
          autoComplete={question.format === 'email' ? 'email' : 'off'}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return
            event.preventDefault()
            onEnter()
          }}
        />
      )}
      {question.maxLength ? (
        <span class="count" id="tl-count">
          {text.length}/{question.maxLength}
        </span>
      ) : null}
    </div>
  )
}

function Cta({ question, t, onCta }: BodyProps) {
  if (question.type !== 'cta') return null
  return (
    <a
      class="btn"
      part="cta"
      href={isHttpUrl(question.url) ? question.url : undefined}
      target="_blank"
      rel="noopener noreferrer"
      onClick={onCta}
    >
      {t(question.buttonText)}
    </a>
  )
}

function Consent({ question, value, setValue, t }: BodyProps) {
  if (question.type !== 'consent') return null
  return (
    <label class="choice" part="option">
      <input
        type="checkbox"
        checked={value === true}
        aria-required={question.required ? 'true' : undefined}
        onChange={(event) => setValue((event.currentTarget as HTMLInputElement).checked || undefined)}
      />
      <span>{t(question.label)}</span>
    </label>
  )
}

export function QuestionBody(props: BodyProps) {
  const { question } = props
  switch (question.type) {
    case 'single':
    case 'multi':
      return <Choices {...props} question={question} />
    case 'text':
      return <TextField {...props} />
    case 'cta':
      return <Cta {...props} />
    case 'consent':
      return <Consent {...props} />
    default:
      return <Scale {...props} />
  }
}
