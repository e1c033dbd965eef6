// The headless example: core without the widget, the survey rendered by the app's own UI; served by
// the demo at /headless/.
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/headless/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
})
