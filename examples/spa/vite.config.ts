// The SPA example: the npm packages bundled by Vite, served by the demo at /spa/.
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/spa/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
})
