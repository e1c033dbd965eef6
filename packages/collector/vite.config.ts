import { libConfig } from '../../scripts/vite-lib.ts'

export default libConfig({
  entries: { index: 'src/index.ts', cli: 'src/cli.ts' },
  external: ['hono', '@hono/node-server', '@electric-sql/pglite', 'zod', '@touchloop/core'],
  platform: 'node',
})
