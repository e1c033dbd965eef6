// The React example: `npx -y pnpm@10 --filter @touchloop/example-react dev` (or build + preview).
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/react/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
})
