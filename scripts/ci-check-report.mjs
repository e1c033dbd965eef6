// Reads Vitest's JSON report: fails when any browser (e2e) or PostgreSQL test was skipped or none ran,
// and prints the plain "N passed, N failed, N skipped" line CI summaries read.
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/vitest.json', 'utf8'))
let passed = 0
let failed = 0
let skipped = 0
let browserRan = 0
let postgresRan = 0
const browserSkipped = []
const postgresSkipped = []
for (const file of report.testResults) {
  const isBrowser = /[/\\](e2e)[/\\].*\.e2e\.test\.ts$/.test(file.name)
  for (const test of file.assertionResults) {
    if (test.status === 'passed') passed++
    else if (test.status === 'failed') failed++
    else skipped++
    if (isBrowser && test.status === 'passed') browserRan++
    if (isBrowser && test.status !== 'passed' && test.status !== 'failed')
      browserSkipped.push(`${file.name} > ${test.fullName}`)
    // The collector's suites name their PostgreSQL half "[postgres]" (describeEachDatabase).
    const isPostgres = test.fullName.includes('[postgres]')
    if (isPostgres && test.status === 'passed') postgresRan++
    if (isPostgres && test.status !== 'passed' && test.status !== 'failed')
      postgresSkipped.push(`${file.name} > ${test.fullName}`)
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
if (browserSkipped.length > 0) {
  console.error(`ci: ${browserSkipped.length} browser test(s) did not run:\n  ${browserSkipped.join('\n  ')}`)
  process.exit(1)
}
if (postgresSkipped.length > 0 || postgresRan === 0) {
  console.error(
    `ci: ${postgresSkipped.length} PostgreSQL test(s) did not run (${postgresRan} ran); set TOUCHLOOP_TEST_DATABASE_URL (scripts/ci-postgres.sh):\n  ${postgresSkipped.slice(0, 20).join('\n  ')}`,
  )
  process.exit(1)
}
if (browserRan === 0) {
  console.error('ci: no browser test ran')
  process.exit(1)
}
if (failed > 0 || !report.success) process.exit(1)
