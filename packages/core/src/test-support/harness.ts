// Helpers for createTouchloop() tests: a transport that records what it was sent, a scripted widget
// that records the contexts core hands it (the test plays the user), and a condition waiter.
import { vi } from 'vitest'
import type { TouchloopOptions } from '../api'
import type { ResponseRecord } from '../model'
import { createTouchloop } from '../touchloop'
import type { SendResult, Transport } from '../transport'
import type { SurveyRenderContext, WidgetModule } from '../widget-contract'
import { createTestEnv, type TestEnv } from './test-env'

export function recordingTransport(name = 'memory') {
  const records: ResponseRecord[] = []
  const transport: Transport = {
    name,
    async send(batch): Promise<SendResult> {
      for (const item of batch) records.push(item.record)
      return { status: 200 }
    },
  }
  return { transport, records }
}

export function scriptedWidget() {
  const contexts: SurveyRenderContext[] = []
  const closed: string[] = []
  const module: WidgetModule = {
    renderSurvey(context) {
      contexts.push(context)
      return { close: () => closed.push(context.survey.id) }
    },
  }
  return { loader: vi.fn(async () => module), contexts, closed }
}

/** Waits for a condition (lazy chunks and IndexedDB settle asynchronously). */
export async function until(condition: () => boolean, message = 'condition'): Promise<void> {
  // Generous: lazy chunks are transformed on first import while other suites share the CPU.
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error(`still waiting for ${message}`)
    },
    { timeout: 10_000, interval: 5 },
  )
}

/** Lets pending promises and IndexedDB callbacks run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

/** A memory-persisted instance with a recording transport, a scripted widget and a test environment. */
export function setupTouchloop(options: Partial<TouchloopOptions> = {}, env: TestEnv = createTestEnv()) {
  const widget = scriptedWidget()
  const { transport, records } = recordingTransport()
  const touchloop = createTouchloop({
    transports: [transport],
    widget: widget.loader,
    persistence: 'memory',
    env,
    ...options,
  })
  return { env, widget, records, touchloop }
}
