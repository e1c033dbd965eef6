/// <reference types="node" />
// `touchloop validate <file.json|file.js|dir>…`: checks survey definitions at authoring time with the
// zod schemas (the source of truth; the SDK in production only runs its structural guard). Prints
// `file: path: message` per issue, exits 1 when there are issues, `--json` for machines.
import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { SurveyConfigIssue } from '../schema/survey-list'
import { validateSurveyContent } from '../schema/validate-content'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  cwd: string
}

export interface FileReport {
  file: string
  surveys: number
  issues: SurveyConfigIssue[]
}

const SURVEY_FILES = new Set(['.json', '.js', '.mjs', '.cjs'])

export const USAGE = `Usage: touchloop validate [--json] <file.json|file.js|directory>…

Checks survey definitions against the survey schema (@touchloop/core/schema). A file holds one
survey, an array of surveys, or { "surveys": [...] }; a .js/.mjs file exports them as default or
as \`surveys\`. A directory is searched for .json, .js, .mjs and .cjs files (not node_modules).
Exit status: 0 valid, 1 issues found, 2 usage error.`

/** Runs the CLI; resolves the exit status. Never throws. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`)
    return 0
  }
  if (command !== 'validate') {
    io.stderr(`touchloop: ${command === undefined ? 'no command' : `unknown command "${command}"`}\n\n${USAGE}\n`)
    return 2
  }
  const json = rest.includes('--json')
  const unknownFlag = rest.find((arg) => arg.startsWith('-') && arg !== '--json')
  const targets = rest.filter((arg) => !arg.startsWith('-'))
  if (unknownFlag || targets.length === 0) {
    io.stderr(
      `touchloop validate: ${unknownFlag ? `unknown option ${unknownFlag}` : 'no file or directory given'}\n\n${USAGE}\n`,
    )
    return 2
  }
  const reports: FileReport[] = []
  for (const target of targets) {
    const absolute = resolve(io.cwd, target)
    let files: string[]
    try {
      files = await surveyFiles(absolute)
    } catch (error) {
      reports.push({
        file: target,
        surveys: 0,
        issues: [{ path: '(file)', message: `cannot read it: ${(error as Error).message}` }],
      })
      continue
    }
    if (files.length === 0) {
      reports.push({
        file: target,
        surveys: 0,
        issues: [{ path: '(file)', message: 'expected .json, .js, .mjs or .cjs survey files, found none' }],
      })
    }
    for (const file of files) reports.push(await validateFile(file, relative(io.cwd, file) || file))
  }
  const issues = reports.reduce((sum, report) => sum + report.issues.length, 0)
  const surveys = reports.reduce((sum, report) => sum + report.surveys, 0)
  if (json) {
    io.stdout(`${JSON.stringify({ ok: issues === 0, surveys, issues, files: reports }, null, 2)}\n`)
  } else {
    for (const report of reports) {
      for (const issue of report.issues) io.stdout(`${report.file}: ${issue.path}: ${issue.message}\n`)
    }
    const where = `${reports.length} file${reports.length === 1 ? '' : 's'}`
    if (issues === 0) io.stdout(`✓ ${surveys} valid survey${surveys === 1 ? '' : 's'} in ${where}\n`)
    else io.stderr(`✗ ${issues} issue${issues === 1 ? '' : 's'} in ${where}\n`)
  }
  return issues === 0 ? 0 : 1
}

async function surveyFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path]
  const found: string[] = []
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const inner = join(path, entry.name)
    if (entry.isDirectory()) found.push(...(await surveyFiles(inner)))
    else if (SURVEY_FILES.has(extname(entry.name))) found.push(inner)
  }
  return found.sort()
}

async function validateFile(file: string, shown: string): Promise<FileReport> {
  let content: unknown
  try {
    if (extname(file) === '.json') {
      content = JSON.parse(await readFile(file, 'utf8'))
    } else {
      const module = (await import(pathToFileURL(file).href)) as { default?: unknown; surveys?: unknown }
      content = module.surveys ?? module.default
    }
  } catch (error) {
    return {
      file: shown,
      surveys: 0,
      issues: [{ path: '(file)', message: `cannot load it: ${(error as Error).message}` }],
    }
  }
  return { file: shown, ...validateSurveyContent(content) }
}
