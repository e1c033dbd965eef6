// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { escapeHtml, html } from './html'

describe('html', () => {
  it('escapes every interpolation that is not itself html', () => {
    const user = `<script>alert("x")</script>&'`
    expect(html`<p title="${user}">${user}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    )
  })

  it('nests html fragments and arrays without double escaping', () => {
    const items = ['a<b', 'c']
    expect(html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>',
    )
  })

  it('renders nothing for null, undefined and false', () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0')
    expect(escapeHtml(42)).toBe('42')
  })
})
