#!/usr/bin/env node
// touchloop-collector: see USAGE in ./args (every flag also has an environment variable).
import { parseCliArgs, USAGE } from './args'
import { redactUrl } from './db/postgres'
import { startCollector } from './server'
import { loadSurveys } from './surveys'

async function main(): Promise<void> {
  const settings = parseCliArgs(process.argv.slice(2), process.env)
  if (settings.help) {
    console.log(USAGE)
    return
  }
  const { options } = settings
  const surveys = settings.surveysPath ? loadSurveys(settings.surveysPath) : []
  const collector = await startCollector({ ...options, surveys })
  const storage = options.databaseUrl ? `PostgreSQL ${redactUrl(options.databaseUrl)}` : `PGlite in ${options.dataDir}`
  console.log(`touchloop collector listening on ${collector.url} (data: ${storage})`)
  if ((options.writeKeys ?? []).length === 0 && (options.secretKeys ?? []).length === 0) {
    console.log('no write key configured: every POST /v1/responses is refused (401). Add --write-key KEY=ORIGIN.')
  }
  if (settings.generatedToken) {
    console.log(`admin token (generated; pass --admin-token-file to choose one): ${options.adminToken}`)
  }
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
  console.error(`touchloop-collector: ${error.message}${error.name === 'CliUsageError' ? `\n\n${USAGE}` : ''}`)
  process.exit(1)
})
