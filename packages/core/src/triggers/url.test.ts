import { describe, expect, it } from 'vitest'
import { globToRegExp, matchesUrl, matchesUrlRule } from './url'

const url = 'https://shop.test/account/orders/42?tab=open#top'

describe('URL rules', () => {
  it.each([
    [{ op: 'exact', value: 'https://shop.test/account/orders/42?tab=open#top' }, true],
    [{ op: 'exact', value: '/account/orders/42?tab=open#top' }, true],
    [{ op: 'exact', value: '/account' }, false],
    [{ op: 'contains', value: 'orders' }, true],
    [{ op: 'startsWith', value: '/account' }, true],
    [{ op: 'startsWith', value: 'https://shop.test/acc' }, true],
    [{ op: 'startsWith', value: '/orders' }, false],
    [{ op: 'endsWith', value: '#top' }, true],
    [{ op: 'glob', value: '/account/*/42*' }, true],
    [{ op: 'glob', value: '/account/*' }, false],
    [{ op: 'glob', value: '/account/**' }, true],
    [{ op: 'regex', value: 'orders/\\d+' }, true],
    [{ op: 'regex', value: '^/orders' }, false],
    [{ op: 'contains', value: '/admin', not: true }, true],
    [{ op: 'contains', value: 'orders', not: true }, false],
  ] as const)('%o → %s', (rule, expected) => {
    expect(matchesUrlRule(rule, url)).toBe(expected)
  })

  it('needs every rule to hold; no rules hold', () => {
    expect(matchesUrl(undefined, url)).toBe(true)
    expect(
      matchesUrl(
        [
          { op: 'startsWith', value: '/account' },
          { op: 'contains', value: 'admin', not: true },
        ],
        url,
      ),
    ).toBe(true)
    expect(
      matchesUrl(
        [
          { op: 'startsWith', value: '/account' },
          { op: 'contains', value: 'orders', not: true },
        ],
        url,
      ),
    ).toBe(false)
  })

  // Issue 12 item 1: which part of the URL each op sees; path-anchored patterns work.
  it.each([
    ['https://shop.test/pages/app/pricing?utm_source=mail#x', { op: 'glob', value: '/pages/app/**' }, true],
    ['https://shop.test/pages/app', { op: 'glob', value: '/pages/app/**' }, true],
    ['https://shop.test/pages/apps', { op: 'glob', value: '/pages/app/**' }, false],
    ['https://shop.test/pages/app/pricing', { op: 'glob', value: '**/pricing' }, true],
    ['https://shop.test/pricing', { op: 'glob', value: '**/pricing' }, true],
    ['https://shop.test/pages/pricing', { op: 'glob', value: '*/pricing' }, false],
    ['https://shop.test/pricing?x=1', { op: 'glob', value: '*/pricing' }, true],
    ['https://shop.test/pricing', { op: 'glob', value: 'https://shop.test/*' }, true],
    ['https://shop.test/pages/app/pricing?ref=1', { op: 'regex', value: '^/pages/app/(pricing|plans)$' }, true],
    ['https://shop.test/pages/app/plans', { op: 'regex', value: '^/pages/app/(pricing|plans)$' }, true],
    ['https://shop.test/pages/app/other', { op: 'regex', value: '^/pages/app/(pricing|plans)$' }, false],
    ['https://shop.test/x?utm_source=mail', { op: 'regex', value: '[?&]utm_source=mail' }, true],
    ['https://shop.test/x?utm_source=mail', { op: 'contains', value: '?utm_source=mail' }, true],
    ['https://shop.test/x?ref=(promo', { op: 'contains', value: '?ref=(promo' }, true],
    ['https://shop.test/x?ref=promo', { op: 'contains', value: '?ref=(promo' }, false],
  ] as const)('%s with %o → %s', (pageUrl, rule, expected) => {
    expect(matchesUrlRule(rule, pageUrl)).toBe(expected)
  })

  it('treats an invalid regex as no match instead of throwing', () => {
    expect(matchesUrlRule({ op: 'regex', value: '([' }, url)).toBe(false)
  })

  it('escapes regex characters in globs', () => {
    expect(globToRegExp('/a.b?')?.test('/a.bc')).toBe(true)
    expect(globToRegExp('/a.b')?.test('/axb')).toBe(false)
  })
})
