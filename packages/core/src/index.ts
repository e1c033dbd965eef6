export type * from './api'
export type { Environment, Unsubscribe } from './env'
export { createBrowserEnvironment } from './env'
export { uuidv7 } from './ids'
export type * from './model'
export {
  type Answers,
  chooseEnding,
  evaluateCondition,
  type FlowStep,
  firstStep,
  isAnswered,
  isQuestionVisible,
  nextStep,
  npsCategory,
  previousQuestionId,
  progressOf,
  questionPath,
} from './survey/flow'
export { surveyKit } from './survey/kit'
export {
  chooseLocale,
  type LocaleSources,
  matchLocale,
  normalizeLocale,
  resolveText,
  surveyLocales,
  textDirection,
} from './survey/text'
export { createTouchloop, PREVIEW_PARAM } from './touchloop'
export type { DeliveryItem, SendContext, SendResult, Transport } from './transport'
export { TouchloopConfigError } from './transport'
export type * from './widget-contract'
