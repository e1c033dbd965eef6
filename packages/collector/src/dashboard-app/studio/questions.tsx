// The questions of a survey: type, text, required, type-specific options, order, and a follow-up shown
// only after a given NPS category ("showIf": { question, op: "npsCategory", value }).
import type { Question } from '@touchloop/core'
import { earlierNpsQuestions, freshId, type Path, QUESTION_TYPES, questionOfType, textValue } from './draft'
import { CheckField, FieldErrors, fieldId, ItemButtons, NumberField, SelectField, TextField, useEditor } from './fields'

const MORE_TYPES = [
  ['cta', 'Button with a link'],
  ['consent', 'Consent checkbox'],
] as const
const DISPLAYS = [
  ['number', 'Numbers'],
  ['stars', 'Stars'],
  ['emoji', 'Faces'],
] as const
const CATEGORIES = [
  ['detractor', 'a detractor (0–6)'],
  ['passive', 'a passive (7–8)'],
  ['promoter', 'a promoter (9–10)'],
] as const

/** "When to ask": always, or after an NPS category of an earlier NPS question. */
function FollowUpField(props: { index: number; questions: Question[] }) {
  const { set } = useEditor()
  const path: Path = ['questions', props.index, 'showIf']
  const question = props.questions[props.index] as Question
  const sources = earlierNpsQuestions(props.questions, props.index)
  const showIf = question.showIf as { question?: string; op?: string; value?: unknown } | undefined
  const simple = !showIf || (showIf.op === 'npsCategory' && typeof showIf.question === 'string')
  const current = showIf && simple ? `${showIf.question}|${String(showIf.value)}` : showIf ? 'custom' : ''
  if (sources.length === 0 && !showIf) return null
  const id = fieldId(path)
  return (
    <div class="field">
      <label for={id}>When to ask</label>
      <select
        id={id}
        value={current}
        onChange={(e) => {
          const value = e.currentTarget.value
          if (value === 'custom') return
          if (value === '') return set(path, undefined)
          const [source, category] = value.split('|')
          set(path, { question: source, op: 'npsCategory', value: category })
        }}
      >
        <option value="">Always</option>
        {sources.flatMap((source) =>
          CATEGORIES.map(([category, label]) => (
            <option key={`${source.id}|${category}`} value={`${source.id}|${category}`}>
              Only when “{textValue(source.text).slice(0, 40)}” was answered by {label}
            </option>
          )),
        )}
        {current === 'custom' && <option value="custom">A custom condition (edit it in JSON)</option>}
      </select>
      <FieldErrors path={path} />
    </div>
  )
}

function Choices(props: { index: number; question: Question & { choices: { id: string; text: unknown }[] } }) {
  const { set } = useEditor()
  const base: Path = ['questions', props.index, 'choices']
  const choices = props.question.choices
  return (
    <fieldset class="sub">
      <legend>Choices</legend>
      <FieldErrors path={base} />
      {choices.map((_choice, n) => (
        <div class="item-row" key={n}>
          <TextField label={`Choice ${n + 1}`} path={[...base, n, 'text']} also={[[...base, n, 'id']]} class="grow" />
          <ItemButtons noun="choice" index={n} count={choices.length} list={base} />
        </div>
      ))}
      <div class="actions">
        <button
          type="button"
          class="button small ghost"
          onClick={() =>
            set([...base, choices.length], {
              id: freshId(
                'c',
                choices.map((choice) => choice.id),
              ),
              text: `Choice ${choices.length + 1}`,
            })
          }
        >
          Add a choice
        </button>
      </div>
      <CheckField label="Add an “Other” choice with a text field" path={['questions', props.index, 'other']} />
      <CheckField label="Shuffle the choices" path={['questions', props.index, 'shuffle']} />
    </fieldset>
  )
}

function QuestionCard(props: { index: number; questions: Question[] }) {
  const { update } = useEditor()
  const { index, questions } = props
  const question = questions[index] as Question
  const at = (...rest: (string | number)[]): Path => ['questions', index, ...rest]
  const scaled = ['nps', 'csat', 'ces', 'rating'].includes(question.type)
  return (
    <li class="card question-card">
      <div class="card-head">
        <h3 id={`q-${index}-title`}>Question {index + 1}</h3>
        <ItemButtons noun="question" index={index} count={questions.length} list={['questions']} />
      </div>
      <div class="grid-2">
        <SelectField
          label="Type"
          path={at('type')}
          options={[...QUESTION_TYPES, ...MORE_TYPES]}
          onChange={(type) =>
            update((draft) => {
              const list = [...(draft.questions as Record<string, unknown>[])]
              list[index] = questionOfType(list[index] as Record<string, unknown>, type)
              return { ...draft, questions: list }
            })
          }
        />
        <TextField label="Answer key (id)" path={at('id')} hint="Answers are stored under this key." />
      </div>
      <TextField label="Question" path={at('text')} multiline />
      <TextField label="Description (optional)" path={at('description')} optional />
      <CheckField label="An answer is required" path={at('required')} />
      <FollowUpField index={index} questions={questions} />
      {question.type === 'rating' && <NumberField label="Points (3–10)" path={at('scale')} min={3} max={10} step={1} />}
      {(question.type === 'rating' || question.type === 'csat') && (
        <SelectField label="Shown as" path={at('display')} options={DISPLAYS} empty="Default" />
      )}
      {scaled && (
        <div class="grid-2">
          <TextField label="Label under the lowest score (optional)" path={at('lowLabel')} optional />
          <TextField label="Label under the highest score (optional)" path={at('highLabel')} optional />
        </div>
      )}
      {(question.type === 'single' || question.type === 'multi') && (
        <Choices index={index} question={question as Question & { choices: { id: string; text: unknown }[] }} />
      )}
      {question.type === 'text' && (
        <>
          <CheckField label="Several lines" path={at('multiline')} />
          <TextField label="Placeholder (optional)" path={at('placeholder')} optional />
        </>
      )}
      {question.type === 'cta' && (
        <div class="grid-2">
          <TextField label="Button text" path={at('buttonText')} />
          <TextField label="Link (https://…)" path={at('url')} />
        </div>
      )}
      {question.type === 'consent' && <TextField label="Checkbox label" path={at('label')} />}
      <FieldErrors path={at()} />
    </li>
  )
}

export function QuestionsEditor() {
  const { draft, set } = useEditor()
  const questions = (draft.questions as Question[] | undefined) ?? []
  return (
    <section class="stack" aria-labelledby="questions-title">
      <h2 id="questions-title">Questions</h2>
      <FieldErrors path={['questions']} />
      <ol class="question-list">
        {questions.map((_question, index) => (
          <QuestionCard key={index} index={index} questions={questions} />
        ))}
      </ol>
      <div class="actions">
        <button
          type="button"
          class="button ghost"
          onClick={() =>
            set(['questions', questions.length], {
              id: freshId(
                'q',
                questions.map((question) => question.id),
              ),
              type: 'csat',
              text: 'How satisfied are you?',
            })
          }
        >
          Add a question
        </button>
      </div>
    </section>
  )
}
