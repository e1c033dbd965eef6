import { describe, expect, it } from 'vitest'
import {
  checkDraft,
  freshId,
  getIn,
  moveIn,
  newSurvey,
  parseSurveyJson,
  propertyValue,
  questionOfType,
  removeAt,
  setIn,
  slugify,
  surveyLanguages,
  textValue,
  withText,
  withTranslation,
} from './draft'

describe('studio draft', () => {
  it('sets, moves and removes by path without mutating the original', () => {
    const original = { questions: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }
    const set = setIn(original, ['questions', 1, 'text'], 'Hi')
    expect(set.questions[1]).toEqual({ id: 'b', text: 'Hi' })
    expect(original.questions[1]).toEqual({ id: 'b' })
    expect(setIn(set, ['questions', 1, 'text'], undefined).questions[1]).toEqual({ id: 'b' })
    expect(setIn({}, ['touchpoints', 0, 'url', 0, 'op'], 'glob')).toEqual({ touchpoints: [{ url: [{ op: 'glob' }] }] })
    expect(getIn(moveIn(original, ['questions'], 2, 0), ['questions'])).toEqual([{ id: 'c' }, { id: 'a' }, { id: 'b' }])
    expect(getIn(moveIn(original, ['questions'], 0, 9), ['questions'])).toEqual([{ id: 'b' }, { id: 'c' }, { id: 'a' }])
    expect(getIn(removeAt(original, ['questions'], 1), ['questions'])).toEqual([{ id: 'a' }, { id: 'c' }])
  })

  it('makes ids and slugs', () => {
    expect(freshId('q', ['q1', 'q2', 'q4'])).toBe('q3')
    expect(slugify('  Checkout NPS — Ünïcode 2! ')).toBe('checkout-nps-unicode-2')
  })

  it('edits the shown translation of a translated text and keeps the others', () => {
    expect(textValue({ en: 'Hi', de: 'Hallo' }, 'de')).toBe('Hallo')
    expect(textValue('Plain')).toBe('Plain')
    expect(withText({ en: 'Hi', de: 'Hallo' }, 'Hello', 'en')).toEqual({ en: 'Hello', de: 'Hallo' })
    expect(withText('Hi', 'Hello')).toBe('Hello')
  })

  it('changes a question type keeping what both types share', () => {
    const changed = questionOfType({ id: 'q2', type: 'nps', text: 'Why?', required: true, lowLabel: 'No' }, 'single')
    expect(changed).toEqual({
      id: 'q2',
      type: 'single',
      text: 'Why?',
      required: true,
      choices: [
        { id: 'c1', text: 'First choice' },
        { id: 'c2', text: 'Second choice' },
      ],
    })
    expect(questionOfType({ id: 'q', type: 'nps', text: 't' }, 'rating')).toMatchObject({ scale: 5 })
  })

  it('validates with the SDK schema: issues keyed by the path the API uses', () => {
    const fresh = checkDraft(newSurvey())
    expect(fresh.survey).toBeUndefined()
    expect([...fresh.byPath.keys()]).toEqual(expect.arrayContaining(['id', 'touchpoints[0].event']))
    const filled = setIn(setIn(newSurvey(), ['id'], 'checkout'), ['touchpoints', 0, 'event'], 'checkout_done')
    expect(checkDraft(filled).issues).toEqual([])
    const badRule = setIn(filled, ['touchpoints', 0, 'url'], [{ op: 'regex', value: '(' }])
    expect(checkDraft(badRule).byPath.get('touchpoints[0].url[0].value')?.[0]).toMatch(/regular expression/)
    const badFollowUp = setIn(filled, ['questions', 1], {
      id: 'q2',
      type: 'csat',
      text: 'How satisfied?',
      showIf: { question: 'nope', op: 'npsCategory', value: 'detractor' },
    })
    expect(checkDraft(badFollowUp).issues.length).toBeGreaterThan(0)
  })

  it('types a property filter value as the SDK compares it', () => {
    expect(propertyValue('42', 'gt')).toBe(42)
    expect(propertyValue('true', 'eq')).toBe(true)
    expect(propertyValue('pro plan', 'eq')).toBe('pro plan')
    expect(propertyValue(' ', 'eq')).toBe(' ')
    expect(propertyValue('x', 'exists')).toBeUndefined()
  })

  it('reads pasted JSON and says what is wrong with it', () => {
    expect(parseSurveyJson('{"$schema":"x","version":3,"id":"a"}')).toEqual({ ok: true, draft: { id: 'a' } })
    expect(parseSurveyJson('[1]')).toMatchObject({ ok: false, message: expect.stringMatching(/one survey object/) })
    expect(parseSurveyJson('{oops')).toMatchObject({ ok: false, message: expect.stringMatching(/not JSON/) })
  })
})

describe('translations', () => {
  it('lists the default language first, then every translated locale', () => {
    const draft = {
      defaultLocale: 'de',
      questions: [
        { id: 'q', type: 'single', text: { de: 'Hallo', fr: 'Salut' }, choices: [{ id: 'a', text: { ar: 'أ' } }] },
      ],
      endings: [{ id: 'e', title: 'Danke', cta: { text: { es: 'Ir' }, url: 'https://x.test' } }],
    }
    expect(surveyLanguages(draft)).toEqual(['de', 'fr', 'ar', 'es'])
    expect(surveyLanguages({})).toEqual(['en'])
  })

  it('sets a translation beside the default text, removes an emptied one, collapses to a plain string', () => {
    const translated = withTranslation('Hello', 'de', 'Hallo', 'en')
    expect(translated).toEqual({ en: 'Hello', de: 'Hallo' })
    expect(withTranslation(translated, 'de', '', 'en')).toBe('Hello')
    expect(withTranslation(translated, 'en', 'Hi', 'en')).toEqual({ en: 'Hi', de: 'Hallo' })
    expect(withTranslation(undefined, 'de', '', 'en')).toBeUndefined()
  })
})
