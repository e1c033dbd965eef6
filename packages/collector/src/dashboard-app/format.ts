// Numbers and dates for people: local time, thousands separators, NPS with its sign.
import type { FollowUpStatus } from './api'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })
const number = new Intl.NumberFormat()

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))
/** 'YYYY-MM-DD' (a UTC day of the aggregates) → "Nov 23". */
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`))
export const formatNumber = (n: number) => number.format(n)
export const plural = (n: number, word: string) => `${number.format(n)} ${word}${n === 1 ? '' : 's'}`
export const formatPercent = (ratio: number) => `${Math.round(ratio * 100)}%`
export const formatNps = (score: number) => (score > 0 ? `+${score}` : String(score))

export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–'
  return seconds < 60 ? `${seconds} s` : `${Math.round((seconds / 60) * 10) / 10} min`
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`
}

export const STATUS_LABELS: Record<FollowUpStatus, string> = {
  open: 'Open',
  contacted: 'Contacted',
  resolved: 'Resolved',
}

/** 'YYYY-MM-DD' of a local date, `days` days ago (0: today). */
export function localDay(daysAgo = 0): string {
  const date = new Date()
  date.setDate(date.getDate() - daysAgo)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

/** Start of a local day as an ISO instant (the responses list filters on exact receipt times). */
export const localDayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString()
export function localDayEnd(day: string): string {
  const date = new Date(`${day}T00:00:00`)
  date.setDate(date.getDate() + 1)
  return date.toISOString()
}
