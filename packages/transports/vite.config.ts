import { libConfig } from '../../scripts/vite-lib.ts'

const adapters = ['http', 'http-lazy', 'posthog', 'segment', 'ga4', 'supabase', 'callback']
export default libConfig({
  entries: Object.fromEntries(adapters.map((name) => [name, `src/${name}.ts`])),
  external: ['@touchloop/core'],
})
