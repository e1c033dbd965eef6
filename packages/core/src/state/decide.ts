// Whether a survey is shown now (state stage, lazy): for a touchpoint that fired, and for show() and
// start(). The gate (schedule, audience, sampling, fatigue) says why not, or hands the survey to the
// survey stage. Runs only once the state stage is loaded, so none of it weighs on page load.
import type { ShowOptions, SurveySession } from '../api'
import type { Emit } from '../delivery/types'
import type { Survey } from '../model'
import type { DueItem } from '../survey/due-queue'
import type { TouchpointFire } from '../triggers/engine'

export type BlockReason = (survey: Survey, touchpoint?: { name: string; cap?: number }) => string | undefined

/** What the decisions need from the rest of the instance (page load and the survey stage). */
export interface Decisions {
  surveys(): ReadonlyMap<string, Survey>
  isDestroyed(): boolean
  /** On screen or waiting its turn in the survey stage. */
  isActive(surveyId: string): boolean
  present(item: DueItem): void
  emit: Emit
  /** A widget renders due surveys (else headless: the app calls start()). */
  widget: boolean
  log(...args: unknown[]): void
  warn(message: string): void
  reportError(where: string, error: unknown): void
}

export interface SurveyRequest extends ShowOptions {
  method: 'show' | 'start'
  surveyId: string
  headless?: (session: SurveySession) => void
  settle(shown: boolean): void
}

/** A touchpoint fired: due unless already active or blocked. */
export function considerFire(
  blockReason: BlockReason,
  to: Decisions,
  { survey: fired, touchpoint, name }: TouchpointFire,
) {
  if (to.isDestroyed()) return
  // The matcher saw the survey as given; decided is the copy the guard accepted (none: reported, skipped).
  const survey = to.surveys().get(fired.id)
  if (!survey) return to.log(`${fired.id} not shown (${name}): its definition is invalid`)
  if (to.isActive(survey.id)) {
    return to.log(`${survey.id} not shown (${name}): it is already on screen or waiting its turn`)
  }
  const reason = blockReason(survey, { name, cap: touchpoint.cap })
  if (reason) return to.log(`${survey.id} not shown (${name}): ${reason}`)
  to.emit('survey:due', { survey, touchpoint: name })
  // Headless: the app renders it itself, through start().
  to.log(`${survey.id} due (${name})${to.widget ? '' : ': headless, waiting for start()'}`)
  if (to.widget) to.present({ survey, touchpoint: name })
}

/** show() and start(): the same checks (bypassed by force and preview), then the survey stage's queue. */
export function decideRequest(blockReason: BlockReason, to: Decisions, request: SurveyRequest) {
  const { method, surveyId, settle } = request
  try {
    const surveys = to.surveys()
    const survey = surveys.get(surveyId)
    if (!survey) {
      to.warn(
        `touchloop: ${method}("${surveyId}"): no such survey (known: ${[...surveys.keys()].join(', ') || 'none'})`,
      )
      return settle(false)
    }
    if (request.signal?.aborted) return settle(false)
    if (!request.force && !request.preview) {
      const reason = blockReason(survey)
      if (reason) {
        to.log(`${method}("${surveyId}") blocked: ${reason} (pass { force: true } to bypass)`)
        return settle(false)
      }
    }
    to.present({
      survey,
      touchpoint: request.touchpoint ?? 'manual',
      force: request.force,
      preview: request.preview,
      container: request.container,
      signal: request.signal,
      headless: request.headless,
      settle,
    })
  } catch (error) {
    to.reportError(method, error)
    settle(false)
  }
}
