// Turns packages/core/survey.schema.json (generated from core's zod schemas) into the survey reference
// page of the docs site. The schema gives every field, its type and whether it is required; what a field
// means, its default and an example come from docs/reference/survey-fields.json (`fields`, keyed by field
// path; `sections` holds each section's introduction and sample).
// scripts/docs/survey-reference.test.ts fails when a schema field has no description there (or a
// description names a field the schema no longer has), so the page cannot silently fall behind.

const MAX_SAFE = Number.MAX_SAFE_INTEGER

/**
 * Walks the schema. Returns sections in reading order; each section has a key (the field-path prefix
 * used in survey-fields.json), a title and its fields ({ key, name, type, required }).
 */
export function collectSections(schema) {
  const sections = []
  const byKey = new Map()
  const defs = schema.$defs ?? {}
  const refSections = new Map()

  function section(key, title) {
    let found = byKey.get(key)
    if (!found) {
      found = { key, title, anchor: anchorOf(key), fields: [] }
      byKey.set(key, found)
      sections.push(found)
    }
    return found
  }

  function objectSection(node, key, title, skip = []) {
    const target = section(key, title)
    const required = new Set(node.required ?? [])
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (skip.includes(name)) continue
      const fieldKey = `${key}.${name}`.replace(/^\./, '')
      target.fields.push({ key: fieldKey, name, required: required.has(name), type: '' })
      // Described after the push so the parent's rows come before the sections of its children.
      target.fields.at(-1).type = describe(child, fieldKey)
    }
    return target
  }

  function isObjectWithProperties(node) {
    return node && node.type === 'object' && node.properties
  }

  function variantLabel(node) {
    const discriminator = node.properties?.type
    if (discriminator?.const !== undefined) return { field: 'type', label: String(discriminator.const) }
    if (Array.isArray(discriminator?.enum)) return { field: 'type', label: discriminator.enum.join('|') }
    return { field: undefined, label: (node.required ?? Object.keys(node.properties))[0] }
  }

  function variantsSection(alternatives, key, title) {
    // Fields every variant has with the same schema are listed once, under the key itself.
    const names = Object.keys(alternatives[0].properties).filter(
      (name) =>
        name !== 'type' &&
        alternatives.every(
          (alt) => JSON.stringify(alt.properties[name]) === JSON.stringify(alternatives[0].properties[name]),
        ),
    )
    const labels = alternatives.map(variantLabel)
    const common = { type: 'object', properties: {}, required: [] }
    for (const name of names) {
      common.properties[name] = alternatives[0].properties[name]
      if (alternatives.every((alt) => alt.required?.includes(name))) common.required.push(name)
    }
    const parent = section(key, title)
    if (labels[0].field) {
      parent.fields.push({
        key: `${key}.type`,
        name: 'type',
        required: true,
        type: labels
          .map(
            (l) => `[${l.label.split('|').join(', ')}](#${anchorOf(`${key.replace(/\[\]$/, '')}[type=${l.label}]`)})`,
          )
          .join(', '),
      })
    }
    if (names.length > 0) objectSection(common, key, title)
    // `touchpoints[]` + type event → `touchpoints[type=event]`
    const base = key.replace(/\[\]$/, '')
    alternatives.forEach((alt, index) => {
      const { field, label } = labels[index]
      const variantKey = field ? `${base}[${field}=${label}]` : `${base}[${label}]`
      const variantTitle = field ? `${title}: ${label.split('|').join(', ')}` : `${title}: ${label}`
      objectSection(alt, variantKey, variantTitle, field ? [...names, field] : names)
      byKey.get(variantKey).variantOf = key
    })
    return parent
  }

  function link(key) {
    return `[${byKey.get(key)?.title ?? key}](#${anchorOf(key)})`
  }

  function describe(node, key) {
    if (node.$ref) {
      const name = node.$ref.split('/').at(-1)
      if (!refSections.has(name)) {
        const target = defs[name]
        const refKey = 'condition'
        refSections.set(name, refKey)
        describe(target, refKey)
        if (!byKey.has(refKey)) section(refKey, 'Condition')
      }
      return link(refSections.get(name))
    }
    if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``
    if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')
    const alternatives = node.oneOf ?? node.anyOf
    if (alternatives) {
      if (isLocalizedText(node)) return '[text](#texts)'
      if (alternatives.length > 1 && alternatives.every(isObjectWithProperties)) {
        variantsSection(alternatives, key, titleOf(key))
        return link(key)
      }
      return alternatives.map((alt) => describe(alt, key)).join(' or ')
    }
    if (Array.isArray(node.type)) return node.type.join(', ')
    switch (node.type) {
      case 'string':
        if (node.pattern === '^[A-Za-z0-9_.:-]{1,100}$') return 'id (1–100 of `A–Z a–z 0–9 _ . : -`)'
        return node.minLength ? 'non-empty string' : 'string'
      case 'integer':
      case 'number':
        return `${node.type}${range(node)}`
      case 'boolean':
        return 'boolean'
      case 'array': {
        const items = describe(node.items, `${key}[]`)
        return `array of ${items}${node.minItems ? ` (at least ${node.minItems})` : ''}`
      }
      case 'object':
        if (node.properties) {
          objectSection(node, key, titleOf(key))
          return link(key)
        }
        return 'object of strings'
      default:
        return 'any'
    }
  }

  objectSection(schema, '', 'Survey')
  // Variants right after the section they belong to; the object sections of their fields after them.
  const ordered = []
  for (const s of sections) {
    if (s.variantOf !== undefined) continue
    ordered.push(s, ...sections.filter((v) => v.variantOf === s.key))
  }
  return ordered
}

