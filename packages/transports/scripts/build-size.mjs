// What an app downloads per adapter, measured by size-limit: each adapter bundled on its own (its shared
// helpers inlined, minified, ESM) into dist/size/<adapter>.js. @touchloop/core stays external: the app
// has it already (the adapters only take the TouchloopConfigError class from it).
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const adapters = ['http', 'http-lazy', 'posthog', 'segment', 'ga4', 'supabase', 'callback']
const outDir = join(root, 'dist/size')
rmSync(outDir, { recursive: true, force: true })

for (const name of adapters) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      target: 'es2020',
      outDir,
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      lib: { entry: { [name]: join(root, `src/${name}.ts`) }, formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: { external: ['@touchloop/core'], output: { minify: true } },
    },
  })
}
