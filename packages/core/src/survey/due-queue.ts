// Surveys that are due but wait their turn: highest priority first, then first come first served.
// Never two on screen at once; the rest are kept, not lost.
import type { SurveySession } from '../api'
import type { Survey } from '../model'

export interface DueItem {
  survey: Survey
  touchpoint: string
  /** show(): bypass targeting/fatigue. */
  force?: boolean
  preview?: boolean
  container?: HTMLElement
  /** Aborted: taken back by the app before its turn (dropped) or while on screen (closed). */
  signal?: AbortSignal
  /** Headless mode (start()): receives the session instead of a widget rendering the survey. */
  headless?: (session: SurveySession) => void
  /** Settles show()'s promise. */
  settle?: (shown: boolean) => void
}

export interface DueQueue {
  push(item: DueItem): void
  /** Removes and returns the next item, or undefined. */
  take(): DueItem | undefined
  has(surveyId: string): boolean
  /** Removes every item (settling show() promises with false). */
  clear(): void
  readonly size: number
}

export function createDueQueue(): DueQueue {
  let items: { item: DueItem; order: number }[] = []
  let order = 0
  // Items whose signal was aborted are dropped (their show() settles false) before each push and take.
  const dropAborted = () => {
    items = items.filter(({ item }) => !item.signal?.aborted || void item.settle?.(false))
  }
  const priorityOf = (item: DueItem) =>
    item.force || item.preview ? Number.POSITIVE_INFINITY : (item.survey.priority ?? 0)
  return {
    push(item) {
      dropAborted()
      if (items.some((entry) => entry.item.survey.id === item.survey.id)) {
        item.settle?.(false)
        return
      }
      items.push({ item, order: order++ })
      items.sort((a, b) => priorityOf(b.item) - priorityOf(a.item) || a.order - b.order)
    },
    take() {
      dropAborted()
      return items.shift()?.item
    },
    has: (surveyId) => items.some((entry) => entry.item.survey.id === surveyId),
    clear() {
      for (const { item } of items.splice(0)) item.settle?.(false)
    },
    get size() {
      return items.length
    },
  }
}
