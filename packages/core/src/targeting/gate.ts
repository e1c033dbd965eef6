// The gate every display passes: schedule, audience, stable sampling and fatigue, in that order.
// Returns why a survey may not be shown now (for debug logs), or undefined when it may.
import type { TouchloopOptions } from '../api'
import type { Environment } from '../env'
import { fatigueBlock } from '../fatigue/fatigue'
import type { Survey } from '../model'
import type { TouchloopState } from '../state/types'
import { scheduleBlock } from '../survey/schedule'
import { audienceMismatch, userLocale } from './audience'
import { detectDevice } from './device'
import { isSampled } from './sampling'

export interface GateOptions {
  env: Environment
  getState(): TouchloopState
  options: Pick<TouchloopOptions, 'locale' | 'audience' | 'quietPeriodDays' | 'sessionCap'>
  languages(): readonly string[]
}

export type Gate = (survey: Survey, touchpoint?: { name: string; cap?: number }) => string | undefined

export function createGate({ env, getState, options, languages }: GateOptions): Gate {
  return (survey, touchpoint) => {
    const state = getState()
    const now = env.now()
    const viewer = {
      anonymousId: state.anonymousId,
      traits: state.traits,
      // The user's own locale (not the survey's best translation): `locales: ['de']` targets German speakers.
      locale: userLocale(options.locale, state.traits, languages()),
      device: detectDevice(),
      userId: state.userId,
    }
    const policy = { quietPeriodDays: options.quietPeriodDays, sessionCap: options.sessionCap }
    return (
      scheduleBlock(survey, now) ??
      audienceMismatch(survey, viewer, options.audience) ??
      (isSampled(survey.sample, state.userId ?? state.anonymousId, survey.id)
        ? undefined
        : 'sampling: not in the sample') ??
      fatigueBlock(survey, state, now, policy, touchpoint)
    )
  }
}
