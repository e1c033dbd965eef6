import { describe, expect, it } from 'vitest'
import { matchesAll, matchesProperty } from './properties'

const props = { orderValue: 120, plan: 'Pro', tags: ['new', 'vip'], cart: { items: 3 }, coupon: null, qty: '4' }

describe('property conditions', () => {
  it.each([
    [{ prop: 'orderValue', op: 'eq', value: 120 }, true],
    [{ prop: 'qty', op: 'eq', value: 4 }, true],
    [{ prop: 'plan', op: 'eq', value: 'pro' }, false],
    [{ prop: 'plan', op: 'neq', value: 'free' }, true],
    [{ prop: 'plan', op: 'contains', value: 'PR' }, true],
    [{ prop: 'tags', op: 'contains', value: 'vip' }, true],
    [{ prop: 'tags', op: 'contains', value: 'old' }, false],
    [{ prop: 'orderValue', op: 'gt', value: 100 }, true],
    [{ prop: 'orderValue', op: 'gte', value: 120 }, true],
    [{ prop: 'orderValue', op: 'lt', value: 120 }, false],
    [{ prop: 'orderValue', op: 'lte', value: 120 }, true],
    [{ prop: 'plan', op: 'gt', value: 1 }, false],
    [{ prop: 'cart.items', op: 'gte', value: 3 }, true],
    [{ prop: 'plan', op: 'exists' }, true],
    [{ prop: 'coupon', op: 'exists' }, false],
    [{ prop: 'coupon', op: 'notExists' }, true],
    [{ prop: 'missing.deep', op: 'notExists' }, true],
  ] as const)('%o → %s', (condition, expected) => {
    expect(matchesProperty(condition, props)).toBe(expected)
  })

  it('needs all conditions', () => {
    expect(matchesAll([], props)).toBe(true)
    expect(
      matchesAll(
        [
          { prop: 'orderValue', op: 'gt', value: 100 },
          { prop: 'plan', op: 'eq', value: 'Pro' },
        ],
        props,
      ),
    ).toBe(true)
    expect(
      matchesAll(
        [
          { prop: 'orderValue', op: 'gt', value: 100 },
          { prop: 'plan', op: 'eq', value: 'Free' },
        ],
        props,
      ),
    ).toBe(false)
  })
})
