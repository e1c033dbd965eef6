#!/usr/bin/env node
// The `touchloop` command (see src/cli/validate-cli.ts): `touchloop validate <file|dir>…`.
import { runCli } from '../dist/cli.js'

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
})
