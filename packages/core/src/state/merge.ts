// Several tabs share one stored state. Each keeps its own copy in memory, so before writing (and
// before deciding to show a survey) a tab merges what the others stored: counts and times take the
// maximum, so a survey shown in one tab counts against fatigue in every tab.
import type { TouchloopState } from './types'

type Tree = { [key: string]: Tree | number | undefined }

/** Numbers: the larger; objects: key by key; anything else: the local value. */
function maxMerge(local: unknown, stored: unknown): unknown {
  if (typeof local === 'number' && typeof stored === 'number') return Math.max(local, stored)
  if (!local || !stored || typeof local !== 'object' || typeof stored !== 'object') return local ?? stored
  const out: Tree = { ...(stored as Tree), ...(local as Tree) }
  for (const key of Object.keys(stored)) {
    if (key in local) out[key] = maxMerge((local as Tree)[key], (stored as Tree)[key]) as Tree
  }
  return out
}

/** `local` (this tab) merged with `stored` (what other tabs wrote). Identity and the open response stay local. */
export function mergeState(local: TouchloopState, stored: TouchloopState): TouchloopState {
  const counters = (state: TouchloopState) => ({
    visits: state.visits,
    sessions: state.sessions,
    lastShownAt: state.lastShownAt,
    surveys: state.surveys,
    occurrences: state.occurrences,
  })
  // A session is one tab's or the other's, never a mix: the same session merges, else the newer wins.
  const session =
    local.session.id === stored.session.id
      ? (maxMerge(local.session, stored.session) as TouchloopState['session'])
      : local.session.lastActivityAt >= stored.session.lastActivityAt
        ? local.session
        : stored.session
  return { ...local, ...(maxMerge(counters(local), counters(stored)) as object), session } as TouchloopState
}
