// The survey schema as JSON Schema (draft 2020-12), for editors validating survey files.
// Written to packages/core/survey.schema.json by scripts/gen-json-schema.mjs during the build.
import { z } from 'zod/mini'
import { surveySchema } from './survey'

export const SURVEY_SCHEMA_ID = 'https://touchloop.dev/schema/survey.schema.json'

export function surveyJsonSchema(): Record<string, unknown> {
  // Cross-field rules (unique ids, references) are not expressible in JSON Schema; the SDK and the
  // collector still check them.
  const schema = z.toJSONSchema(surveySchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return {
    $schema: schema.$schema,
    $id: SURVEY_SCHEMA_ID,
    title: 'touchloop survey',
    description: 'A touchloop survey definition (see docs/core.md). Generated from the zod schema; do not edit.',
    ...schema,
  }
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function surveyJsonSchemaText(): string {
  return `${JSON.stringify(surveyJsonSchema(), null, 2)}\n`
}
