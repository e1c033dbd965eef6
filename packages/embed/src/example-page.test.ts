// @vitest-environment node
// The script-tag example inlines the stub and the post-checkout survey: keep both equal to their sources.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { STUB_SNIPPET } from './stub'

const examples = join(import.meta.dirname, '../../../examples')
const page = readFileSync(join(examples, 'script-tag/index.html'), 'utf8')

describe('examples/script-tag/index.html', () => {
  it('inlines STUB_SNIPPET verbatim', () => {
    expect(page).toContain(STUB_SNIPPET)
  })

  it('inlines examples/surveys/post-checkout-nps.json unchanged', () => {
    const inline = /surveys: (\[[\s\S]*?\])\s*\n\s*\}\)/.exec(page)?.[1]
    expect(inline).toBeDefined()
    expect(JSON.parse(inline!)).toEqual([
      JSON.parse(readFileSync(join(examples, 'surveys/post-checkout-nps.json'), 'utf8')),
    ])
  })

  it('loads touchloop.js async and has the checkout button', () => {
    expect(page).toMatch(/<script async src="\/touchloop\/touchloop\.js"><\/script>/)
    expect(page).toContain("touchloop.track('checkout_completed', { orderValue: 120 })")
  })
})
