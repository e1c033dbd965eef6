// The consumer proof: what a user gets from npm, tested outside the workspace. Packs every package,
// installs the tarballs with npm into a fresh Vite app in a temp folder (scripts/consumer-app/),
// typechecks it under bundler and nodenext resolution, require()s it from CommonJS, builds it, starts a
// collector from the packed collector tarball (its `touchloop-collector` bin), serves the built app with
// `vite preview`, and answers its survey in Chromium: the answer must be stored by that collector once.
//
// Usage: node scripts/consumer-proof.mjs   (after "npx -y pnpm@10 run build"; needs Chromium, see CHROMIUM_PATH)
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { packAll, ROOT } from './pack.mjs'

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ADMIN_TOKEN = 'consumer-proof'
const KEEP = process.env.KEEP_CONSUMER_APP === '1'
const started = Date.now()
const step = (message) => console.log(`consumer-proof [${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`)

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' } })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Starts a long-running child; resolves once `ready` appears in its output. */
function startProcess(name, command, args, cwd, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } })
    let output = ''
    const onData = (chunk) => {
      output += chunk
      if (ready.test(output)) resolve(child)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`)))
    setTimeout(() => reject(new Error(`${name} not ready after 60 s:\n${output}`)), 60_000).unref()
  })
}

async function waitFor(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`)
}

const work = mkdtempSync(join(tmpdir(), 'touchloop-consumer-'))
const app = join(work, 'app')
const children = []
let browser
try {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`)
  step(`packing every package into ${work}/tarballs`)
  const tarballs = packAll(join(work, 'tarballs'))

  step(`a fresh Vite app in ${app}, installing the tarballs with npm`)
  cpSync(join(ROOT, 'scripts/consumer-app'), app, { recursive: true })
  const rootDev = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'touchloop-consumer-proof', private: true, type: 'module' }, null, 2)}\n`,
  )
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs.map((t) => t.tarball),
      `vite@${rootDev.vite}`,
      `typescript@${rootDev.typescript}`,
      `@types/node@${rootDev['@types/node']}`,
    ],
    app,
  )

  step('typecheck with moduleResolution bundler')
  run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.bundler.json'], app)
  step('typecheck with module/moduleResolution nodenext')
  run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.nodenext.json'], app)
  step('require() from CommonJS (Node >= 20.19 loads the ES modules)')
  run(
    process.execPath,
    [
      '-e',
      "const core = require('@touchloop/core'); const collector = require('@touchloop/collector'); if (typeof core.createTouchloop !== 'function' || typeof collector.startCollector !== 'function') process.exit(1)",
    ],
    app,
  )
  step('vite build')
  run(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], app)

  const [collectorPort, sitePort] = [await freePort(), await freePort()]
  const siteOrigin = `http://127.0.0.1:${sitePort}`
  const collectorUrl = `http://127.0.0.1:${collectorPort}`
  step(`collector from the packed tarball on ${collectorUrl}`)
  children.push(
    await startProcess(
      'touchloop-collector',
      join(app, 'node_modules/.bin/touchloop-collector'),
      [
        '--port',
        String(collectorPort),
        '--data-dir',
        join(work, 'collector-data'),
        '--admin-token',
        ADMIN_TOKEN,
        '--write-key',
        `pk_demo_localhost=${siteOrigin}`,
      ],
      app,
      new RegExp(String(collectorPort)),
    ),
  )
  step(`the built app with vite preview on ${siteOrigin}`)
  children.push(
    await startProcess(
      'vite preview',
      join(app, 'node_modules/.bin/vite'),
      ['preview', '--host', '127.0.0.1', '--port', String(sitePort), '--strictPort'],
      app,
      new RegExp(String(sitePort)),
    ),
  )

  step('answering the survey in Chromium')
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] })
  const page = await browser.newPage()
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()))
  await page.goto(`${siteOrigin}/?collector=${encodeURIComponent(collectorUrl)}`)
  await page.getByRole('button', { name: 'Complete checkout' }).click()
  await page.getByRole('radio', { name: '9', exact: true }).click()
  await page.locator('touchloop-survey [part=next]').click()
  await page.getByRole('textbox', { name: /main reason/i }).fill('Installed from the tarballs')
  await page.locator('touchloop-survey [part=next]').click()
  await page.getByText('Thank you!').waitFor()

  const stored = await waitFor('the answer in the collector', async () => {
    const res = await fetch(`${collectorUrl}/v1/responses?surveyId=post-checkout-nps`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    const { responses } = await res.json()
    return responses.length > 0 && responses[0].event === 'completed' ? responses : undefined
  })
  if (stored.length !== 1) throw new Error(`expected 1 stored response, got ${stored.length}`)
  const { answers } = stored[0]
  if (answers.nps !== 9 || answers.comment !== 'Installed from the tarballs') {
    throw new Error(`stored answers differ from the ones given: ${JSON.stringify(answers)}`)
  }
  if (pageErrors.length > 0) throw new Error(`the page reported errors:\n${pageErrors.join('\n')}`)
  step(
    `ok: ${tarballs.length} tarballs installed, typechecked (bundler, nodenext), built, survey answered and stored once`,
  )
} catch (error) {
  console.error(`consumer-proof: FAILED: ${error.stack ?? error}`)
  process.exitCode = 1
} finally {
  await browser?.close()
  for (const child of children) child.kill('SIGTERM')
  if (!KEEP) rmSync(work, { recursive: true, force: true })
  else console.log(`consumer-proof: kept ${work}`)
}
