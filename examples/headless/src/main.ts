// Headless mode: createTouchloop() without `widget`. touchloop says when a survey is due
// (`survey:due`); the app starts a response with start(), renders the questions itself and reports
// answers, completion or dismissal through the session, which writes revisions to the durable queue
// exactly like the widget does (fatigue, events and delivery included). Run with `pnpm demo`.
import { createTouchloop, type Question, resolveText, type SurveySession } from '@touchloop/core'
import { createHttpTransport } from '@touchloop/transports/http'
import postCheckoutNps from '../../surveys/post-checkout-nps.json'

const collector = new URLSearchParams(location.search).get('collector') ?? 'http://localhost:8787'

const touchloop = createTouchloop({
  surveys: [postCheckoutNps],
  transports: [createHttpTransport({ url: new URL('/v1/responses', collector).href, writeKey: 'pk_demo_localhost' })],
  debug: new URLSearchParams(location.search).has('debug'),
})
touchloop.on('config:error', (issue) => console.warn('touchloop config:', issue.path, issue.message))

const status = document.getElementById('status')!
const host = document.getElementById('survey')!

document.getElementById('checkout')!.addEventListener('click', () => {
  touchloop.track('checkout_completed', { orderValue: 120 })
  status.textContent = 'Order placed.'
})

// Due: start the response (it may still be declined, e.g. another survey is open) and render it.
touchloop.on('survey:due', async ({ survey, touchpoint }) => {
  const session = await touchloop.start(survey.id, { touchpoint })
  if (session) renderStep(session)
})

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text // survey text is always text, never HTML
  return node
}

function renderStep(session: SurveySession): void {
  host.replaceChildren()
  const step = session.step
  const text = (value: Parameters<typeof resolveText>[0]) =>
    resolveText(value, session.locale, session.survey.defaultLocale)
  if (step.kind === 'ending') {
    const ending = session.survey.endings?.find((candidate) => candidate.id === step.endingId)
    void session.complete(step.endingId).then((stored) => {
      status.textContent = stored ? (ending ? text(ending.title) : 'Thank you!') : 'Could not save your answer.'
    })
    return
  }
  const question = session.survey.questions.find((candidate) => candidate.id === step.questionId) as Question
  const form = element('fieldset')
  form.append(element('legend', text(question.text)))
  const answer = async (value: number | string) => {
    if (await session.answer(question.id, value)) renderStep(session)
  }
  if (question.type === 'nps') {
    const scale = element('div')
    scale.className = 'scale'
    for (let score = 0; score <= 10; score++) {
      const button = element('button', String(score))
      button.type = 'button'
      button.addEventListener('click', () => void answer(score))
      scale.append(button)
    }
    form.append(scale)
  } else {
    const field = element('textarea')
    field.setAttribute('aria-label', text(question.text))
    const next = element('button', 'Send')
    next.type = 'button'
    next.addEventListener('click', () => void answer(field.value))
    form.append(field, next)
  }
  const close = element('button', 'Not now')
  close.type = 'button'
  close.addEventListener('click', () => {
    host.replaceChildren()
    void session.dismiss('not-now')
  })
  const actions = element('div')
  actions.className = 'actions'
  actions.append(close)
  form.append(actions)
  host.append(form)
  form.querySelector('button')?.focus()
}
