// Bundles a browser-test page with Vite (workspace packages resolved to their src/) into a fresh
// temp folder and returns that folder; the caller serves it with serveStatic() and removes it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BuildEnvironmentOptions, build } from 'vite'
import { workspaceAliases } from '../../../scripts/aliases'

export async function buildTestPage(
  name: string,
  options: { root?: string; build?: BuildEnvironmentOptions } = {},
): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `touchloop-${name}-`))
  await build({
    root: options.root,
    configFile: false,
    logLevel: 'error',
    resolve: { alias: workspaceAliases() },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { outDir, emptyOutDir: true, minify: false, target: 'es2022', ...options.build },
  })
  return outDir
}
