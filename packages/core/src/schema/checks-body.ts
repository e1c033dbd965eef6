// The enums and messages of the survey format read only once a survey is shown (questions, endings,
// presentation), shared by the zod schemas and the survey-stage part of the guard (guard.ts). Kept
// apart from checks.ts so the page-load part of the guard does not carry them.

export const CONDITION_OPS = [
  'answered',
  'skipped',
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'includes',
  'npsCategory',
] as const
export const NPS_CATEGORIES = ['detractor', 'passive', 'promoter'] as const
export const SCALE_DISPLAYS = ['number', 'stars', 'emoji'] as const
export const TEXT_FORMATS = ['email', 'url'] as const
export const MODES = ['popover', 'inline', 'tab', 'sheet'] as const
export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'] as const
export const QUESTION_TYPE_MESSAGE =
  'expected type to be one of nps, csat, ces, rating, single, multi, text, cta, consent'
export const CONDITION_MESSAGE =
  'expected a condition: { all: [...] }, { any: [...] }, { not: {...} } or { question, op, value }'
export const LOCALIZED_TEXT_MESSAGE = 'expected a string or an object of strings per locale ({ "en": "…", "de": "…" })'
