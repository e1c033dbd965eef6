// The zod validator as `debug: true` runs it in the browser: it also warns where the production guard
// would refuse a survey the schema accepts (guard.property.test.ts keeps them in step; this is the net).
import { describe, expect, it, vi } from 'vitest'
import { validateSurveys, validateSurveysInSlices } from './validate'

const guardRefuses = vi.hoisted(() => ({ value: false }))
vi.mock('./guard', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./guard')>()
  return {
    ...actual,
    guardPlainSurvey: (plain: unknown, at: string) =>
      guardRefuses.value
        ? { ok: false, issues: [{ path: `${at}.questions[0]`, message: 'expected something else' }] }
        : actual.guardPlainSurvey(plain, at),
  }
})

const minimal = {
  id: 'min',
  touchpoints: [{ type: 'event', event: 'x' }],
  questions: [{ id: 'q', type: 'nps', text: 'Recommend?' }],
}

describe('validateSurveysInSlices (debug: true)', () => {
  it('warns when the production guard would refuse a survey the schema accepts', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await validateSurveysInSlices([minimal])
    expect(warn).not.toHaveBeenCalled()
    guardRefuses.value = true
    const result = await validateSurveysInSlices([minimal])
    expect(result.surveys.map((survey) => survey.id)).toEqual(['min']) // debug: zod's verdict is used
    expect(warn).toHaveBeenCalledWith(
      'touchloop: debug: the production guard refuses survey "min", which the schema accepts ' +
        '(surveys[0].questions[0]: expected something else); without debug it would be skipped. Please report this bug.',
    )
    warn.mockClear()
    validateSurveys([minimal]) // the collector and the CLI: no such warning
    expect(warn).not.toHaveBeenCalled()
    guardRefuses.value = false
    warn.mockRestore()
  })
})
