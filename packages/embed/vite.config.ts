// dist/touchloop.js: the classic script for <script async src> (an IIFE: a few hundred bytes that
// import() boot.js from its own folder). See vite.esm.config.ts for everything else.
import { defineConfig } from 'vite'

export default defineConfig({
  build: {
    target: 'es2020',
    outDir: 'dist',
    // The ESM build (run first) already filled dist/.
    emptyOutDir: false,
    minify: true,
    sourcemap: true,
    lib: {
      entry: { touchloop: 'src/index.ts' },
      formats: ['iife'],
      name: 'touchloopLoader',
      fileName: () => 'touchloop.js',
    },
    rolldownOptions: { output: { minify: true, comments: false } },
  },
})
