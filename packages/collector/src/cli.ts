#!/usr/bin/env node
// touchloop-collector [--port 8787] [--host 127.0.0.1] [--data-dir .data/collector]
//   [--admin-token TOKEN] [--cors-origin URL]... [--surveys DIR]
// Every flag has an environment variable: TOUCHLOOP_PORT, TOUCHLOOP_HOST, TOUCHLOOP_DATA_DIR,
// TOUCHLOOP_ADMIN_TOKEN, TOUCHLOOP_CORS_ORIGINS (comma-separated), TOUCHLOOP_SURVEYS.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { DEFAULT_DATA_DIR, startCollector } from './server'
import { loadSurveys } from './surveys'

const USAGE = `Usage: touchloop-collector [options]
  --port <n>           port to listen on (default 8787, env TOUCHLOOP_PORT)
  --host <addr>        address to bind (default 127.0.0.1, env TOUCHLOOP_HOST)
  --data-dir <path>    PGlite data folder, or memory:// (default ${DEFAULT_DATA_DIR}, env TOUCHLOOP_DATA_DIR)
  --admin-token <t>    token for GET /v1/responses, /v1/stats and the dashboard (env TOUCHLOOP_ADMIN_TOKEN;
                       a random one is generated and printed when missing)
  --cors-origin <url>  origin allowed to send answers from a browser; repeatable (env TOUCHLOOP_CORS_ORIGINS, comma-separated)
  --surveys <path>     survey JSON files, so stats know NPS/CSAT/CES questions (env TOUCHLOOP_SURVEYS)`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'admin-token': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      surveys: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const env = process.env
  const portText = values.port ?? env.TOUCHLOOP_PORT ?? '8787'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${portText}".`)
  }
  let adminToken = values['admin-token'] ?? env.TOUCHLOOP_ADMIN_TOKEN
  const generated = !adminToken
  adminToken ||= randomBytes(18).toString('base64url')
  const corsOrigins = values['cors-origin'] ?? (env.TOUCHLOOP_CORS_ORIGINS ?? '').split(',').filter(Boolean)
  const surveysPath = values.surveys ?? env.TOUCHLOOP_SURVEYS
  const collector = await startCollector({
    port,
    host: values.host ?? env.TOUCHLOOP_HOST,
    dataDir: values['data-dir'] ?? env.TOUCHLOOP_DATA_DIR,
    adminToken,
    corsOrigins,
    surveys: surveysPath ? loadSurveys(surveysPath) : [],
  })
  console.log(`touchloop collector listening on ${collector.url}`)
  if (generated) console.log(`admin token (generated; pass --admin-token to choose one): ${adminToken}`)
  const stop = () => {
    collector.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: Error) => {
  console.error(`touchloop-collector: ${error.message}\n\n${USAGE}`)
  process.exit(1)
})
