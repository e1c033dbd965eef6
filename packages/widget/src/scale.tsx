/** @jsxRuntime classic */
/** @jsx h */
// The scale questions (NPS 0–10, CSAT 1–5, CES 1–7, rating 3–10 as numbers, stars or emoji) as a
// radiogroup, with the low/high labels tied to the group through aria-describedby. NPS needs nothing
// else; the other scales take their range, stars or faces and English labels from ./more-types.
import type { Question } from '@touchloop/core'
import type { BodyProps } from './body'
// biome-ignore lint/correctness/noUnusedImports: h is the classic JSX factory named in the file header
import { h } from './dom'
import { RadioGroup, type RadioOption } from './radio-group'
import type { Strings } from './strings'

/** The one question type the widget chunk draws without ./more-types. */
export const isNps = (question: Question) => question.type === 'nps'

/** The low/high labels: the question's own, else the built-in ones of NPS, CSAT and CES (none for rating). */
function scaleLabels(question: Question, t: BodyProps['t'], strings: Strings): [string, string] {
  const builtIn = strings as Partial<Record<string, string>>
  const low = 'lowLabel' in question ? t(question.lowLabel) : ''
  const high = 'highLabel' in question ? t(question.highLabel) : ''
  return [low || builtIn[`${question.type}Low`] || '', high || builtIn[`${question.type}High`] || '']
}

export function Scale({ question, value, setValue, t, strings, rtl, more }: BodyProps) {
  const [min, max] = more?.scaleRange(question) ?? [0, 10]
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
