// Whether a survey is live: status and start/end dates.
import type { Survey } from '../model'

/** Why the survey is not live at `now`, or undefined when it is. */
export function scheduleBlock(survey: Survey, now: number): string | undefined {
  const status = survey.status ?? 'active'
  if (status !== 'active') return `schedule: status is ${status}`
  if (survey.startsAt && now < Date.parse(survey.startsAt)) return `schedule: starts at ${survey.startsAt}`
  if (survey.endsAt && now >= Date.parse(survey.endsAt)) return `schedule: ended at ${survey.endsAt}`
  return undefined
}
