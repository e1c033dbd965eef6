export type * from './api'
export type { Environment, Unsubscribe } from './env'
export { createBrowserEnvironment } from './env'
export type * from './model'
export type { DeliveryItem, SendContext, SendResult, Transport } from './transport'
export { TouchloopConfigError } from './transport'
export type * from './widget-contract'
export {
  type Answers,
  type FlowStep,
  chooseEnding,
  evaluateCondition,
  firstStep,
  isAnswered,
  isQuestionVisible,
  nextStep,
  npsCategory,
  previousQuestionId,
  progressOf,
  questionPath,
} from './survey/flow'
export {
  type LocaleSources,
  chooseLocale,
  matchLocale,
  normalizeLocale,
  resolveText,
  surveyLocales,
  textDirection,
} from './survey/text'
