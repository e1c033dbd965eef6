/** @jsxRuntime classic */
/** @jsx h */
// Picks the body for a question: NPS is in the main chunk, every other type comes through ./more-types.
import type { BodyProps } from './body'
// biome-ignore lint/correctness/noUnusedImports: h is the classic JSX factory named in the file header
import { h } from './dom'
import { isNps, Scale } from './scale'

export function QuestionBody(props: BodyProps) {
  if (isNps(props.question)) return <Scale {...props} />
  return props.more ? props.more.Body(props) : null
}
