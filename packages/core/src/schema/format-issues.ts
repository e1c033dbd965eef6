// Turns zod issues into messages a person can act on:
//   surveys[2].questions[0].scale: expected 3–10, got 12
import type { z } from 'zod/mini'
import { expectedOneOf, type FormattedIssue, formatPath, unknownKeysMessage, valueAt, withValue } from './issue-text'

export {
  describeValue,
  expectedOneOf,
  type FormattedIssue,
  formatPath,
  unknownKeysMessage,
  valueAt,
  withValue,
} from './issue-text'

type Issue = z.core.$ZodIssue

function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('expected ') && !issue.message.startsWith('Invalid')
        ? issue.message
        : `expected ${issue.expected}`
    case 'invalid_value':
      return expectedOneOf(issue.values)
    case 'too_small':
    case 'too_big':
    case 'invalid_union':
    case 'invalid_format':
    case 'custom':
      return issue.message
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys)
    default:
      return issue.message
  }
}

/**
 * One message per issue. `input` is what was validated (to quote the offending value),
 * `prefix` the path of that input in the caller's terms (e.g. `surveys[2]`).
 */
export function formatIssues(issues: readonly Issue[], input?: unknown, prefix = ''): FormattedIssue[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path, prefix)
    const message = expectation(issue)
    return {
      path,
      message: issue.code === 'unrecognized_keys' ? message : withValue(message, valueAt(input, issue.path)),
    }
  })
}

/** `path: message` lines, for console output and error messages. */
export function formatIssueLines(issues: readonly Issue[], input?: unknown, prefix = ''): string[] {
  return formatIssues(issues, input, prefix).map(({ path, message }) => `${path}: ${message}`)
}
