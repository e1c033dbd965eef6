// Several tabs share one stored state. Each keeps its own copy in memory, so before writing (and
// before deciding to show a survey) a tab merges what the others stored: counts and times take the
// maximum, so a survey shown in one tab counts against fatigue in every tab.
import type { SessionState, SurveyHistory, TouchloopState } from './types'

function maxCounts(a: Record<string, number> = {}, b: Record<string, number> = {}): Record<string, number> {
  const out = { ...a }
  for (const [key, value] of Object.entries(b)) out[key] = Math.max(out[key] ?? 0, value)
  return out
}

function maxTime(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return Math.max(a, b)
}

function mergeHistory(a: SurveyHistory | undefined, b: SurveyHistory | undefined): SurveyHistory {
  if (!a || !b) return (a ?? b) as SurveyHistory
  const merged: SurveyHistory = { shown: Math.max(a.shown, b.shown) }
  const lastShownAt = maxTime(a.lastShownAt, b.lastShownAt)
  const completedAt = maxTime(a.completedAt, b.completedAt)
  const dismissedAt = maxTime(a.dismissedAt, b.dismissedAt)
  if (lastShownAt !== undefined) merged.lastShownAt = lastShownAt
  if (completedAt !== undefined) merged.completedAt = completedAt
  if (dismissedAt !== undefined) merged.dismissedAt = dismissedAt
  if (a.byTouchpoint || b.byTouchpoint) merged.byTouchpoint = maxCounts(a.byTouchpoint, b.byTouchpoint)
  return merged
}

function mergeSession(a: SessionState, b: SessionState): SessionState {
  if (a.id !== b.id) return a.lastActivityAt >= b.lastActivityAt ? a : b
  return {
    id: a.id,
    startedAt: Math.min(a.startedAt, b.startedAt),
    lastActivityAt: Math.max(a.lastActivityAt, b.lastActivityAt),
    shown: Math.max(a.shown, b.shown),
    byTouchpoint: maxCounts(a.byTouchpoint, b.byTouchpoint),
  }
}

/** `local` (this tab) merged with `stored` (what other tabs wrote). Identity and the open response stay local. */
export function mergeState(local: TouchloopState, stored: TouchloopState): TouchloopState {
  const surveys: Record<string, SurveyHistory> = { ...stored.surveys }
  for (const [id, history] of Object.entries(local.surveys)) surveys[id] = mergeHistory(history, stored.surveys[id])
  const merged: TouchloopState = {
    ...local,
    visits: Math.max(local.visits, stored.visits),
    sessions: Math.max(local.sessions, stored.sessions),
    session: mergeSession(local.session, stored.session),
    surveys,
    occurrences: maxCounts(local.occurrences, stored.occurrences),
  }
  const lastShownAt = maxTime(local.lastShownAt, stored.lastShownAt)
  if (lastShownAt !== undefined) merged.lastShownAt = lastShownAt
  return merged
}
