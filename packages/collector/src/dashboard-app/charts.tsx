// Charts as hand-written SVG sized to their container (measured, so text stays legible at 390 px).
// A trend of at most a few hundred points and an 11-bar distribution do not need a chart library:
// this is about 2 kB of code against uPlot's roughly 50 kB minified, renders as markup (accessible names, CSS colours
// for light and dark, no canvas), and needs no inline styles under the CSP.
import type { ComponentChildren } from 'preact'
import { useLayoutEffect, useRef, useState } from 'preact/hooks'

function useWidth(fallback = 600) {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(fallback)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => setWidth(Math.max(200, Math.floor(element.clientWidth)))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return { ref, width }
}

function Frame(props: { label: string; height: number; children: (width: number) => ComponentChildren }) {
  const { ref, width } = useWidth()
  return (
    <div class="chart" ref={ref}>
      <svg
        role="img"
        aria-label={props.label}
        width={width}
        height={props.height}
        viewBox={`0 0 ${width} ${props.height}`}
      >
        {props.children(width)}
      </svg>
    </div>
  )
}

export interface TrendDatum {
  label: string
  value: number | null
  count: number
}

/** A line of a score per period (gaps where a period has no answer), with the scale's bounds as guides. */
export function TrendChart(props: {
  data: TrendDatum[]
  min: number
  max: number
  name: string
  format: (v: number) => string
}) {
  const { data, min, max } = props
  const height = 180
  const pad = { top: 14, right: 12, bottom: 26, left: 40 }
  const summary = data
    .filter((d) => d.value !== null)
    .map((d) => `${d.label}: ${props.format(d.value!)} (${d.count})`)
    .join('; ')
  return (
    <Frame label={`${props.name} over time. ${summary || 'No answers in this range.'}`} height={height}>
      {(width) => {
        const plotW = width - pad.left - pad.right
        const plotH = height - pad.top - pad.bottom
        const x = (i: number) => pad.left + (data.length <= 1 ? plotW / 2 : (i / (data.length - 1)) * plotW)
        const y = (v: number) => pad.top + (1 - (v - min) / (max - min)) * plotH
        const ticks = min < 0 ? [min, 0, max] : [min, (min + max) / 2, max]
        const segments: string[] = []
        let current = ''
        data.forEach((d, i) => {
          if (d.value === null) {
            if (current) segments.push(current)
            current = ''
            return
          }
          current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(d.value).toFixed(1)}`
        })
        if (current) segments.push(current)
        const every = Math.max(1, Math.ceil(data.length / Math.max(2, Math.floor(plotW / 70))))
        return (
          <>
            {ticks.map((tick) => (
              <g key={tick}>
                <line class="grid" x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} />
                <text class="axis" x={pad.left - 6} y={y(tick) + 4} text-anchor="end">
                  {props.format(tick)}
                </text>
              </g>
            ))}
            {segments.map((d) => (
              <path key={d} class="line" d={d} />
            ))}
            {data.map((d, i) =>
              d.value === null ? null : (
                <circle key={d.label} class="dot" cx={x(i)} cy={y(d.value)} r={3.5}>
                  <title>{`${d.label}: ${props.format(d.value)} · ${d.count} answers`}</title>
                </circle>
              ),
            )}
            {data.map((d, i) => {
              // Every n-th period from the end (the latest is always labelled), without crowding the first.
              const fromEnd = data.length - 1 - i
              if (fromEnd % every !== 0 || (i > 0 && i < every / 2)) return null
              const anchor =
                data.length > 1 && i === data.length - 1 ? 'end' : i === 0 && data.length > 1 ? 'start' : 'middle'
              return (
                <text key={`l${d.label}`} class="axis" x={x(i)} y={height - 6} text-anchor={anchor}>
                  {d.label}
                </text>
              )
            })}
          </>
        )
      }}
    </Frame>
  )
}

/** Bars of how many answers each score got, coloured by NPS category (or one colour for other scales). */
export function DistributionChart(props: { distribution: number[]; min: number; name: string; nps: boolean }) {
  const { distribution, min } = props
  const height = 150
  const pad = { top: 18, bottom: 22, side: 4 }
  const top = Math.max(1, ...distribution)
  const summary = distribution.map((n, i) => `${min + i}: ${n}`).join(', ')
  const category = (score: number) =>
    !props.nps ? 'bar' : score <= 6 ? 'bar detractor' : score <= 8 ? 'bar passive' : 'bar promoter'
  return (
    <Frame label={`${props.name}, answers per score: ${summary}`} height={height}>
      {(width) => {
        const slot = (width - pad.side * 2) / distribution.length
        const barW = Math.max(6, slot * 0.7)
        const plotH = height - pad.top - pad.bottom
        return distribution.map((n, i) => {
          const h = (n / top) * plotH
          const cx = pad.side + slot * i + slot / 2
          return (
            <g key={i}>
              <rect
                class={category(min + i)}
                x={cx - barW / 2}
                y={pad.top + plotH - h}
                width={barW}
                height={Math.max(h, n > 0 ? 2 : 0)}
                rx={3}
              />
              <line class="grid" x1={cx - barW / 2} x2={cx + barW / 2} y1={pad.top + plotH} y2={pad.top + plotH} />
              {n > 0 && (
                <text class="axis value" x={cx} y={pad.top + plotH - h - 4} text-anchor="middle">
                  {n}
                </text>
              )}
              <text class="axis" x={cx} y={height - 6} text-anchor="middle">
                {min + i}
              </text>
            </g>
          )
        })
      }}
    </Frame>
  )
}

/** Promoters / passives / detractors as one stacked bar. */
export function CategoryBar(props: { promoters: number; passives: number; detractors: number }) {
  const total = props.promoters + props.passives + props.detractors
  const parts = [
    ['promoter', props.promoters],
    ['passive', props.passives],
    ['detractor', props.detractors],
  ] as const
  return (
    <Frame
      label={`${props.promoters} promoters, ${props.passives} passives, ${props.detractors} detractors`}
      height={12}
    >
      {(width) => {
        let x = 0
        if (total === 0) return <rect class="bar empty" x={0} y={0} width={width} height={12} rx={6} />
        return parts.map(([name, n]) => {
          const w = (n / total) * width
          const rect = <rect key={name} class={`bar ${name}`} x={x} y={0} width={w} height={12} />
          x += w
          return rect
        })
      }}
    </Frame>
  )
}
