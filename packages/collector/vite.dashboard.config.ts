// The dashboard app (src/dashboard-app → dist/dashboard), built with the package so users run no
// separate build; the collector serves it with hashed asset names under /dashboard/ and a strict CSP.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../scripts/aliases'

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/dashboard-app'),
  base: '/dashboard/',
  resolve: { alias: workspaceAliases() },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/dashboard'),
    emptyOutDir: true,
    target: 'es2020',
    assetsDir: 'assets',
    // No inline preload polyfill: the CSP allows scripts from this origin only.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The widget's entry chunk would be called after its folder ("src-…"): name it for the size budget.
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) => `assets/${chunk.name === 'src' ? 'widget' : '[name]'}-[hash].js`,
      },
    },
  },
})
