// A self-contained ESM build (Preact and the core flow functions bundled in) in dist/standalone/:
// what a page actually downloads for the widget; size-limit measures it. Lib mode keeps Vite's
// preload helper out (it would inject <link rel=modulepreload> into the host page); its ES output
// keeps whitespace, so rolldown's own minifier is switched on fully.
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../scripts/aliases.ts'

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2020',
    outDir: 'dist/standalone',
    emptyOutDir: true,
    minify: true,
    lib: { entry: { widget: 'src/index.tsx' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rolldownOptions: { output: { minify: true, comments: false, chunkFileNames: 'chunks/[name].js' } },
  },
})
