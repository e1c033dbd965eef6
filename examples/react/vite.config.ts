// The React example: `npx -y pnpm@10 example:react` from the root (builds the packages, then `dev`).
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/react/',
  // Fixed ports so a collector can allow them (CORS) while the demo keeps 5173.
  server: { port: 5174, strictPort: true },
  preview: { port: 5174, strictPort: true },
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
})
