// The Vue example: `npx -y pnpm@10 example:vue` from the root (builds the packages, then `dev`).
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/vue/',
  // Fixed ports so a collector can allow them (CORS) while the demo keeps 5173.
  server: { port: 5175, strictPort: true },
  preview: { port: 5175, strictPort: true },
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
})
