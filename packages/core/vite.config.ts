import { libConfig } from '../../scripts/vite-lib.ts'

export default libConfig({
  entries: {
    index: 'src/index.ts',
    schema: 'src/schema/index.ts',
    cli: 'src/cli/validate-cli.ts',
    vite: 'src/vite/plugin.ts',
  },
  external: ['zod', 'idb-keyval'],
})
