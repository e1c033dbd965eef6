// Flags and environment variables of the touchloop-collector CLI, turned into startCollector options.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import type { StartCollectorOptions } from './server'
import { DEFAULT_DATA_DIR } from './server'

export const USAGE = `Usage: touchloop-collector [options]
  --port <n>           port to listen on (default 8787, env TOUCHLOOP_PORT)
  --host <addr>        address to bind (default 127.0.0.1, env TOUCHLOOP_HOST)
  --data-dir <path>    PGlite data folder, or memory:// (default ${DEFAULT_DATA_DIR}, env TOUCHLOOP_DATA_DIR)
  --admin-token <t>    token for GET /v1/responses, /v1/stats and the dashboard (env TOUCHLOOP_ADMIN_TOKEN;
                       a random one is generated and printed when missing)
  --cors-origin <url>  origin allowed to send answers from a browser; repeatable (env TOUCHLOOP_CORS_ORIGINS, comma-separated)
  --surveys <path>     survey JSON files, so stats know NPS/CSAT/CES questions (env TOUCHLOOP_SURVEYS)`

export interface CliSettings {
  help: boolean
  options: StartCollectorOptions
  /** True when no admin token was given and a random one was made. */
  generatedToken: boolean
  surveysPath?: string
}

export class CliUsageError extends Error {
  readonly code = 'cli_usage'
  constructor(message: string) {
    super(message)
    this.name = 'CliUsageError'
  }
}

export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliSettings {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv).values
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
  const portText = values.port ?? env.TOUCHLOOP_PORT ?? '8787'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new CliUsageError(`--port must be a whole number from 0 to 65535, got "${portText}".`)
  }
  const givenToken = values['admin-token'] ?? env.TOUCHLOOP_ADMIN_TOKEN
  const adminToken = givenToken || randomBytes(18).toString('base64url')
  const corsOrigins =
    values['cors-origin'] ??
    (env.TOUCHLOOP_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean)
  return {
    help: values.help === true,
    generatedToken: !givenToken,
    surveysPath: values.surveys ?? env.TOUCHLOOP_SURVEYS,
    options: {
      port,
      host: values.host ?? env.TOUCHLOOP_HOST ?? '127.0.0.1',
      dataDir: values['data-dir'] ?? env.TOUCHLOOP_DATA_DIR ?? DEFAULT_DATA_DIR,
      adminToken,
      corsOrigins,
    },
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
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
}
