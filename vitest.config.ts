import { defineConfig } from 'vitest/config'
import { workspaceAliases } from './scripts/aliases.ts'

const alias = workspaceAliases()
const jsx = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } }

export default defineConfig({
  test: {
    // The JSON report lets .ci/run fail on skipped browser tests and print a plain summary line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        resolve: { alias },
        oxc: jsx,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['./test/setup-unit.ts'],
        },
      },
      {
        resolve: { alias },
        oxc: jsx,
        test: {
          name: 'e2e',
          // Real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the built
          // script-tag bundle and a real collector. Never skipped: a missing Chromium fails the run.
          include: ['packages/*/e2e/**/*.e2e.test.ts', 'test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['./test/e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
})
