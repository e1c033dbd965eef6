// Surveys used by the Chromium tests: one per question type, and a full multi-step survey.
import type { Question, Survey } from '@touchloop/core'

export const QUESTIONS: Record<string, Question> = {
  nps: { id: 'nps', type: 'nps', text: 'How likely are you to recommend Acme to a friend?', required: true },
  csat: { id: 'csat', type: 'csat', text: 'How satisfied are you with checkout?', display: 'emoji' },
  ces: { id: 'ces', type: 'ces', text: 'How easy was it to find what you needed?' },
  stars: {
    id: 'stars',
    type: 'rating',
    scale: 5,
    display: 'stars',
    text: 'Rate the new editor',
    lowLabel: 'Poor',
    highLabel: 'Great',
  },
  rating: { id: 'rating', type: 'rating', scale: 10, text: 'Rate the docs', lowLabel: 'Poor', highLabel: 'Great' },
  single: {
    id: 'single',
    type: 'single',
    text: 'What is your role?',
    choices: [
      { id: 'dev', text: 'Developer' },
      { id: 'pm', text: 'Product manager' },
      { id: 'design', text: 'Designer' },
    ],
    other: true,
  },
  multi: {
    id: 'multi',
    type: 'multi',
    text: 'Which features do you use?',
    description: 'Pick all that apply.',
    choices: [
      { id: 'reports', text: 'Reports' },
      { id: 'alerts', text: 'Alerts' },
      { id: 'api', text: 'API' },
    ],
    other: true,
  },
  text: {
    id: 'text',
    type: 'text',
    text: 'What could we do better?',
    multiline: true,
    maxLength: 500,
    placeholder: 'Your thoughts',
  },
  email: { id: 'email', type: 'text', text: 'Your email, if we may follow up', format: 'email' },
  cta: {
    id: 'cta',
    type: 'cta',
    text: 'Would you join a 15-minute call?',
    buttonText: 'Book a call',
    url: 'https://example.com/call',
  },
  consent: {
    id: 'consent',
    type: 'consent',
    text: 'May we contact you?',
    label: 'Yes, you may email me about my feedback',
  },
}

export function single(question: Question, extra: Partial<Survey> = {}): Survey {
  return { id: `only-${question.id}`, touchpoints: [{ type: 'pageview' }], questions: [question], ...extra }
}

/** NPS, then a follow-up by category, choices, text, consent; promoters get a CTA ending. */
export const FULL: Survey = {
  id: 'full',
  touchpoints: [{ type: 'pageview' }],
  questions: [
    {
      ...QUESTIONS.nps!,
      jumps: [{ if: { question: 'nps', op: 'npsCategory', value: 'promoter' }, to: 'multi' }],
    } as Question,
    { ...QUESTIONS.text!, showIf: { question: 'nps', op: 'lte', value: 8 } } as Question,
    QUESTIONS.multi!,
    QUESTIONS.consent!,
  ],
  endings: [
    {
      id: 'promoter',
      if: { question: 'nps', op: 'npsCategory', value: 'promoter' },
      title: 'Thank you, that means a lot!',
      text: 'Would you leave us a review?',
      cta: { text: 'Write a review', url: 'https://example.com/review' },
    },
    { id: 'default', title: 'Thank you for your feedback' },
  ],
}
