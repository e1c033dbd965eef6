// The Vue example: `npx -y pnpm@10 --filter @touchloop/example-vue dev` (or build + preview).
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/vue/',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
})
