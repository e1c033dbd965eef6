// What a page downloads for createTouchloop(), measured by size-limit: a fully minified ESM build
// of src/touchloop.ts with its dependencies bundled (idb-keyval) in dist/size/. The survey
// validator (zod/mini) must land in its own lazily imported chunk, never in touchloop.js.
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../scripts/aliases.ts'

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  build: {
    target: 'es2020',
    outDir: 'dist/size',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: { entry: { touchloop: 'src/touchloop.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rolldownOptions: {
      // As in the embed build: lazy stages import what they share with page load from touchloop.js.
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
})
