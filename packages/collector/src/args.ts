// Flags and environment variables of the touchloop-collector CLI, turned into startCollector options.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { StartCollectorOptions } from './server'
import { DEFAULT_DATA_DIR } from './server'
import { webhooksFromEnv } from './webhooks'
import { assertSecretKey, parseWriteKey, WriteKeyConfigError } from './write-keys'

export const USAGE = `Usage: touchloop-collector [options]
  --port <n>              port to listen on (default 8787, env TOUCHLOOP_PORT)
  --host <addr>           address to bind (default 127.0.0.1, env TOUCHLOOP_HOST)
  --database-url <url>    PostgreSQL, e.g. postgres://user:pass@db:5432/touchloop (env DATABASE_URL);
                          without it answers go to PGlite in --data-dir
  --data-dir <path>       PGlite data folder, or memory:// (default ${DEFAULT_DATA_DIR}, env TOUCHLOOP_DATA_DIR)
  --admin-token <t>       token for the admin API and the dashboard (env TOUCHLOOP_ADMIN_TOKEN; prefer
  --admin-token-file <f>  a file holding it, env TOUCHLOOP_ADMIN_TOKEN_FILE, so it stays out of ps;
                          a random one is generated and printed when none is given)
  --write-key <k=origins> a site's public write key and the origins that may use it, e.g.
                          pk_shop_4f9a2c=https://shop.example.com,https://www.shop.example.com; repeatable
                          (env TOUCHLOOP_WRITE_KEYS, entries separated by spaces or semicolons)
  --secret-key <k>        a secret key for server-to-server writes (Authorization: Bearer); repeatable
                          (env TOUCHLOOP_SECRET_KEYS, comma-separated)
  --cors-origin <url>     extra origin that gets CORS headers; repeatable (env TOUCHLOOP_CORS_ORIGINS)
  --surveys <path>        survey JSON files: answers are checked against them, stats know NPS/CSAT/CES
                          questions (env TOUCHLOOP_SURVEYS)
  --retention-days <n>    delete answers received more than n days ago (env TOUCHLOOP_RETENTION_DAYS)
  --trust-proxy           behind a TLS reverse proxy: trust X-Forwarded-For/-Proto (env TOUCHLOOP_TRUST_PROXY=1)
  --rate-limit-ip <n>     writes per second per client address, 0 = off (default 20, env TOUCHLOOP_RATE_LIMIT_IP)
  --rate-limit-key <n>    writes per second per write key, 0 = off (default 500, env TOUCHLOOP_RATE_LIMIT_KEY)
  (env only)              TOUCHLOOP_WEBHOOK_URL: comma-separated URLs that get a signed POST for each new
                          detractor; TOUCHLOOP_WEBHOOK_SECRET signs them (X-Touchloop-Signature)`

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

const list = (text: string | undefined, separator: RegExp) =>
  (text ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean)

function wholeNumber(name: string, text: string, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value > max)
    throw new CliUsageError(`${name} must be a whole number from 0 to ${max}, got "${text}".`)
  return value
}

function adminTokenFrom(values: Values, env: Record<string, string | undefined>): string | undefined {
  const file = values['admin-token-file'] ?? env.TOUCHLOOP_ADMIN_TOKEN_FILE
  if (file) {
    try {
      const token = readFileSync(file, 'utf8').trim()
      if (token) return token
    } catch (error) {
      throw new CliUsageError(`--admin-token-file: cannot read "${file}" (${(error as NodeJS.ErrnoException).code}).`)
    }
    throw new CliUsageError(`--admin-token-file: "${file}" is empty.`)
  }
  return values['admin-token'] ?? env.TOUCHLOOP_ADMIN_TOKEN
}

export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliSettings {
  let values: Values
  try {
    values = parse(argv).values
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
  const port = wholeNumber('--port', values.port ?? env.TOUCHLOOP_PORT ?? '8787', 65535)
  const givenToken = adminTokenFrom(values, env)
  const adminToken = givenToken || randomBytes(18).toString('base64url')
  const corsOrigins = values['cors-origin'] ?? list(env.TOUCHLOOP_CORS_ORIGINS, /,/)
  let writeKeys: StartCollectorOptions['writeKeys']
  let secretKeys: string[]
  try {
    writeKeys = (values['write-key'] ?? list(env.TOUCHLOOP_WRITE_KEYS, /[\s;]+/)).map(parseWriteKey)
    secretKeys = (values['secret-key'] ?? list(env.TOUCHLOOP_SECRET_KEYS, /,/)).map(assertSecretKey)
  } catch (error) {
    if (error instanceof WriteKeyConfigError) throw new CliUsageError(error.message)
    throw error
  }
  const retentionText = values['retention-days'] ?? env.TOUCHLOOP_RETENTION_DAYS
  const rate = (flag: 'rate-limit-ip' | 'rate-limit-key', envName: string, fallback: number) => {
    const text = values[flag] ?? env[envName]
    const perSecond = text === undefined ? fallback : wholeNumber(`--${flag}`, text, 1_000_000)
    return { perSecond, burst: Math.max(perSecond * 5, 1) }
  }
  const options: StartCollectorOptions = {
    port,
    host: values.host ?? env.TOUCHLOOP_HOST ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? env.TOUCHLOOP_DATA_DIR ?? DEFAULT_DATA_DIR,
    adminToken,
    corsOrigins,
    writeKeys,
    secretKeys,
    trustProxy: values['trust-proxy'] === true || env.TOUCHLOOP_TRUST_PROXY === '1',
    rateLimits: {
      perIp: rate('rate-limit-ip', 'TOUCHLOOP_RATE_LIMIT_IP', 20),
      perKey: rate('rate-limit-key', 'TOUCHLOOP_RATE_LIMIT_KEY', 500),
    },
  }
  try {
    const webhooks = webhooksFromEnv(env)
    if (webhooks.length > 0) options.webhooks = webhooks
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
  const databaseUrl = values['database-url'] ?? env.DATABASE_URL
  if (databaseUrl) options.databaseUrl = databaseUrl
  if (retentionText !== undefined) {
    options.retentionDays = wholeNumber('--retention-days', retentionText, 36_500)
    if (options.retentionDays === 0) throw new CliUsageError('--retention-days must be at least 1.')
  }
  return {
    help: values.help === true,
    generatedToken: !givenToken,
    surveysPath: values.surveys ?? env.TOUCHLOOP_SURVEYS,
    options,
  }
}

type Values = ReturnType<typeof parse>['values']

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'admin-token': { type: 'string' },
      'admin-token-file': { type: 'string' },
      'write-key': { type: 'string', multiple: true },
      'secret-key': { type: 'string', multiple: true },
      'cors-origin': { type: 'string', multiple: true },
      surveys: { type: 'string' },
      'retention-days': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'rate-limit-ip': { type: 'string' },
      'rate-limit-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
