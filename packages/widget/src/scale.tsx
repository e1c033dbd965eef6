/** @jsxRuntime classic */
/** @jsx h */
// The scale questions (NPS 0–10, CSAT 1–5, CES 1–7, rating 3–10 as numbers, stars or emoji) as a
// radiogroup, with the low/high labels tied to the group through aria-describedby.
import type { Question } from '@touchloop/core'
import type { BodyProps } from './body'
// biome-ignore lint/correctness/noUnusedImports: h is the classic JSX factory named in the file header
import { h } from './dom'
import { RadioGroup, type RadioOption } from './radio-group'
import type { Strings } from './strings'

export const SCALE_TYPES = ['nps', 'csat', 'ces', 'rating']

/** Scales drawn as plain numbers are in this chunk; stars and faces are in ./more-types. */
export const isPlainScale = (question: Question) =>
  SCALE_TYPES.includes(question.type) && !('display' in question && question.display && question.display !== 'number')

const RANGES: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] }

function scaleRange(question: Question): [number, number] {
  const points = question.type === 'rating' ? Math.min(10, Math.max(3, Math.round(question.scale) || 5)) : 5
  return RANGES[question.type] ?? [1, points]
}

/** The low/high labels: the question's own, else the built-in ones of NPS, CSAT and CES (none for rating). */
function scaleLabels(question: Question, t: BodyProps['t'], strings: Strings): [string, string] {
  const builtIn = strings as Partial<Record<string, string>>
  const low = 'lowLabel' in question ? t(question.lowLabel) : ''
  const high = 'highLabel' in question ? t(question.highLabel) : ''
  return [low || builtIn[`${question.type}Low`] || '', high || builtIn[`${question.type}High`] || '']
}

export function Scale({ question, value, setValue, t, strings, rtl, more }: BodyProps) {
  const [min, max] = scaleRange(question)
  const [low, high] = scaleLabels(question, t, strings)
  const options: RadioOption[] = []
  for (let n = min; n <= max; n++) {
    options.push(more?.symbol(question, n, min, max, value) ?? { value: n, className: 'opt', content: n })
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
