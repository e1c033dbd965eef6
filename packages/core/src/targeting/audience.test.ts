import { describe, expect, it } from 'vitest'
import type { Survey } from '../model'
import { audienceMismatch, userLocale, type Viewer } from './audience'
import { classifyDevice } from './device'

const base: Survey = { id: 's', touchpoints: [], questions: [{ id: 'q', type: 'nps', text: 'x' }] }
const viewer: Viewer = { anonymousId: 'anon', traits: { plan: 'pro', seats: 12 }, locale: 'de-AT', device: 'desktop' }

describe('audience', () => {
  it('passes a survey without audience rules', () => {
    expect(audienceMismatch(base, viewer)).toBeUndefined()
  })

  it('checks identified / anonymous users', () => {
    const identified = { ...base, audience: { identified: true } }
    expect(audienceMismatch(identified, viewer)).toBe('audience: needs an identified user')
    expect(audienceMismatch(identified, { ...viewer, userId: 'u1' })).toBeUndefined()
    expect(audienceMismatch({ ...base, audience: { identified: false } }, { ...viewer, userId: 'u1' })).toBe(
      'audience: anonymous users only',
    )
  })

  it('matches locales by full tag or language', () => {
    expect(audienceMismatch({ ...base, audience: { locales: ['de'] } }, viewer)).toBeUndefined()
    expect(audienceMismatch({ ...base, audience: { locales: ['de-AT'] } }, viewer)).toBeUndefined()
    expect(audienceMismatch({ ...base, audience: { locales: ['fr', 'en'] } }, viewer)).toBe(
      'audience: locale de-AT not in fr, en',
    )
  })

  it('takes the user locale from the option, then traits, then the browser', () => {
    expect(userLocale('fr', { locale: 'de' }, ['en-US'])).toBe('fr')
    expect(userLocale(undefined, { language: 'de_AT' }, ['en-US'])).toBe('de_AT')
    expect(userLocale(undefined, {}, ['en-US', 'en'])).toBe('en-US')
    expect(userLocale(undefined, {}, [])).toBe('en')
    expect(
      audienceMismatch({ ...base, audience: { locales: ['de-at'] } }, { ...viewer, locale: 'de_AT' }),
    ).toBeUndefined()
  })

  it('checks device class and traits', () => {
    expect(audienceMismatch({ ...base, audience: { devices: ['mobile'] } }, viewer)).toBe(
      'audience: device desktop not in mobile',
    )
    expect(
      audienceMismatch({ ...base, audience: { traits: [{ prop: 'seats', op: 'gte', value: 10 }] } }, viewer),
    ).toBeUndefined()
    expect(
      audienceMismatch({ ...base, audience: { traits: [{ prop: 'plan', op: 'eq', value: 'free' }] } }, viewer),
    ).toBe('audience: traits do not match')
  })

  it('lets the host app veto with a custom predicate that sees user, traits and locale', () => {
    const seen: unknown[] = []
    const predicate = (survey: Survey, context: unknown) => {
      seen.push([survey.id, context])
      return false
    }
    expect(audienceMismatch(base, { ...viewer, userId: 'u1' }, predicate)).toBe(
      'audience: vetoed by the audience() option',
    )
    expect(seen).toEqual([['s', { userId: 'u1', traits: viewer.traits, locale: 'de-AT' }]])
  })

  it('classifies devices from viewport and pointer', () => {
    expect(classifyDevice({ width: 390, height: 844, coarsePointer: true })).toBe('mobile')
    expect(classifyDevice({ width: 1024, height: 768, coarsePointer: true })).toBe('tablet')
    expect(classifyDevice({ width: 1440, height: 900, coarsePointer: false })).toBe('desktop')
    expect(classifyDevice({ width: 500, height: 900, coarsePointer: false })).toBe('mobile')
  })
})
