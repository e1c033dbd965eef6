// The surveys given in code: validated by the lazily imported zod chunk, or, on a repeat page load
// with the same surveys and the same validator version, taken from the verdict stored last time
// without importing the validator at all (see state/verdict-cache.ts and docs/core.md).
import type { SurveyVerdict, VerdictCache } from './state/verdict-cache'

export type SurveyValidator = Pick<typeof import('./schema/validate'), 'validateSurveysInSlices'>

/** Never rejects because of the cache; rejects only when the validator cannot be loaded. `prefix`
 * starts the issue paths (remote surveys: 'remoteConfig.surveys'; it is part of the cache key). */
export async function loadCodeSurveys(
  inputs: readonly unknown[],
  cache: VerdictCache | undefined,
  loadValidator: () => Promise<SurveyValidator> = () => import('./schema/validate'),
  prefix = 'surveys',
): Promise<SurveyVerdict> {
  const key = cache?.keyOf(prefix === 'surveys' ? inputs : [prefix, ...inputs])
  const stored = key === undefined ? undefined : await cache?.read(key)
  if (stored) return stored
  const { validateSurveysInSlices } = await loadValidator()
  const verdict = await validateSurveysInSlices(inputs, prefix)
  if (key !== undefined) cache?.write(key, verdict)
  return verdict
}
