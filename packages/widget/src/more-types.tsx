/** @jsxRuntime classic */
/** @jsx h */
// Choice (single / multi with "Other" and a stable shuffle), text, CTA and consent questions, and
// the scales but NPS (their ranges and labels, drawn as numbers, stars or faces): a separate chunk, so a page showing an NPS survey never downloads
// them. Also their CSS, checks and English strings, and the on-screen keyboard watch: only a text
// field in the survey opens that keyboard (opening the dialog moves focus off a field of the page).
// The JSX factory, the radiogroup and the scale come in from the main chunk as arguments: one copy of
// each in the page, and no third "shared" chunk for the main one to wait on.
import type { AnswerValue, ChoiceQuestion, Question } from '@touchloop/core'
import type { BodyProps, MoreTypes } from './body'
import type { h as createElement } from './dom'
import { watchKeyboardOffset } from './keyboard-offset'
import type { RadioGroup as RadioGroupComponent, RadioOption } from './radio-group'
import type { Scale as ScaleComponent } from './scale'
import { stableShuffle } from './shuffle'
import type { StringKey, Strings } from './strings'
import type { Problem } from './validate'

export interface MoreTypesDeps {
  h: typeof createElement
  RadioGroup: typeof RadioGroupComponent
  Scale: typeof ScaleComponent
  isHttpUrl(value: string): boolean
}

const EN: Partial<Strings> = {
  tooShort: 'Please enter at least {n} characters.',
  tooLong: 'Please use at most {n} characters.',
  email: 'Please enter a valid email address.',
  url: 'Please enter a valid URL, like https://example.com.',
  other: 'Other',
  otherLabel: 'Please specify',
  csatLow: 'Very dissatisfied',
  csatHigh: 'Very satisfied',
  cesLow: 'Very difficult',
  cesHigh: 'Very easy',
}

const RANGES: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] }

function scaleRange(question: Question): [number, number] {
  return RANGES[question.type] ?? [1, Math.min(10, Math.max(3, Math.round((question as { scale: number }).scale) || 5))]
}

function strings(given: Strings): Strings {
  const filled = { ...given }
  for (const key of Object.keys(EN) as StringKey[]) filled[key] ||= EN[key]!
  return filled
}

// Faces are drawn, not emoji: a system without an emoji font shows 🙁 as an empty box. One mouth per
// level, from angry (with brows) to a wide smile; eyes and the outline are shared.
const MOUTHS = [
  'M8 17q4-4 8 0M7 7.5l3 1.5M17 7.5l-3 1.5',
  'M8.5 16.5q3.5-3 7 0',
  'M8.5 15.5h7',
  'M8.5 14.5q3.5 3 7 0',
  'M7.5 13.5h9q-1 4.5-4.5 4.5t-4.5-4.5z',
]

const css = `.sym{border-color:transparent;font-size:26px;background:none}
.face{inline-size:32px;block-size:32px;vertical-align:middle;fill:none;stroke:currentColor;stroke-width:1.5;stroke-linecap:round;stroke-linejoin:round}
.face circle+circle{fill:currentColor;stroke:none}
.sym[aria-checked=true] .face{color:var(--tl-accent)}
.sym[aria-checked=true]{background:var(--tl-soft);border-color:var(--tl-accent);color:inherit}
.star{color:var(--tl-border)}.star.on{color:#b45309}
:host([data-scheme=dark]) .star.on{color:#fbbf24}
.list{display:grid;gap:8px}
.choice{display:flex;align-items:center;gap:10px;min-block-size:44px;padding:8px 12px;border:1px solid var(--tl-border);border-radius:8px;background:var(--tl-bg);text-align:start;inline-size:100%;cursor:pointer;overflow-wrap:anywhere}
.choice:hover{background:var(--tl-soft)}
.choice[aria-checked=true],.choice:has(input:checked){border-color:var(--tl-accent);background:var(--tl-soft)}
.choice::before{content:"";box-sizing:border-box;flex:none;inline-size:16px;block-size:16px;border:1.5px solid var(--tl-border);border-radius:50%}
.choice[aria-checked=true]::before{border:5px solid var(--tl-accent)}
label.choice::before{display:none}
input[type=checkbox]{accent-color:var(--tl-accent);inline-size:18px;block-size:18px;margin:0;flex:none}
fieldset{border:0;margin:0;padding:0;min-inline-size:0}
.field{font:inherit;color:inherit;display:block;inline-size:100%;padding:10px 12px;border:1px solid var(--tl-border);border-radius:8px;background:var(--tl-bg);resize:vertical}
.field[aria-invalid=true]{border-color:var(--tl-error)}
textarea.field{min-block-size:96px}
.count{display:block;margin-block-start:4px;font-size:13px;color:var(--tl-muted);text-align:end}`

// biome-ignore lint/correctness/noUnusedFunctionParameters: h is the classic JSX factory named in the file header
export default function createMoreTypes({ h, RadioGroup, Scale, isHttpUrl }: MoreTypesDeps): MoreTypes {
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
                // Read every box: two quick clicks between renders would otherwise lose one.
                const inputs = [
                  ...((event.currentTarget as HTMLElement)
                    .closest('fieldset')
                    ?.querySelectorAll('input[type=checkbox]') ?? []),
                ] as HTMLInputElement[]
                setValue(choices.filter((_, index) => inputs[index]?.checked).map((c) => c.id))
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

  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/

  function validate(question: Question, value: AnswerValue): Problem | undefined {
    if (question.type !== 'text' || typeof value !== 'string') return undefined
    const text = value.trim()
    if (question.minLength && text.length < question.minLength) return { key: 'tooShort', n: question.minLength }
    if (question.maxLength && text.length > question.maxLength) return { key: 'tooLong', n: question.maxLength }
    if (question.format === 'email' && !EMAIL.test(text)) return { key: 'email' }
    if (question.format === 'url' && !isHttpUrl(text)) return { key: 'url' }
    return undefined
  }

  function symbol(question: Question, n: number, min: number, max: number, value: unknown): RadioOption | undefined {
    const display = 'display' in question ? question.display : undefined
    const stars = display === 'stars'
    const face = display === 'emoji' ? MOUTHS[Math.round(((n - min) / (max - min)) * 4)] : undefined
    if (!stars && !face) return undefined
    return {
      value: n,
      className: stars ? `opt sym star${typeof value === 'number' && n <= value ? ' on' : ''}` : 'opt sym',
      content: [
        stars ? (
          <span aria-hidden="true">★</span>
        ) : (
          <svg class="face" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="10" />
            <circle cx="9" cy="10.5" r="1.2" />
            <circle cx="15" cy="10.5" r="1.2" />
            <path d={face} />
          </svg>
        ),
        <span class="sr">{n}</span>,
      ],
    }
  }

  function Body(props: BodyProps) {
    const { question } = props
    if (question.type === 'single' || question.type === 'multi') return <Choices {...props} question={question} />
    if (question.type === 'text') return <TextField {...props} />
    if (question.type === 'cta') return <Cta {...props} />
    if (question.type === 'consent') return <Consent {...props} />
    return <Scale {...props} />
  }

  return { Body, validate, css, strings, scaleRange, symbol, watchKeyboardOffset }
}
