// Survey names, question text and choice labels for people reading answers (dashboard, exports,
// webhook messages). Pure: the dashboard app imports it too. Unknown surveys fall back to their ids.
import type { AnswerValue, Survey } from '@touchloop/core'
import { resolveText } from '@touchloop/core'

export interface QuestionLabels {
  id: string
  type: string
  text: string
  /** choice id → label (single / multi questions). */
  choices?: Record<string, string>
}

export interface SurveyLabels {
  id: string
  name: string
  questions: QuestionLabels[]
}

const LOCALE = 'en'

export function surveyLabels(survey: Survey): SurveyLabels {
  return {
    id: survey.id,
    name: survey.name ?? survey.id,
    questions: survey.questions.map((question) => {
      const labels: QuestionLabels = {
        id: question.id,
        type: question.type,
        text: resolveText(question.text, LOCALE, survey.defaultLocale) || question.id,
      }
      if (question.type === 'single' || question.type === 'multi') {
        labels.choices = Object.fromEntries(
          question.choices.map((choice) => [
            choice.id,
            resolveText(choice.text, LOCALE, survey.defaultLocale) || choice.id,
          ]),
        )
        if (question.other) labels.choices.other = 'Other'
      }
      return labels
    }),
  }
}

/** An answer as text: choice labels instead of ids, yes/no for booleans, lists joined. */
export function answerText(value: AnswerValue, question?: QuestionLabels): string {
  const label = (item: unknown) => question?.choices?.[String(item)] ?? String(item)
  if (Array.isArray(value)) return value.map(label).join(', ')
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return label(value)
}

export type NpsCategory = 'detractor' | 'passive' | 'promoter'

export function npsCategory(score: number): NpsCategory {
  return score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter'
}
