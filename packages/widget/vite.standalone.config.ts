// A self-contained ESM build (Preact and the core flow functions bundled in) in dist/standalone/:
// what a page actually downloads for the widget. size-limit measures its main chunk; the locale
// chunks sit beside it. The embed package makes its own build of the same entry for dist/widget/.
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../scripts/aliases'

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2020',
    outDir: 'dist/standalone',
    emptyOutDir: true,
    minify: true,
    lib: { entry: { widget: 'src/index.tsx' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
})
