import { describe, expect, it } from 'vitest'
import { configFromAttributes, endpointOf } from './config'

describe('configFromAttributes', () => {
  it('reads the data-* attributes of the script tag', () => {
    const script = document.createElement('script')
    script.dataset.collector = 'https://feedback.example.com'
    script.dataset.writeKey = 'pk_shop_4f9a2c7d'
    script.dataset.surveysUrl = '/surveys.json'
    script.dataset.locale = 'de'
    script.dataset.debug = ''
    script.dataset.consent = 'pending'
    expect(configFromAttributes(script)).toEqual({
      collector: 'https://feedback.example.com',
      writeKey: 'pk_shop_4f9a2c7d',
      remoteConfig: { url: '/surveys.json' },
      locale: 'de',
      debug: true,
      consent: 'pending',
    })
    expect(configFromAttributes(null)).toEqual({})
  })
})

describe('endpointOf', () => {
  it('appends /v1/responses to the collector URL, with or without a trailing slash or path', () => {
    expect(endpointOf({ collector: 'http://localhost:8787' }, 'https://shop.example/')).toBe(
      'http://localhost:8787/v1/responses',
    )
    expect(endpointOf({ collector: 'https://x.example/feedback/' }, 'https://shop.example/')).toBe(
      'https://x.example/feedback/v1/responses',
    )
    expect(endpointOf({ collector: '/tl' }, 'https://shop.example/a/b')).toBe('https://shop.example/tl/v1/responses')
  })

  it('prefers an explicit endpoint', () => {
    expect(endpointOf({ endpoint: 'https://api.example/ingest', collector: 'x' }, 'https://shop.example/')).toBe(
      'https://api.example/ingest',
    )
  })

  it('says what to add when there is no collector', () => {
    expect(() => endpointOf({}, 'https://shop.example/')).toThrow(/data-collector=/)
  })
})
