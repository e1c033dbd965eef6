// The ES modules behind touchloop.js, in one code-split build so everything shares one copy of core
// and Preact, content-hashed under a versioned folder (scripts/cdn.ts has the layout):
// dist/<version>/boot-<hash>.js (core + http transport + stub replay, loaded at page load),
// dist/<version>/widget-<hash>.js (@touchloop/widget, import()ed when a survey is due) and
// dist/<version>/chunks/ (core's lazy parts such as survey validation, the widget's extra question
// types and locales). dist/stub.js (the stub for bundlers) keeps its plain name: it is an npm import.
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../scripts/aliases.ts'
import { VERSION } from './scripts/cdn.ts'

const PRESENTER_MODULES =
  /[\\/]core[\\/]src[\\/](survey[\\/](presenter|response|due-queue|kit|flow|text)|fatigue[\\/]history|well-formed|ids|state[\\/]lock)\.ts$/

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  logLevel: 'warn',
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    // Lib mode keeps Vite's modulepreload helper (which would add <link> tags to the host page) out.
    lib: {
      // Entries bypass resolve.alias: the widget's source is named by path (its "source" export).
      entry: { boot: 'src/boot.ts', widget: '../widget/src/index.tsx', stub: 'src/stub.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      // boot may export more than its own API: the lazy stages (delivery, presenter) import the page-load
      // modules they share with it from boot itself, instead of a facade + one more page-load chunk.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        comments: false,
        entryFileNames: (chunk) => (chunk.name === 'stub' ? 'stub.js' : `${VERSION}/[name]-[hash].js`),
        chunkFileNames: `${VERSION}/chunks/[name]-[hash].js`,
        // Chunks with a fixed name and content (budgets and tests name them; scripts/cdn.ts):
        // - presenter: the survey flow and text helpers (core's kit, handed to the widget through its
        //   render context) live with the presenter, their one user on the way to a survey; headless
        //   start() and the widget's own-kit fallback import them from there. One request, one gzip
        //   stream and one SRI entry fewer than a kit chunk of their own, which the presenter's
        //   import would only have revealed one round trip later. Only lazy-only modules are named (no
        //   dependencies pulled in), so boot keeps exactly its modules.
        // - idb-keyval: IndexedDB access shared by the remote config's cache, the state stage and the
        //   dead-letter admin (otherwise named after its folder, "dist").
        codeSplitting: {
          groups: [
            {
              name: 'presenter',
              test: (id: string) => PRESENTER_MODULES.test(id),
              includeDependenciesRecursively: false,
            },
            { name: 'idb-keyval', test: /[\\/]node_modules[\\/]idb-keyval[\\/]/ },
          ],
        },
      },
    },
  },
})
