// Core's speed figures, in Node on the built package (no DOM needed in memory persistence): how long
// createTouchloop() takes to be ready with many surveys (validation runs in the lazily imported zod
// chunk, so it is the init's longest synchronous step), and the cost of one track() against them.
import { performance } from 'node:perf_hooks'
import { createTouchloop } from '../../packages/core/dist/index.js'
import { validateSurveys } from '../../packages/core/dist/schema.js'

function makeSurveys(count) {
  return Array.from({ length: count }, (_, i) => ({
    id: `survey-${i}`,
    version: 1,
    touchpoints: [
      { type: 'event', event: `event-${i % 10}`, where: [{ prop: 'value', op: 'gt', value: 1000 }] },
      { type: 'pageview', url: [{ op: 'startsWith', value: `/section-${i}` }] },
    ],
    audience: { traits: [{ prop: 'plan', op: 'eq', value: 'pro' }] },
    questions: [
      { id: 'score', type: 'nps', text: { en: 'Recommend?', de: 'Empfehlen?' } },
      { id: 'why', type: 'text', text: 'Why?', showIf: { question: 'score', op: 'npsCategory', value: 'detractor' } },
    ],
  }))
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export async function benchCore({ surveys = 200, tracks = 2000 } = {}) {
  const definitions = makeSurveys(surveys)

  validateSurveys(definitions) // warm up the JIT once
  const validateStart = performance.now()
  validateSurveys(definitions)
  const validateMs = performance.now() - validateStart

  // The longest stretch the main thread was blocked during init (what the page would feel as a long task).
  let maxBlockMs = 0
  let last = performance.now()
  let watching = true
  const watch = () => {
    const now = performance.now()
    maxBlockMs = Math.max(maxBlockMs, now - last)
    last = now
    if (watching) setTimeout(watch, 0)
  }
  setTimeout(watch, 0)
  const initStart = performance.now()
  const touchloop = createTouchloop({ surveys: definitions, persistence: 'memory' })
  await touchloop.flush()
  const readyMs = performance.now() - initStart
  watching = false

  const samples = []
  for (let i = 0; i < tracks; i++) {
    const start = performance.now()
    touchloop.track(`event-${i % 10}`, { value: i })
    samples.push(performance.now() - start)
  }
  touchloop.destroy()
  samples.sort((a, b) => a - b)
  return {
    surveys,
    validateMs,
    readyMs,
    maxBlockMs,
    track: { samples: tracks, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1) },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchCore())
}
