export type { TouchloopHandle } from './handle'
export { InlineSurvey, type InlineSurveyProps } from './inline-survey'
export { TouchloopProvider, type TouchloopProviderProps, useTouchloop, useTouchloopEvent } from './provider'
