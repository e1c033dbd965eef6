// The ES modules behind touchloop.js, in one code-split build so everything shares one copy of core
// and Preact: dist/boot.js (core + http transport + stub replay, loaded at page load), dist/widget/
// index.js (@touchloop/widget, import()ed when a survey is due), and dist/chunks/ (core's lazy parts
// such as survey validation, and the widget's extra question types and locales).
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../scripts/aliases'

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    // Lib mode keeps Vite's modulepreload helper (which would add <link> tags to the host page) out.
    lib: {
      // Entries bypass resolve.alias: the widget's source is named by path (its "source" export).
      entry: { boot: 'src/boot.ts', 'widget/index': '../widget/src/index.tsx', stub: 'src/stub.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: { output: { minify: true, comments: false, chunkFileNames: 'chunks/[name].js' } },
  },
})
