// The delivery stage's rare paths, one lazily imported chunk (one request and one entry in the embed
// loader's integrity map instead of two), so a delivery that goes well never loads them:
// - failed sends (lane.ts imports it on the first answer that is not 2xx for every item): the status
//   rules, per-item outcomes, settling (release, retry, dead letter, max attempts), backoff, Retry-After,
//   pauses and the console warning. If it cannot load (offline, not cached), the batch keeps its lease
//   and is sent again once the lease ends, exactly as after a crashed tab: nothing is lost;
// - the v1 → v2 migration of the queue database (idb-store.ts aborts the upgrade, loads it, opens again).
export { migrateV1 } from './migrate-v1'
export { outcomesOf, planSettle } from './outcomes'
export { recordFailure } from './retry'
