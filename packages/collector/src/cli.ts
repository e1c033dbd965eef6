#!/usr/bin/env node
// touchloop-collector: see USAGE in ./args (every flag also has an environment variable).
import { parseCliArgs, USAGE } from './args'
import { startCollector } from './server'
import { loadSurveys } from './surveys'

async function main(): Promise<void> {
  const settings = parseCliArgs(process.argv.slice(2), process.env)
  if (settings.help) {
    console.log(USAGE)
    return
  }
  const surveys = settings.surveysPath ? loadSurveys(settings.surveysPath) : []
  const collector = await startCollector({ ...settings.options, surveys })
  console.log(`touchloop collector listening on ${collector.url} (data: ${settings.options.dataDir})`)
  if (settings.generatedToken) {
    console.log(`admin token (generated; pass --admin-token to choose one): ${settings.options.adminToken}`)
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
  console.error(`touchloop-collector: ${error.message}\n\n${USAGE}`)
  process.exit(1)
})
