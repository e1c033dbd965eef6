// The survey flow and text functions the widget needs. Core hands over its own (context.kit, already in
// the page since core loaded the widget), so the NPS chunk carries no second copy; a context without
// one (a core from before the kit, or a custom host) gets the widget's copy from a lazy chunk.
import type { SurveyKit, SurveyRenderContext } from '@touchloop/core'

export type { SurveyKit } from '@touchloop/core'

export function loadKit(context: SurveyRenderContext): Promise<SurveyKit> | SurveyKit {
  return context.kit ?? import('./own-kit').then((module) => module.ownKit)
}
