// @vitest-environment node
// A server render: no window, no document, no IndexedDB. Anything that touched them would throw here.
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { InlineSurvey, TouchloopProvider, useTouchloop } from './index'

function Page() {
  const touchloop = useTouchloop()
  // Even a call during render is safe on the server: it is kept, and dropped with the request.
  touchloop.track('page_rendered')
  return createElement('main', null, createElement(InlineSurvey, { surveyId: 'inline-feedback', className: 'slot' }))
}

describe('server rendering', () => {
  it('renders the provider, hook calls and an inline survey container without touching browser globals', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const html = renderToString(createElement(TouchloopProvider, { options: { surveys: [] } }, createElement(Page)))
    expect(html).toBe('<main><div class="slot" data-touchloop-survey="inline-feedback"></div></main>')
  })
})
