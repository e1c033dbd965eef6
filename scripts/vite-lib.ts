// Shared Vite library-build settings for the workspace packages (ESM, one file per entry).
import { defineConfig, type UserConfig } from 'vite'
import { workspaceAliases } from './aliases.ts'

export interface LibOptions {
  /** name -> source file, relative to the package folder. */
  entries: Record<string, string>
  /** Bare imports left to the consumer's bundler (dependencies, node: builtins). */
  external?: (string | RegExp)[]
  /** 'node' for the collector. */
  platform?: 'browser' | 'node'
}

export function libConfig({ entries, external = [], platform = 'browser' }: LibOptions): UserConfig {
  return defineConfig({
    resolve: { alias: workspaceAliases() },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      target: platform === 'node' ? 'node20' : 'es2020',
      outDir: 'dist',
      emptyOutDir: true,
      minify: platform === 'browser',
      sourcemap: true,
      ssr: platform === 'node',
      lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        external: (id) =>
          id.startsWith('node:') ||
          external.some((pattern) =>
            typeof pattern === 'string' ? id === pattern || id.startsWith(`${pattern}/`) : pattern.test(id),
          ),
      },
    },
  })
}
