// touchloop as a bench subject: the script-tag example (examples/script-tag, its inline stub and
// config) with the built embed under /touchloop/, and a same-origin backend that stores nothing and
// acknowledges every batch. The survey is the example's post-checkout NPS (nps + text question).
import { join, resolve } from 'node:path'
import { readBody, startStaticServer } from '../page.mjs'

const ROOT = resolve(import.meta.dirname, '../../..')
export const EMBED_DIST = join(ROOT, 'packages/embed/dist')

/** The example site; `delivered` collects every record that reached the backend. */
export async function startTouchloopSite() {
  const delivered = []
  const server = await startStaticServer({
    mounts: { '/touchloop/': EMBED_DIST, '/': join(ROOT, 'examples') },
    async handle(req, res, url) {
      if (url.pathname !== '/v1/responses') return false
      const body = await readBody(req)
      const records = req.method === 'POST' ? (JSON.parse(body.toString('utf8')).records ?? []) : []
      delivered.push(...records)
      const headers = { 'content-type': 'application/json' }
      // The batch that carries the completed answer: the bench waits for this response's 2xx.
      if (records.some((record) => record.event === 'completed')) headers['x-bench-answer'] = '1'
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, headers)
      res.end(req.method === 'OPTIONS' ? undefined : '{"results":{}}')
      return true
    },
  })
  return { ...server, delivered, pageUrl: `${server.url}/script-tag/?collector=${encodeURIComponent(server.url)}` }
}

const radio = `return document.querySelector('touchloop-survey')?.shadowRoot?.querySelector('[role=radio]')`

export const touchloopSubject = {
  name: 'touchloop',
  sdk: 'touchloop (script-tag embed)',
  start: startTouchloopSite,
  /** Only the SDK's files (the example page itself has no other script file). */
  accept: (path) => path.startsWith('/touchloop/'),
  fileName: (path) => path.slice('/touchloop/'.length),
  scriptPath: /^\/touchloop\/touchloop\.js$/,
  // Ready = boot done: the loader fetched and ran the boot chunk, which created the instance and replaced
  // the stub (window.touchloop gets its `instance`). Caught with a setter on window.touchloop.
  initScript: () => {
    let value
    Object.defineProperty(window, 'touchloop', {
      configurable: true,
      get: () => value,
      set(next) {
        value = next
        if (typeof next === 'function' && 'instance' in next && window.__benchReadyAt === undefined) {
          window.__benchReadyAt = performance.now()
        }
      },
    })
  },
  ready: (page) => page.waitForFunction(() => Boolean(window.touchloop?.instance)),
  cold: { trigger: `window.touchloop.track('checkout_completed', { orderValue: 120 })`, probe: radio },
  warm: { trigger: `window.touchloop.show('post-checkout-nps', { force: true })`, probe: radio },
  async answer(page) {
    await page.getByRole('radio', { name: '9', exact: true }).click()
    await page.locator('touchloop-survey [part=next]').click()
    await page.getByRole('textbox', { name: /main reason/i }).fill('bench')
    await page.locator('touchloop-survey [part=next]').click()
  },
  /** Closes the survey on screen (its thank-you ending, or a question: dismissed), so nothing waits behind it. */
  async close(page) {
    await page.locator('touchloop-survey [part=close]').first().click()
    await page.waitForFunction(
      () => !document.querySelector('touchloop-survey')?.shadowRoot?.querySelector('[part=container]'),
    )
  },
}
