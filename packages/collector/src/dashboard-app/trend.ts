// Trend points for a chart: every period of the range, so days without answers show as gaps.
import type { TrendPoint } from './api'

/** Every period from `from` (or the first point) to today, UTC: days without answers show as gaps. */
export function fillPeriods(
  points: TrendPoint[],
  interval: 'day' | 'week',
  from?: string,
  today = new Date(),
): TrendPoint[] {
  const first = from ?? points[0]?.period
  if (!first) return points
  const byPeriod = new Map(points.map((point) => [point.period, point]))
  const start = new Date(`${first}T00:00:00Z`)
  if (interval === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7))
  const filled: TrendPoint[] = []
  for (
    const day = start;
    day <= today && filled.length < 800;
    day.setUTCDate(day.getUTCDate() + (interval === 'week' ? 7 : 1))
  ) {
    const period = day.toISOString().slice(0, 10)
    filled.push(byPeriod.get(period) ?? { period, responses: 0, completed: 0, scores: {} })
  }
  return filled
}
