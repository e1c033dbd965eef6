import { describe, expect, it, vi } from 'vitest'
import { checkSurveys } from './code-surveys'

const nps = {
  id: 'nps',
  touchpoints: [{ type: 'event', event: 'go' }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
}

describe('checkSurveys', () => {
  it('falls back to the guard, with a warning, when the debug validator cannot be loaded', async () => {
    const warn = vi.fn()
    const result = await checkSurveys([nps, { ...nps, id: 'bad', questions: [] }], {
      debug: true,
      warn,
      loadValidator: () => Promise.reject(new Error('offline')),
    })
    expect(result.surveys.map((survey) => survey.id)).toEqual(['nps'])
    expect(result.issues).toEqual([
      { path: 'surveys[1].questions', message: 'expected at least one question, got an array of 0', surveyId: 'bad' },
    ])
    expect(warn).toHaveBeenCalledWith(
      'touchloop: debug: the zod survey validator could not be loaded; using the production guard',
      expect.any(Error),
    )
  })

  it('names remote surveys by their prefix', async () => {
    const result = await checkSurveys([{ ...nps, id: 7 }], { prefix: 'remoteConfig.surveys' })
    expect(result.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'remoteConfig.surveys[0].id: expected string, got 7',
    ])
  })
})
