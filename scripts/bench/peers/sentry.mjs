// Sentry as a bench subject: @sentry/browser + feedbackIntegration() bundled with Vite (install.mjs),
// DSN at a local envelope endpoint that acknowledges everything. Sentry has no NPS survey: the analogue of
// "survey shown" is its feedback form opened, of "first option visible" the form's first field, and of
// "answer delivered" the 2xx of the envelope that carries the feedback.
import { readBody, startStaticServer } from '../page.mjs'
import { buildSentryPage } from './install.mjs'

export const sentrySubject = {
  name: 'sentry',
  sdk: '@sentry/browser + feedbackIntegration() (Vite bundle)',
  async start() {
    const page = await buildSentryPage()
    const server = await startStaticServer({
      mounts: { '/': page.dist },
      async handle(req, res, url) {
        if (!url.pathname.startsWith('/api/1/')) return false
        const body = (await readBody(req)).toString('utf8')
        const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*' }
        if (/"type":"feedback"/.test(body)) headers['x-bench-answer'] = '1'
        res.writeHead(200, headers).end('{}')
        return true
      },
    })
    return {
      ...server,
      pageUrl: `${server.url}/`,
      close: async () => {
        await server.close()
        page.remove()
      },
    }
  },
  accept: () => true,
  fileName: (path) => path.replace(/^\//, ''),
  scriptPath: /^\/assets\/index-.*\.js$/,
  ready: (page) => page.waitForFunction(() => typeof window.__benchReadyAt === 'number'),
  cold: {
    trigger: 'window.__benchOpenFeedback()',
    probe: `return document.querySelector('#sentry-feedback')?.shadowRoot?.querySelector('.form input, .form textarea')`,
  },
  warm: {
    trigger: 'window.__benchOpenFeedback()',
    probe: `return document.querySelector('#sentry-feedback')?.shadowRoot?.querySelector('.form input, .form textarea')`,
  },
  async answer(page) {
    await page.locator('#sentry-feedback textarea[name=message]').fill('bench')
    await page.locator('#sentry-feedback button[type=submit]').click()
  },
  async close(page) {
    await page.evaluate(() => window.__benchCloseFeedback())
    await page.waitForFunction(() => !document.querySelector('#sentry-feedback')?.shadowRoot?.querySelector('.form'))
  },
}
