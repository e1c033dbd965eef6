import { afterEach, describe, expect, it } from 'vitest'
import { watchNavigation } from './navigation'

describe('SPA navigation', () => {
  let off: (() => void) | undefined
  afterEach(() => off?.())

  it('sees pushState, replaceState, popstate and hashchange without polling (history fallback)', () => {
    const urls: string[] = []
    off = watchNavigation((url) => urls.push(new URL(url).pathname + new URL(url).hash), window)
    history.pushState({}, '', '/a')
    history.replaceState({}, '', '/b')
    history.pushState({}, '', '/b') // same URL: no callback
    window.location.hash = '#c'
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    expect(urls).toEqual(['/a', '/b', '/b#c'])
  })

  it('uses the Navigation API where present', () => {
    const navigation = new EventTarget()
    let href = 'https://app.test/'
    const fakeWindow = {
      navigation,
      location: {
        get href() {
          return href
        },
      },
    } as unknown as Window
    const urls: string[] = []
    off = watchNavigation((url) => urls.push(url), fakeWindow)
    href = 'https://app.test/settings'
    navigation.dispatchEvent(new Event('currententrychange'))
    navigation.dispatchEvent(new Event('currententrychange'))
    expect(urls).toEqual(['https://app.test/settings'])
    off()
    href = 'https://app.test/other'
    navigation.dispatchEvent(new Event('currententrychange'))
    expect(urls).toHaveLength(1)
  })
})
