export function median(values: number[]): number
export function spread(values: number[]): [number, number]
export function summarize(values: number[]): { median: number; min: number; max: number; runs: number; failed: number }
export interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts?: number
  dur?: number
  args?: Record<string, unknown> & { name?: string; data?: { url?: string } }
}
export function longestScriptTask(
  traceEvents: TraceEvent[],
  options?: { origin?: string },
): { ms: number; scripts: string[] }
export function ratio(ours: number, theirs: number): string
