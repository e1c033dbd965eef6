// The npm way: createTouchloop + the http transport, the widget loaded only when a survey is due,
// and client-side navigation (history.pushState) that core's page touchpoints follow.
import { createTouchloop } from '@touchloop/core'
import { createHttpTransport } from '@touchloop/transports/http'
import postCheckoutNps from '../../surveys/post-checkout-nps.json'

const collector = new URLSearchParams(location.search).get('collector') ?? 'http://localhost:8787'

const touchloop = createTouchloop({
  surveys: [postCheckoutNps],
  transports: [createHttpTransport({ url: new URL('/v1/responses', collector).href, writeKey: 'pk_demo_localhost' })],
  widget: () => import('@touchloop/widget'),
})
touchloop.on('config:error', (issue) => console.warn('touchloop config:', issue.path, issue.message))

const BASE = '/spa'
const views: Record<string, () => string> = {
  '/': () => `<h1>Acme shop</h1><p>Espresso machine, 120.00 €.</p><p><a href="${BASE}/basket">Go to the basket</a></p>`,
  '/basket': () =>
    `<h1>Basket</h1><p>1 × Espresso machine, <strong>120.00 €</strong>.</p>
     <button type="button" data-action="checkout">Complete checkout</button><p role="status" id="status"></p>`,
  '/account': () => '<h1>Account</h1><p>Signed in as Ada (demo).</p>',
}

function render(): void {
  const path = location.pathname.slice(BASE.length).replace(/\/$/, '') || '/'
  const view = document.getElementById('view')!
  view.innerHTML = (views[path] ?? views['/']!)()
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const current = new URL(link.href).pathname.replace(/\/$/, '') === location.pathname.replace(/\/$/, '')
    if (current) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement
  if (target.closest('[data-action=checkout]')) {
    touchloop.track('checkout_completed', { orderValue: 120 })
    document.getElementById('status')!.textContent = 'Order placed.'
    return
  }
  const link = target.closest('a')
  if (!link || link.origin !== location.origin || !link.pathname.startsWith(BASE)) return
  event.preventDefault()
  history.pushState(null, '', link.pathname + location.search)
  render()
  document.getElementById('view')!.focus()
})
addEventListener('popstate', render)
render()
