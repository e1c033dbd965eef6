// The failure chunk: everything a send needs once an answer is not 2xx for every item of its batch —
// the status rules, per-item outcomes, settling (release, retry, dead letter, max attempts) and the
// backoff. Lazily imported by lane.ts on the first such answer, so a delivery that goes well never
// loads it. If it cannot load (offline, not cached), the batch keeps its lease and is sent again once
// the lease ends, exactly as after a crashed tab: nothing is lost or sent twice beyond what the id dedups.
export { outcomesOf, planSettle } from './outcomes'
export { recordFailure } from './retry'
