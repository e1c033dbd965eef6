// <InlineSurvey>: a survey rendered inside the page (presentation "inline") where the component sits.
// The server renders the empty container; the survey is requested in an effect, and taken back
// (show()'s signal) when the component unmounts, so the next survey is not left waiting behind it.
import type { ShowOptions } from '@touchloop/core'
import { createElement, useEffect, useRef } from 'react'
import { useTouchloop } from './provider'

export interface InlineSurveyProps extends Pick<ShowOptions, 'force' | 'preview' | 'touchpoint'> {
  surveyId: string
  className?: string
  /** Called with show()'s result: false when targeting, sampling or fatigue kept it from showing. */
  onResult?: (shown: boolean) => void
}

export function InlineSurvey({ surveyId, force, preview, touchpoint, className, onResult }: InlineSurveyProps) {
  const touchloop = useTouchloop()
  const container = useRef<HTMLDivElement>(null)
  const latestOnResult = useRef(onResult)
  latestOnResult.current = onResult
  useEffect(() => {
    const element = container.current
    if (!element) return
    const taken = new AbortController()
    touchloop.show(surveyId, { container: element, force, preview, touchpoint, signal: taken.signal }).then((shown) => {
      if (!taken.signal.aborted) latestOnResult.current?.(shown)
    })
    return () => taken.abort()
  }, [touchloop, surveyId, force, preview, touchpoint])
  return createElement('div', { ref: container, className, 'data-touchloop-survey': surveyId })
}
