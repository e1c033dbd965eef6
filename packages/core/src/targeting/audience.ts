// Audience rules of a survey: traits, identified or anonymous, locale, device class, plus the
// host app's custom predicate. Pure: the caller passes who the user is.
import type { Traits } from '../api'
import type { Survey } from '../model'
import { matchesAll } from '../triggers/properties'
import type { DeviceClass } from './device'

export interface Viewer {
  userId?: string
  anonymousId: string
  traits: Traits
  locale: string
  device: DeviceClass
}

export type AudiencePredicate = (
  survey: Survey,
  context: { userId?: string; traits: Traits; locale: string },
) => boolean

/** The user's own locale: the `locale` option, then `locale`/`language` traits, then the browser's. */
export function userLocale(explicit: string | undefined, traits: Traits, languages: readonly string[]): string {
  for (const candidate of [explicit, traits.locale, traits.language, ...languages]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim()
  }
  return 'en'
}

const normalize = (tag: string) => tag.replace(/_/g, '-').toLowerCase()

/** Why a survey is not for this viewer, or undefined when it is. */
export function audienceMismatch(survey: Survey, viewer: Viewer, predicate?: AudiencePredicate): string | undefined {
  const audience = survey.audience
  if (audience) {
    if (audience.identified === true && !viewer.userId) return 'audience: needs an identified user'
    if (audience.identified === false && viewer.userId) return 'audience: anonymous users only'
    if (audience.locales?.length) {
      const wanted = normalize(viewer.locale)
      const language = wanted.split('-')[0]
      const ok = audience.locales.some((locale) => {
        const candidate = normalize(locale)
        return candidate === wanted || candidate === language
      })
      if (!ok) return `audience: locale ${viewer.locale} not in ${audience.locales.join(', ')}`
    }
    if (audience.devices?.length && !audience.devices.includes(viewer.device)) {
      return `audience: device ${viewer.device} not in ${audience.devices.join(', ')}`
    }
    if (!matchesAll(audience.traits, viewer.traits)) return 'audience: traits do not match'
  }
  if (predicate) {
    const context: { userId?: string; traits: Traits; locale: string } = {
      traits: viewer.traits,
      locale: viewer.locale,
    }
    if (viewer.userId) context.userId = viewer.userId
    if (!predicate(survey, context)) return 'audience: vetoed by the audience() option'
  }
  return undefined
}
