// Small shared pieces of the dashboard: survey labels in context, data loading, chips, empty states.
import type { ComponentChildren } from 'preact'
import { createContext } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import type { NpsCategory } from '../labels'
import type { FollowUpStatus, SurveyLabels } from './api'
import { STATUS_LABELS } from './format'

export const SurveysContext = createContext<Map<string, SurveyLabels>>(new Map())
export const useSurveys = () => useContext(SurveysContext)
export const useSurveyName = () => {
  const surveys = useSurveys()
  return (id: string) => surveys.get(id)?.name ?? id
}

export interface Loaded<T> {
  data?: T
  error?: string
  loading: boolean
  reload(): void
}

/** Loads `load()` whenever `key` changes; the previous data stays on screen while the next loads. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    setState((previous) => ({ ...previous, loading: true }))
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState((previous) => ({ ...previous, error: error.message, loading: false })),
    )
    return () => {
      live = false
    }
  }, [key, tick])
  return { ...state, reload: () => setTick((n) => n + 1) }
}

export function CategoryChip(props: { category: NpsCategory; score: number }) {
  const label = { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter' }[props.category]
  return (
    <span class={`chip ${props.category}`}>
      <span class="score">
        <span class="sr-only">NPS </span>
        {props.score}
      </span>
      {label}
    </span>
  )
}

export function StatusChip(props: { status: FollowUpStatus }) {
  return <span class={`chip status-${props.status}`}>{STATUS_LABELS[props.status]}</span>
}

export function Empty(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children && <p>{props.children}</p>}
    </div>
  )
}

export function ErrorNote(props: { error?: string }) {
  return props.error ? (
    <p class="error" role="alert">
      {props.error}
    </p>
  ) : null
}
