// What fatigue counts: each display, per survey, touchpoint and session. Written by the survey stage
// (presenter) when a survey is shown; read by fatigue.ts in the state stage's gate. Two modules so the
// two lazy chunks share none (a shared module would be a third request).
import type { SurveyHistory, TouchloopState } from '../state/types'

/** Counts a display. */
export function recordShown(state: TouchloopState, surveyId: string, touchpoint: string, now: number): void {
  const history = surveyHistory(state, surveyId)
  history.shown++
  history.lastShownAt = now
  history.byTouchpoint = { ...history.byTouchpoint, [touchpoint]: (history.byTouchpoint?.[touchpoint] ?? 0) + 1 }
  state.lastShownAt = now
  state.session.shown++
  state.session.byTouchpoint[touchpoint] = (state.session.byTouchpoint[touchpoint] ?? 0) + 1
}

/** The history of one survey, created on first use. */
export function surveyHistory(state: TouchloopState, surveyId: string): SurveyHistory {
  let history = state.surveys[surveyId]
  if (!history) {
    history = { shown: 0 }
    state.surveys[surveyId] = history
  }
  return history
}
