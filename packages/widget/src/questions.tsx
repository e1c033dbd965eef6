/** @jsxRuntime classic */
/** @jsx h */
// Picks the body for a question: scales are in the main chunk, every other type in ./more-types.
import type { BodyProps } from './body'
// biome-ignore lint/correctness/noUnusedImports: h is the classic JSX factory named in the file header
import { h } from './dom'
import { SCALE_TYPES, Scale } from './scale'

export function QuestionBody(props: BodyProps) {
  if (SCALE_TYPES.includes(props.question.type)) return <Scale {...props} />
  return props.more ? props.more.Body(props) : null
}
