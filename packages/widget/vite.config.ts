import { libConfig } from '../../scripts/vite-lib.ts'

export default libConfig({ entries: { index: 'src/index.tsx' }, external: ['@touchloop/core'] })
