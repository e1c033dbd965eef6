import { afterEach, describe, expect, it, vi } from 'vitest'
import { addIntegrityMap, integrityImportMap } from './integrity'

const LIST = 'boot-AbCd1234 Ym9vdA==,chunks/validate-Xy_z-987 dmFsaWRhdGU+/w=='
const BOOT = 'https://cdn.example/tl/0.1.0/boot-AbCd1234.js'

afterEach(() => {
  vi.restoreAllMocks()
  for (const map of document.querySelectorAll('script[type=importmap]')) map.remove()
})

describe('the integrity import map', () => {
  it('keys each hash by the module URL resolved against the loader', () => {
    expect(JSON.parse(integrityImportMap(LIST, BOOT))).toEqual({
      imports: {},
      integrity: {
        'https://cdn.example/tl/0.1.0/boot-AbCd1234.js': 'sha256-Ym9vdA==',
        'https://cdn.example/tl/0.1.0/chunks/validate-Xy_z-987.js': 'sha256-dmFsaWRhdGU+/w==',
      },
    })
  })

  it('is added to the page where import maps are supported', () => {
    vi.spyOn(HTMLScriptElement, 'supports').mockImplementation((type) => type === 'importmap')
    expect(addIntegrityMap(document, LIST, BOOT)).toBe(true)
    const map = document.querySelector('script[type=importmap]')
    expect(JSON.parse(map?.textContent ?? '{}').integrity['https://cdn.example/tl/0.1.0/boot-AbCd1234.js']).toBe(
      'sha256-Ym9vdA==',
    )
  })

  it('adds nothing where the browser has no import maps', () => {
    vi.spyOn(HTMLScriptElement, 'supports').mockReturnValue(false)
    expect(addIntegrityMap(document, LIST, BOOT)).toBe(false)
    expect(document.querySelector('script[type=importmap]')).toBeNull()
  })
})

describe('the integrity import map, resolved', () => {
  it('keys modules in sub-folders by the same URL as the browser resolves them, with or without a query', () => {
    const map = JSON.parse(integrityImportMap(LIST, 'https://cdn.example/tl/0.1.0/boot-AbCd1234.js?v=1'))
    expect(Object.keys(map.integrity)).toEqual([
      new URL('boot-AbCd1234.js', BOOT).href,
      new URL('chunks/validate-Xy_z-987.js', BOOT).href,
    ])
  })
})
