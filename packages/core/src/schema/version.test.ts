// @vitest-environment node
// Guards SURVEY_VALIDATOR_VERSION: createTouchloop() reuses a stored verdict of the validator as long
// as the surveys and that version are unchanged, so a change to what the validator produces must
// bump the version, or browsers would keep trusting verdicts of the old rules.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SURVEY_VALIDATOR_VERSION } from './version'

/** Everything that decides the validator's output: its sources and the zod release. */
const SOURCES = ['survey.ts', 'survey-rules.ts', 'primitives.ts', 'format-issues.ts', 'validate.ts', 'plain-data.ts']

/** Recorded together: when the sources change, bump the version in version.ts and record both anew. */
const RECORDED = { version: 3, sources: '07c5dd18630ef947' }

function sourcesHash(): string {
  const hash = createHash('sha256')
  for (const file of SOURCES) hash.update(`${file}\n${readFileSync(join(import.meta.dirname, file), 'utf8')}\n`)
  const zod = createRequire(import.meta.url)('zod/package.json') as { version: string }
  hash.update(`zod@${zod.version}`)
  return hash.digest('hex').slice(0, 16)
}

describe('SURVEY_VALIDATOR_VERSION', () => {
  it('changes whenever the validator sources or zod change', () => {
    const now = sourcesHash()
    expect(
      { version: SURVEY_VALIDATOR_VERSION, sources: now },
      `The survey validator changed (${SOURCES.join(', ')} or zod). Bump SURVEY_VALIDATOR_VERSION in ` +
        `schema/version.ts to ${RECORDED.version + 1} and set RECORDED in this file to ` +
        `{ version: ${RECORDED.version + 1}, sources: '${now}' }, so browsers stop reusing old verdicts.`,
    ).toEqual(RECORDED)
  })
})
