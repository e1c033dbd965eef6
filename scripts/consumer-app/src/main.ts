// A fresh app that installed the packed tarballs from npm: createTouchloop, the http transport and
// the lazily imported widget, exactly as README.md shows. The collector URL comes from ?collector=.
import { createTouchloop, type Touchloop } from '@touchloop/core'
import { createHttpTransport } from '@touchloop/transports/http'
import { survey } from './survey.js'

const collector = new URLSearchParams(location.search).get('collector') ?? 'http://localhost:8787'

const touchloop: Touchloop = createTouchloop({
  surveys: [survey],
  // The demo's public write key: the collector accepts it from this page's origin only.
  transports: [createHttpTransport({ url: new URL('/v1/responses', collector).href, writeKey: 'pk_demo_localhost' })],
  widget: () => import('@touchloop/widget'),
})
touchloop.on('config:error', (issue) => console.error('touchloop config:', issue.path, issue.message))

document.getElementById('checkout')?.addEventListener('click', () => {
  touchloop.track('checkout_completed', { orderValue: 120 })
})
