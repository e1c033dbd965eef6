export interface ReferenceField {
  key: string
  name: string
  type: string
  required: boolean
}
export interface ReferenceSection {
  key: string
  title: string
  anchor: string
  fields: ReferenceField[]
  variantOf?: string
}
export interface SurveyFieldAnnotations {
  sections: Record<string, { description?: string; sample?: unknown }>
  fields: Record<string, { description?: string; default?: string; example?: unknown }>
}
export function collectSections(schema: unknown): ReferenceSection[]
export function anchorOf(key: string): string
export function checkAnnotations(
  schema: unknown,
  annotations: SurveyFieldAnnotations,
): { undescribed: string[]; unknown: string[] }
export function renderSurveyReference(schema: unknown, annotations: SurveyFieldAnnotations): string
