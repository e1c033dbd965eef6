export function pick(summary: unknown, key: string): { median: number; min: number; max: number; runs: number }
export interface Comparison {
  measuredAt: string
  runs: number
  chromium: string
  versions: Record<string, string>
  subjects: string[]
  peers: string[]
  sdks: Record<string, string>
  rows: Array<{ what: string; cells: Record<string, string>; ratios: Record<string, string> }>
  goals: Array<{ what: string; measured: string; goal: string; verdict: 'met' | 'missed' }>
  notes: string[]
}
export function comparison(result: unknown): Comparison
export function toMarkdown(result: unknown, stages?: string[]): string
export const NOTES: string[]
