import type {
  ResponseRecord,
  Survey,
  SurveyRenderContext,
  Touchloop,
  TouchloopOptions,
  WidgetModule,
} from '@touchloop/core'
import { act, createElement, StrictMode, useEffect, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { InlineSurvey, TouchloopProvider, useTouchloop, useTouchloopEvent } from './index'

beforeAll(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
})

const survey = (id: string, extra: Partial<Survey> = {}): Survey => ({
  id,
  touchpoints: [{ type: 'event', event: id }],
  questions: [{ id: 'score', type: 'nps', text: 'Recommend?' }],
  ...extra,
})

/** A real createTouchloop() in memory, with a widget that records where it was asked to render. */
function setup(surveys: Survey[]) {
  const contexts: SurveyRenderContext[] = []
  const closed: string[] = []
  const records: ResponseRecord[] = []
  const widget: WidgetModule = {
    renderSurvey(context) {
      contexts.push(context)
      context.onShown()
      return { close: () => closed.push(context.survey.id) }
    },
  }
  const options: TouchloopOptions = {
    surveys,
    persistence: 'memory',
    widget: async () => widget,
    transports: [
      {
        name: 'memory',
        async send(batch) {
          records.push(...batch.map((item) => item.record))
          return { status: 200 }
        },
      },
    ],
  }
  return { options, contexts, closed, records }
}

let root: Root | undefined
async function render(element: ReturnType<typeof createElement>) {
  const container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  await act(async () => root!.render(element))
  return container
}
afterEach(async () => {
  await act(async () => root?.unmount())
  root = undefined
  document.body.replaceChildren()
})

// Test components live at module level (React remounts components defined inside functions).
function TrackOnMount({ event }: { event: string }) {
  const touchloop = useTouchloop()
  useEffect(() => touchloop.track(event), [touchloop, event])
  return null
}

function OnCompleted({ callback }: { callback: (payload: { surveyId: string }) => void }) {
  useTouchloopEvent('survey:completed', callback)
  return null
}

function Orphan() {
  useTouchloop()
  return null
}

let showInline: (visible: boolean) => void = () => {}
function HelpPage() {
  const touchloop = useTouchloop()
  const [visible, setVisible] = useState(true)
  showInline = setVisible
  return createElement(
    'main',
    null,
    visible ? createElement(InlineSurvey, { surveyId: 'inline-feedback', className: 'slot' }) : null,
    createElement('button', { type: 'button', onClick: () => touchloop.track('next') }, 'next'),
  )
}

describe('TouchloopProvider + useTouchloop', () => {
  it("replays a track() made in a child's effect, which runs before the provider has an instance", async () => {
    const { options, contexts } = setup([survey('checkout_completed')])
    await render(
      createElement(TouchloopProvider, { options }, createElement(TrackOnMount, { event: 'checkout_completed' })),
    )
    await vi.waitFor(() => expect(contexts.map((c) => c.survey.id)).toEqual(['checkout_completed']))
  })

  it('calls useTouchloopEvent listeners and destroys its own instance on unmount, not one it was given', async () => {
    const { options, contexts } = setup([survey('go')])
    const completed = vi.fn()
    await render(
      createElement(
        TouchloopProvider,
        { options },
        createElement(OnCompleted, { callback: completed }),
        createElement(TrackOnMount, { event: 'go' }),
      ),
    )
    await vi.waitFor(() => expect(contexts).toHaveLength(1))
    contexts[0]!.onComplete()
    expect(completed).toHaveBeenCalledWith(expect.objectContaining({ surveyId: 'go' }))

    const client = { on: vi.fn(() => () => {}), destroy: vi.fn() } as unknown as Touchloop
    await act(async () => root!.render(createElement(TouchloopProvider, { client })))
    await act(async () => root!.unmount())
    root = undefined
    expect(client.destroy).not.toHaveBeenCalled()
  })

  it('throws a TouchloopConfigError that names the fix when there is no provider', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(render(createElement(Orphan))).rejects.toMatchObject({
      code: 'react/no-provider',
      message: expect.stringContaining('<TouchloopProvider'),
    })
    error.mockRestore()
  })
})

describe('InlineSurvey', () => {
  it('renders the survey into its own element, and takes it back on unmount so the next survey shows', async () => {
    const { options, contexts, closed, records } = setup([
      survey('inline-feedback', { presentation: { mode: 'inline' } }),
      survey('next'),
    ])
    const page = await render(
      createElement(StrictMode, null, createElement(TouchloopProvider, { options }, createElement(HelpPage))),
    )
    await vi.waitFor(() => expect(contexts).toHaveLength(1))
    const slot = page.querySelector('[data-touchloop-survey="inline-feedback"]')
    expect(slot?.className).toBe('slot')
    expect(contexts[0]!.container).toBe(slot)

    await act(async () => showInline(false))
    expect(closed).toEqual(['inline-feedback'])
    await act(async () => page.querySelector('button')!.click())
    await vi.waitFor(() => expect(contexts.map((c) => c.survey.id)).toEqual(['inline-feedback', 'next']))
    await vi.waitFor(() =>
      expect(records.filter((r) => r.surveyId === 'inline-feedback').map((r) => r.event)).toContain('dismissed'),
    )
  })
})
