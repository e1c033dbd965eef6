// touchloop for Vue in a few lines (there is no @touchloop/vue package yet): a plugin that creates the
// instance in the browser and provides it, a composable to read it, and <InlineSurvey> (InlineSurvey.vue).
import { createTouchloop, type Touchloop, type TouchloopOptions } from '@touchloop/core'
import { type App, type InjectionKey, inject } from 'vue'

const touchloopKey: InjectionKey<Touchloop> = Symbol('touchloop')

export function createTouchloopPlugin(options: TouchloopOptions) {
  return {
    install(app: App) {
      const touchloop = createTouchloop(options)
      app.provide(touchloopKey, touchloop)
      app.onUnmount(() => touchloop.destroy())
    },
  }
}

export function useTouchloop(): Touchloop {
  const touchloop = inject(touchloopKey)
  if (!touchloop) throw new Error('useTouchloop() needs app.use(createTouchloopPlugin(options))')
  return touchloop
}
