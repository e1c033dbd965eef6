// Survey definitions shared by the schema and guard tests.
import type { Survey } from '../model'

/** A survey using every question type, branching on NPS categories, endings, schedule and translations. */
export const fullSurvey: Survey = {
  id: 'full',
  name: 'Everything',
  version: 3,
  status: 'active',
  startsAt: '2026-11-01T00:00:00Z',
  endsAt: '2026-12-31T00:00:00Z',
  touchpoints: [
    {
      type: 'event',
      event: 'checkout_completed',
      where: [{ prop: 'orderValue', op: 'gt', value: 100 }],
      nth: 3,
      cap: 2,
    },
    {
      type: 'pageview',
      url: [
        { op: 'startsWith', value: '/account' },
        { op: 'contains', value: '/admin', not: true },
      ],
    },
    { type: 'click', selector: '#help', delaySeconds: 2, cancelOn: ['help_closed'] },
    { type: 'exitIntent', name: 'leaving' },
    { type: 'scroll', percent: 75 },
    { type: 'dwell', seconds: 30 },
    { type: 'visits', count: 3, per: 'session' },
  ],
  audience: {
    traits: [{ prop: 'plan', op: 'eq', value: 'pro' }],
    identified: true,
    locales: ['en', 'de'],
    devices: ['desktop'],
  },
  sample: 0.5,
  fatigue: { recontactDays: 90, displayLimit: 'untilAnswered', ignoreGlobalQuietPeriod: false },
  priority: 10,
  presentation: { mode: 'popover', position: 'bottom-right' },
  defaultLocale: 'en',
  questions: [
    {
      id: 'nps',
      type: 'nps',
      text: { en: 'Recommend us?', de: 'Empfehlen?' },
      required: true,
      lowLabel: 'No',
      highLabel: 'Yes',
    },
    {
      id: 'wrong',
      type: 'text',
      text: 'What went wrong?',
      multiline: true,
      maxLength: 500,
      showIf: { question: 'nps', op: 'npsCategory', value: 'detractor' },
    },
    {
      id: 'review',
      type: 'cta',
      text: 'Review us?',
      buttonText: 'Open',
      url: 'https://reviews.test',
      showIf: { question: 'nps', op: 'npsCategory', value: 'promoter' },
      jumps: [{ if: { question: 'review', op: 'answered' }, to: 'thanks-promoter' }],
    },
    { id: 'csat', type: 'csat', text: 'Satisfied?', display: 'emoji' },
    { id: 'ces', type: 'ces', text: 'Easy?' },
    { id: 'stars', type: 'rating', text: 'Rate', scale: 5, display: 'stars' },
    {
      id: 'why',
      type: 'single',
      text: 'Why?',
      choices: [
        { id: 'price', text: 'Price' },
        { id: 'speed', text: { en: 'Speed', de: 'Tempo' } },
      ],
      other: { text: 'Something else' },
      shuffle: true,
    },
    {
      id: 'features',
      type: 'multi',
      text: 'Which?',
      choices: [{ id: 'a', text: 'A' }],
      other: true,
      showIf: {
        all: [{ question: 'why', op: 'eq', value: 'speed' }, { not: { question: 'csat', op: 'lt', value: 3 } }],
      },
    },
    { id: 'email', type: 'text', text: 'Email?', format: 'email' },
    { id: 'ok', type: 'consent', text: 'May we contact you?', label: 'Yes, contact me' },
  ],
  endings: [
    {
      id: 'thanks-promoter',
      if: { question: 'nps', op: 'npsCategory', value: 'promoter' },
      title: 'Thanks!',
      cta: { text: 'Review', url: 'https://reviews.test' },
    },
    { id: 'thanks', title: 'Thank you', text: 'We read every answer.' },
  ],
}
