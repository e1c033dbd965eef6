// Not bundled: typechecked only. Every public entry point must have real types (not `any`) under
// both the bundler and the nodenext resolution of the consumer's tsconfig.

import type { RunningCollector, startCollector } from '@touchloop/collector'
import type { createTouchloop, Touchloop, TouchloopConfigError } from '@touchloop/core'
import type { validateSurveys } from '@touchloop/core/schema'
import type { installTouchloopStub, STUB_SNIPPET } from '@touchloop/embed/stub'
import type { createCallbackTransport } from '@touchloop/transports/callback'
import type { createGa4Transport } from '@touchloop/transports/ga4'
import type { createHttpTransport } from '@touchloop/transports/http'
import type { createPostHogTransport } from '@touchloop/transports/posthog'
import type { createSegmentTransport } from '@touchloop/transports/segment'
import type { createSupabaseTransport } from '@touchloop/transports/supabase'
import type * as Widget from '@touchloop/widget'

type IsAny<T> = 0 extends 1 & T ? true : false
type Typed<T> = IsAny<T> extends true ? never : true

export const typed: Typed<typeof createTouchloop>[] = [true]
export const allTyped: [
  Typed<Touchloop>,
  Typed<typeof TouchloopConfigError>,
  Typed<typeof validateSurveys>,
  Typed<typeof startCollector>,
  Typed<RunningCollector>,
  Typed<typeof installTouchloopStub>,
  Typed<typeof STUB_SNIPPET>,
  Typed<typeof createCallbackTransport>,
  Typed<typeof createGa4Transport>,
  Typed<typeof createHttpTransport>,
  Typed<typeof createPostHogTransport>,
  Typed<typeof createSegmentTransport>,
  Typed<typeof createSupabaseTransport>,
  Typed<typeof Widget.renderSurvey>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true]
