// @vitest-environment node
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkAnnotations,
  collectSections,
  renderSurveyReference,
  type SurveyFieldAnnotations,
} from './survey-reference.mjs'

const root = resolve(import.meta.dirname, '../..')
const schema = JSON.parse(readFileSync(join(root, 'packages/core/survey.schema.json'), 'utf8'))
const annotations: SurveyFieldAnnotations = JSON.parse(
  readFileSync(join(root, 'docs/reference/survey-fields.json'), 'utf8'),
)

describe('survey reference (docs)', () => {
  it('describes every field of survey.schema.json and nothing the schema does not have', () => {
    // A new schema field fails here until docs/reference/survey-fields.json describes it.
    expect(checkAnnotations(schema, annotations)).toEqual({ undescribed: [], unknown: [] })
  })

  it('lists each touchpoint and question type with its own fields', () => {
    const sections = collectSections(schema)
    const keys = sections.map((s) => s.key)
    for (const type of ['event', 'pageview', 'click', 'exitIntent', 'scroll', 'dwell', 'visits']) {
      expect(keys).toContain(`touchpoints[type=${type}]`)
    }
    for (const type of ['nps', 'csat', 'ces', 'rating', 'single|multi', 'text', 'cta', 'consent']) {
      expect(keys).toContain(`questions[type=${type}]`)
    }
    const scale = sections.find((s) => s.key === 'questions[type=rating]')!.fields.find((f) => f.name === 'scale')!
    expect(scale).toMatchObject({ type: 'integer 3–10', required: true })
    // Fields shared by every variant are listed once, on the common section.
    expect(sections.find((s) => s.key === 'touchpoints[]')!.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['type', 'name', 'delaySeconds', 'cancelOn', 'url', 'cap']),
    )
    expect(sections.find((s) => s.key === 'touchpoints[type=click]')!.fields.map((f) => f.name)).toEqual(['selector'])
  })

  it('renders a table row with type, default and example, and links to the sections it refers to', () => {
    const page = renderSurveyReference(schema, annotations)
    expect(page).toContain('| `displayLimit` | `"once"`, `"untilAnswered"` or integer 1–1000000 | `"once"` |')
    expect(page).toContain('| `scale` (required) | integer 3–10 |  | The highest rating. Example: `5` |')
    // A variant's section follows its parent's: Touchpoint, then Touchpoint: event, …
    const headings = [...page.matchAll(/^#{2,3} (.+) \{#/gm)].map((m) => m[1])
    expect(headings.indexOf('Touchpoint: event')).toBe(headings.indexOf('Touchpoint') + 1)
    expect(page).toContain('[Condition](#condition)')
    // Every in-page link points at a heading of the page.
    const anchors = new Set([...page.matchAll(/\{#([\w-]+)\}/g)].map((m) => m[1]))
    for (const [, target] of page.matchAll(/\]\(#([\w-]+)\)/g)) expect(anchors).toContain(target)
  })
})
