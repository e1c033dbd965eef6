// The `delivery:*` events of one lane's transactions, one event per transport and reason.
import type { Drop } from './plan'
import type { DeadLetter } from './store'
import type { Emit } from './types'

function byReason<T extends { reason: string }>(entries: T[], key: (entry: T) => string) {
  const groups = new Map<string, { keys: string[]; first: T }>()
  for (const entry of entries) {
    const group = groups.get(entry.reason) ?? { keys: [], first: entry }
    group.keys.push(key(entry))
    groups.set(entry.reason, group)
  }
  return groups
}

/** Drops (their counts were stored by the transaction that made them). */
export function reportDrops(emit: Emit, transport: string, drops: Drop[]): void {
  for (const [reason, { keys }] of byReason(drops, (drop) => drop.item.key))
    emit('delivery:dropped', { transport, keys, reason })
}

/** Every record that became a dead letter: refused by the backend, or out of attempts. */
export function reportDeadLetters(emit: Emit, transport: string, dead: DeadLetter[]): void {
  for (const [reason, { keys, first }] of byReason(dead, (letter) => letter.key))
    emit('delivery:dead-letter', { transport, keys, reason, status: first.status })
}
