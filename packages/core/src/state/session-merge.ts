// The state stage's half of the session record (session-tick.ts): reconciling the record with the
// stored state. Kept out of session-tick.ts so it loads with the state stage, not at page load.
import type { SessionTick } from './session-tick'

/**
 * `into` takes the larger counts and the newer session of the two (one tab's or another's, never a
 * mix). Returns true when `into` switched to `from`'s session.
 */
export function mergeTick(into: SessionTick, from: SessionTick): boolean {
  into.visits = Math.max(into.visits, from.visits)
  into.sessions = Math.max(into.sessions, from.sessions)
  if (from.id === into.id) into.lastActivityAt = Math.max(into.lastActivityAt, from.lastActivityAt)
  else if (from.lastActivityAt >= into.lastActivityAt) {
    into.id = from.id
    into.startedAt = from.startedAt
    into.lastActivityAt = from.lastActivityAt
    return true
  }
  return false
}
