import { describe, expect, it } from 'vitest'
import type { Survey } from '../model'
import { chooseLocale, matchLocale, resolveText, surveyLocales, textDirection } from './text'

describe('resolveText', () => {
  const text = { en: 'Hello', de: 'Hallo', 'pt-BR': 'Olá', fr: 'Bonjour' }
  it('returns a plain string as is', () => {
    expect(resolveText('Hi', 'de')).toBe('Hi')
    expect(resolveText(undefined, 'de')).toBe('')
  })
  it('matches the exact tag, then the language, then a regional sibling', () => {
    expect(resolveText(text, 'de')).toBe('Hallo')
    expect(resolveText(text, 'de-AT')).toBe('Hallo')
    expect(resolveText(text, 'pt')).toBe('Olá')
    expect(resolveText(text, 'PT_pt')).toBe('Olá')
  })
  it('falls back to the default locale, then English, then the first entry', () => {
    expect(resolveText(text, 'ja', 'fr')).toBe('Bonjour')
    expect(resolveText(text, 'ja')).toBe('Hello')
    expect(resolveText({ es: 'Hola', it: 'Ciao' }, 'ja')).toBe('Hola')
    expect(resolveText({}, 'ja')).toBe('')
  })
})

describe('chooseLocale', () => {
  it('prefers explicit, then traits, then navigator.languages, among available locales', () => {
    const available = ['en', 'de', 'he']
    expect(chooseLocale({ explicit: 'de', traits: { locale: 'he' }, languages: ['en'], available })).toBe('de')
    expect(chooseLocale({ explicit: 'ja', traits: { locale: 'he-IL' }, languages: ['en'], available })).toBe('he')
    expect(chooseLocale({ traits: { language: 'fr' }, languages: ['fr-CA', 'de-CH'], available })).toBe('de')
    expect(chooseLocale({ languages: ['ja'], available, fallback: 'en' })).toBe('en')
  })
  it('takes the first preference as is when the survey has no translations', () => {
    expect(chooseLocale({ languages: ['ar-EG', 'en'] })).toBe('ar-EG')
    expect(chooseLocale({ traits: { locale: 42 } })).toBe('en')
  })
})

describe('locales of a survey', () => {
  it('collects every translated key', () => {
    const survey: Survey = {
      id: 's',
      touchpoints: [],
      defaultLocale: 'en',
      questions: [{ id: 'q', type: 'single', text: { en: 'Q', de: 'F' }, choices: [{ id: 'a', text: { ar: 'أ' } }] }],
      endings: [{ id: 'e', title: { he: 'תודה' } }],
    }
    expect(surveyLocales(survey).sort()).toEqual(['ar', 'de', 'en', 'he'])
    expect(matchLocale('de-DE', ['en', 'de'])).toBe('de')
  })
  it('knows right-to-left languages', () => {
    expect(textDirection('ar')).toBe('rtl')
    expect(textDirection('he-IL')).toBe('rtl')
    expect(textDirection('en-US')).toBe('ltr')
  })
})