function range(node) {
  const min = node.minimum ?? node.exclusiveMinimum
  const max = node.maximum === MAX_SAFE ? undefined : node.maximum
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`
  if (min !== undefined) return ` ≥ ${min}`
  if (max !== undefined) return ` ≤ ${max}`
  return ''
}

function isLocalizedText(node) {
  const [first, second] = node.anyOf ?? []
  return node.anyOf?.length === 2 && first?.type === 'string' && second?.type === 'object' && !second.properties
}

const TITLES = {
  '': 'Survey',
  touchpoints: 'Touchpoint',
  'touchpoints[]': 'Touchpoint',
  'touchpoints[].url[]': 'URL rule',
  'touchpoints[type=event].where[]': 'Event property condition',
  audience: 'Audience',
  'audience.traits[]': 'Trait condition',
  fatigue: 'Fatigue',
  presentation: 'Presentation',
  'questions[]': 'Question',
  'questions[type=single|multi].choices[]': 'Choice',
  'questions[type=single|multi].other': 'Other option',
  'questions[].jumps[]': 'Jump rule',
  'endings[]': 'Ending',
  'endings[].cta': 'Ending link',
  condition: 'Condition',
}

function titleOf(key) {
  return TITLES[key] ?? key
}

/** Stable heading anchors: `touchpoints[type=event]` → `touchpoints-type-event`. */
export function anchorOf(key) {
  return key === '' ? 'survey' : key.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** What survey-fields.json lacks (fields without a description) and what it names that the schema has not. */
export function checkAnnotations(schema, annotations) {
  const sections = collectSections(schema)
  const fieldKeys = new Set(sections.flatMap((s) => s.fields.map((f) => f.key)))
  const sectionKeys = new Set(sections.map((s) => s.key))
  return {
    undescribed: [...fieldKeys].filter((key) => !annotations.fields[key]?.description),
    unknown: [
      ...Object.keys(annotations.fields).filter((key) => !fieldKeys.has(key)),
      ...Object.keys(annotations.sections).filter((key) => !sectionKeys.has(key)),
    ],
  }
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ')

export function renderSurveyReference(schema, annotations) {
  const sections = collectSections(schema)
  const out = [
    '---',
    'outline: [2, 3]',
    '---',
    '',
    '<!-- Generated by scripts/docs-reference.mjs from packages/core/survey.schema.json and',
    '     docs/reference/survey-fields.json. Do not edit: edit those two, then run npx -y pnpm@10 docs:build. -->',
    '',
    '# Survey reference',
    '',
    'Every field of a survey definition, generated from the JSON Schema that core builds from its zod schemas',
    '(`@touchloop/core/survey.schema.json`: map your survey files to it in your editor for completion and checks).',
    'Rules across fields (unique ids, conditions that refer to earlier questions, jumps that go forward,',
    '`minLength ≤ maxLength`, `startsAt` before `endsAt`) are checked by `touchloop validate`, the collector and',
    "the SDK's structural guard at run time, and are listed in [core](../core.md#validation-errors).",
    '',
    '## Texts {#texts}',
    '',
    'A field of type _text_ is a non-empty string, or one string per locale: `{ "en": "Why?", "de": "Warum?" }`.',
    'The display locale is chosen from the `locale` option, `identify()` traits and the browser, falling back to',
    "the survey's `defaultLocale`. Texts are always rendered as text, never as HTML.",
    '',
  ]
  for (const s of sections) {
    const depth = s.variantOf ? '###' : '##'
    out.push(`${depth} ${s.title} {#${s.anchor}}`, '')
    const about = annotations.sections[s.key] ?? {}
    if (about.description) out.push(about.description, '')
    if (s.fields.length > 0) {
      out.push('| field | type | default | description |', '| --- | --- | --- | --- |')
      for (const f of s.fields) {
        const note = annotations.fields[f.key] ?? {}
        const example = note.example === undefined ? '' : ` Example: \`${JSON.stringify(note.example)}\``
        const name = f.required ? `\`${f.name}\` (required)` : `\`${f.name}\``
        out.push(
          `| ${name} | ${cell(f.type)} | ${cell(note.default ?? '')} | ${cell(`${note.description ?? ''}${example}`)} |`,
        )
      }
      out.push('')
    }
    if (about.sample !== undefined) out.push('```json', JSON.stringify(about.sample, null, 2), '```', '')
  }
  return `${out.join('\n')}\n`
}
