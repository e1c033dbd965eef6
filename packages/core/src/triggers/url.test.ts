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

  it('treats an invalid regex as no match instead of throwing', () => {
    expect(matchesUrlRule({ op: 'regex', value: '([' }, url)).toBe(false)
  })

  it('escapes regex characters in globs', () => {
    expect(globToRegExp('/a.b?')?.test('/a.bc')).toBe(true)
    expect(globToRegExp('/a.b')?.test('/axb')).toBe(false)
  })
})
