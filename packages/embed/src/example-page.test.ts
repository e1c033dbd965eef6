// @vitest-environment node
// The script-tag example inlines the stub and the post-checkout survey: keep both equal to their sources.
// README.md's quick start and docs/embed.md show the same snippet.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { STUB_SNIPPET } from './stub'

const root = join(import.meta.dirname, '../../..')
const examples = join(root, 'examples')
const page = readFileSync(join(examples, 'script-tag/index.html'), 'utf8')

/** Every pasted copy of the stub in a file (the lines that start like it), trimmed. */
const snippetsIn = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!function(w,n)'))

describe('copies of STUB_SNIPPET', () => {
  it.each([
    ['examples/script-tag/index.html', page],
    ['README.md', readFileSync(join(root, 'README.md'), 'utf8')],
    ['docs/embed.md', readFileSync(join(root, 'docs/embed.md'), 'utf8')],
  ])('%s pastes exactly STUB_SNIPPET, once', (_file, text) => {
    expect(snippetsIn(text)).toEqual([STUB_SNIPPET])
  })
})

describe('examples/script-tag/index.html', () => {
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
