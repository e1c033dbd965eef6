import { libConfig } from '../../scripts/vite-lib.ts'

export default libConfig({ entries: { index: 'src/index.ts' }, external: ['react', 'react-dom', '@touchloop/core'] })
