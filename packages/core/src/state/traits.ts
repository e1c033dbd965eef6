// identify() traits as the state keeps them (state stage): scalars only, so what is stored can be read
// back and compared; anything else is dropped with a warning.
import type { Traits } from '../api'

/** Traits are kept and compared as scalars; anything else is dropped with a warning (it would not persist). */
export function cleanTraits(traits: unknown, warn: (message: string) => void): Traits {
  if (traits === undefined || traits === null) return {}
  if (typeof traits !== 'object' || Array.isArray(traits)) {
    warn('touchloop: identify(id, traits): expected traits as an object of strings, numbers, booleans or null')
    return {}
  }
  const clean: Traits = {}
  for (const [key, value] of Object.entries(traits)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) clean[key] = value as Traits[string]
    else if (value !== undefined)
      warn(`touchloop: identify(): trait "${key}" dropped: expected a string, number, boolean or null`)
  }
  return clean
}
