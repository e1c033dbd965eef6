// dist/touchloop.js: the classic script for <script async src> (an IIFE: a few hundred bytes that
// import() the content-hashed boot module of its version). Built after vite.esm.config.ts, whose
// file names and SRI hashes it embeds; then writes dist/manifest.json and prints the loader's
// <script> tag with its integrity. See scripts/cdn.ts for the layout.
import { defineConfig, type Plugin } from 'vite'
import { loaderDefines, writeManifest } from './scripts/cdn.ts'

function cdnManifest(): Plugin {
  return {
    name: 'touchloop-cdn-manifest',
    apply: 'build',
    closeBundle() {
      const manifest = writeManifest()
      console.log(
        `touchloop ${manifest.version}: dist/manifest.json written; the loader's tag (SRI ${manifest.loader.integrity}):\n  ${manifest.loader.scriptTag}`,
      )
    },
  }
}

export default defineConfig(({ command }) => ({
  define: command === 'build' ? loaderDefines() : {},
  logLevel: 'warn',
  plugins: [cdnManifest()],
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
}))
