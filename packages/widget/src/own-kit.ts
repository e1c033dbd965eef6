// The widget's own copy of core's flow and text functions, for a context that brings no kit.
// A lazy chunk: with a current core it is never fetched.
import {
  firstStep,
  isAnswered,
  isQuestionVisible,
  nextStep,
  previousQuestionId,
  progressOf,
  questionPath,
  resolveText,
  type SurveyKit,
  textDirection,
} from '@touchloop/core'

export const ownKit: SurveyKit = {
  firstStep,
  nextStep,
  isAnswered,
  isQuestionVisible,
  questionPath,
  previousQuestionId,
  progressOf,
  resolveText,
  textDirection,
}
