// Fatigue: how often one person may be asked. Every rule is enforced on every display; show(id,
// { force: true }) and preview mode are the only ways around them.
import type { Survey } from '../model'
import type { TouchloopState } from '../state/types'

const DAY_MS = 24 * 60 * 60 * 1000

export interface FatiguePolicy {
  /** Global quiet period between any two surveys, in days. */
  quietPeriodDays?: number
  /** Max surveys per session. */
  sessionCap?: number
}

/** Why this survey may not be shown now, or undefined when it may. */
export function fatigueBlock(
  survey: Survey,
  state: TouchloopState,
  now: number,
  policy: FatiguePolicy,
  touchpoint?: { name: string; cap?: number },
): string | undefined {
  const history = state.surveys[survey.id]
  const fatigue = survey.fatigue ?? {}
  const limit = fatigue.displayLimit ?? 'once'
  if (history) {
    if (limit === 'once' && history.shown >= 1) return 'fatigue: already shown once'
    if (limit === 'untilAnswered' && history.completedAt !== undefined) return 'fatigue: already answered'
    if (typeof limit === 'number' && history.shown >= limit) return `fatigue: display limit ${limit} reached`
    if (
      fatigue.recontactDays !== undefined &&
      history.lastShownAt !== undefined &&
      now - history.lastShownAt < fatigue.recontactDays * DAY_MS
    ) {
      return `fatigue: recontact period of ${fatigue.recontactDays} days`
    }
    if (touchpoint?.cap !== undefined && (history.byTouchpoint?.[touchpoint.name] ?? 0) >= touchpoint.cap) {
      return `fatigue: touchpoint "${touchpoint.name}" cap of ${touchpoint.cap} reached`
    }
  }
  if (
    policy.quietPeriodDays &&
    !fatigue.ignoreGlobalQuietPeriod &&
    state.lastShownAt !== undefined &&
    now - state.lastShownAt < policy.quietPeriodDays * DAY_MS
  ) {
    return `fatigue: global quiet period of ${policy.quietPeriodDays} days`
  }
  if (policy.sessionCap !== undefined && state.session.shown >= policy.sessionCap) {
    return `fatigue: session cap of ${policy.sessionCap} reached`
  }
  return undefined
}
