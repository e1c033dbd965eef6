// The peers come from npm, outside the repo: installed with npm into a cache folder
// (~/.cache/touchloop-bench/peers, or $TOUCHLOOP_BENCH_CACHE) the first time the bench needs them.
// They are never dependencies of this repo and none of their code is committed.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const PEERS_DIR = process.env.TOUCHLOOP_BENCH_CACHE ?? join(homedir(), '.cache/touchloop-bench/peers')
const PACKAGES = ['posthog-js', '@sentry/browser']

const versionOf = (name) =>
  JSON.parse(readFileSync(join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8')).version

/** Installs the latest posthog-js and @sentry/browser when missing (or with PEERS_UPDATE=1); their versions. */
export function ensurePeers() {
  const missing = PACKAGES.filter((name) => !existsSync(join(PEERS_DIR, 'node_modules', name, 'package.json')))
  if (missing.length > 0 || process.env.PEERS_UPDATE === '1') {
    mkdirSync(PEERS_DIR, { recursive: true })
    const manifest = join(PEERS_DIR, 'package.json')
    if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n')
    console.error(`bench: installing ${PACKAGES.join(', ')} (latest) into ${PEERS_DIR}`)
    execFileSync(
      'npm',
      ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', ...PACKAGES.map((name) => `${name}@latest`)],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
  }
  return Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)]))
}

// The Sentry page: @sentry/browser with its defaults plus feedbackIntegration() (the form code bundled
// in, no lazy loading from Sentry's CDN), autoInject off so nothing shows at page load. The DSN points
// at the page's own origin, where the bench answers envelopes. `__benchOpenFeedback` builds and opens a
// form the way an app's "Give feedback" button would (createForm, appendToDom, open).
const SENTRY_ENTRY = `import { feedbackIntegration, init } from '@sentry/browser'

const feedback = feedbackIntegration({ autoInject: false })
init({ dsn: location.protocol + '//benchkey@' + location.host + '/1', integrations: [feedback] })
window.__benchReadyAt = performance.now()

let form
window.__benchOpenFeedback = async () => {
  form?.removeFromDom()
  form = await feedback.createForm()
  form.appendToDom()
  form.open()
}
window.__benchCloseFeedback = () => form?.removeFromDom()
`
const SENTRY_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Sentry feedback bench</title>
    <script type="module" src="./main.js"></script>
  </head>
  <body>
    <main><h1>Acme shop</h1><p>Your basket: 1 × Espresso machine.</p></main>
  </body>
</html>
`

/** Builds the Sentry page with Vite into a fresh temp folder inside the peers cache (removed by `remove`). */
export async function buildSentryPage() {
  const { build } = await import('vite')
  const root = mkdtempSync(join(PEERS_DIR, 'sentry-page-'))
  writeFileSync(join(root, 'main.js'), SENTRY_ENTRY)
  writeFileSync(join(root, 'index.html'), SENTRY_HTML)
  await build({ root, logLevel: 'warn', configFile: false, build: { outDir: 'dist', emptyOutDir: true } })
  return { dist: join(root, 'dist'), remove: () => rmSync(root, { recursive: true, force: true }) }
}
