// The validator's verdict on the code surveys (the parsed surveys and the issues found), kept between
// page loads so that a repeat view with unchanged surveys neither downloads nor runs zod again.
// It lives in the state database (touchloop-state-<storageKey>) under its own key, not inside the
// state record: the state is rewritten on every bit of activity, the verdict only when the surveys
// change. Same consent rules as the state: nothing is read or written while consent is pending.
// Anything unreadable, corrupt or foreign is ignored: the surveys are simply validated again.
import { del, get, set } from 'idb-keyval'
import type { Survey } from '../model'
import { SURVEY_VALIDATOR_VERSION } from '../schema/version'
import { canonicalText, hashText } from './fingerprint'
import { type IdbStore, openStateDatabase } from './storage'

export interface VerdictIssue {
  surveyId?: string
  path: string
  message: string
}

export interface SurveyVerdict {
  surveys: Survey[]
  issues: VerdictIssue[]
}

export interface VerdictCache {
  /** The cache key of these inputs; undefined when they are not plain data (then: validate every time). */
  keyOf(inputs: readonly unknown[]): string | undefined
  /** The stored verdict for `key`; undefined when missing, corrupt or unreadable. Never rejects. */
  read(key: string): Promise<SurveyVerdict | undefined>
  /** Stores in the background; while not persisting, keeps it for setPersist(true). */
  write(key: string, verdict: SurveyVerdict): void
  /** true: store the last verdict kept; false: stop storing and erase what was stored. Never rejects. */
  setPersist(persist: boolean): Promise<void>
  /** Settles when the last write has finished. */
  flush(): Promise<void>
}

export interface VerdictCacheOptions {
  storageKey?: string
  /** false while consent is pending: nothing is read, written, or even opened. */
  persist: boolean
  /** Injected database (tests). */
  open?: () => IdbStore
}

const KEY = 'surveys'
const RECORD_VERSION = 1
/** Different pages of one app may pass different survey lists: keep a few verdicts, newest first. */
const MAX_ENTRIES = 4

interface Entry extends SurveyVerdict {
  key: string
  /** hashText of the stored surveys and issues. */
  check: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The entries of a stored record; anything foreign or corrupt reads as none. */
function entriesOf(record: unknown): Entry[] {
  if (!isObject(record) || record.v !== RECORD_VERSION || !Array.isArray(record.entries)) return []
  return record.entries.filter(
    (entry): entry is Entry =>
      isObject(entry) &&
      typeof entry.key === 'string' &&
      Array.isArray(entry.surveys) &&
      Array.isArray(entry.issues) &&
      typeof entry.check === 'string',
  )
}

function checkOf(verdict: SurveyVerdict): string | undefined {
  const text = canonicalText([verdict.surveys, verdict.issues])
  return text === undefined ? undefined : hashText(text)
}

export function createVerdictCache(options: VerdictCacheOptions): VerdictCache {
  let persist = options.persist
  // Whether the database may hold a verdict to erase (opening it to erase nothing would create it).
  let mayHoldData = persist
  let latest: Entry | undefined
  let writing: Promise<void> = Promise.resolve()
  let store: IdbStore | undefined
  const open = () => {
    store ??= (options.open ?? (() => openStateDatabase(options.storageKey)))()
    return store
  }

  function save(entry: Entry): void {
    mayHoldData = true
    // Read-modify-write without a transaction: two tabs writing at once may drop one's entry, which
    // only costs that page list one more validation.
    writing = writing
      .then(async () => {
        const others = entriesOf(await get(KEY, open())).filter((other) => other.key !== entry.key)
        await set(KEY, { v: RECORD_VERSION, entries: [entry, ...others].slice(0, MAX_ENTRIES) }, open())
      })
      // Quota, private mode, a blocked database: nothing lost, the next page load validates again.
      .catch(() => {})
  }

  return {
    keyOf(inputs) {
      try {
        const text = canonicalText(inputs)
        return text === undefined ? undefined : `${SURVEY_VALIDATOR_VERSION}:${hashText(text)}`
      } catch {
        return undefined // a throwing getter or proxy: validated every time, as the validator sees it
      }
    },
    async read(key) {
      if (!persist) return undefined
      try {
        const entry = entriesOf(await get(KEY, open())).find((candidate) => candidate.key === key)
        // The check covers every survey and issue: content changed behind our back is not trusted.
        if (!entry || checkOf(entry) !== entry.check) return undefined
        return { surveys: entry.surveys, issues: entry.issues }
      } catch {
        return undefined
      }
    },
    write(key, verdict) {
      const check = checkOf(verdict)
      if (check === undefined) return
      latest = { key, check, surveys: verdict.surveys, issues: verdict.issues }
      if (persist) save(latest)
    },
    async setPersist(next) {
      if (next === persist) return
      persist = next
      if (next) {
        if (latest) save(latest)
        return
      }
      await writing
      if (!mayHoldData) return
      try {
        await del(KEY, open())
      } catch {
        // Unavailable storage holds nothing to erase.
      }
    },
    flush: () => writing,
  }
}
