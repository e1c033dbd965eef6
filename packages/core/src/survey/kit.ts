// Core's flow and text functions as one object, handed to the widget (SurveyRenderContext.kit)
// so the page holds one copy of them.
import type { SurveyKit } from '../widget-contract'
import {
  firstStep,
  isAnswered,
  isQuestionVisible,
  nextStep,
  previousQuestionId,
  progressOf,
  questionPath,
} from './flow'
import { resolveText, textDirection } from './text'

export const surveyKit: SurveyKit = {
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
