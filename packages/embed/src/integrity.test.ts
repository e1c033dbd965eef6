import { afterEach, describe, expect, it, vi } from 'vitest'
import { addIntegrityMap, integrityImportMap } from './integrity'

const LIST = [
  ['0.1.0/boot-AbCd1234.js', 'sha384-boot'],
  ['0.1.0/chunks/validate-Xy_z-987.js', 'sha384-validate'],
] as const

afterEach(() => {
  vi.restoreAllMocks()
  for (const map of document.querySelectorAll('script[type=importmap]')) map.remove()
})

describe('the integrity import map', () => {
  it('keys each hash by the module URL resolved against the loader', () => {
    expect(JSON.parse(integrityImportMap(LIST, 'https://cdn.example/tl/touchloop.js'))).toEqual({
      imports: {},
      integrity: {
        'https://cdn.example/tl/0.1.0/boot-AbCd1234.js': 'sha384-boot',
        'https://cdn.example/tl/0.1.0/chunks/validate-Xy_z-987.js': 'sha384-validate',
      },
    })
  })

  it('is added to the page where import maps are supported', () => {
    vi.spyOn(HTMLScriptElement, 'supports').mockImplementation((type) => type === 'importmap')
    expect(addIntegrityMap(document, LIST, 'https://cdn.example/tl/touchloop.js')).toBe(true)
    const map = document.querySelector('script[type=importmap]')
    expect(JSON.parse(map?.textContent ?? '{}').integrity['https://cdn.example/tl/0.1.0/boot-AbCd1234.js']).toBe(
      'sha384-boot',
    )
  })

  it('adds nothing where the browser has no import maps', () => {
    vi.spyOn(HTMLScriptElement, 'supports').mockReturnValue(false)
    expect(addIntegrityMap(document, LIST, 'https://cdn.example/tl/touchloop.js')).toBe(false)
    expect(document.querySelector('script[type=importmap]')).toBeNull()
  })
})
