// Test helpers for the delivery units (not exported from the package): a manual clock and
// environment, response records, and a transport whose answers each test scripts.
import type { TouchloopEvents } from '../api'
import type { Environment } from '../env'
import type { ResponseRecord } from '../model'
import type { DeliveryItem, SendContext, SendResult, Transport } from '../transport'

export interface FakeEnvironment extends Environment {
  /** Moves the clock and fires due timers in order. */
  advance(ms: number): void
  setOnline(online: boolean): void
  setVisible(visible: boolean): void
  pageHide(): void
  pendingTimers(): number
}

export function createFakeEnvironment(start = Date.UTC(2026, 10, 23, 8)): FakeEnvironment {
  let now = start
  let online = true
  let visible = true
  let nextId = 1
  const timers = new Map<number, { at: number; callback: () => void }>()
  const listeners = {
    online: new Set<() => void>(),
    visibility: new Set<(v: boolean) => void>(),
    hide: new Set<() => void>(),
  }
  const subscribe = <T>(set: Set<T>, callback: T) => {
    set.add(callback)
    return () => void set.delete(callback)
  }
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), callback })
      return id
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    random: () => 0.5,
    isOnline: () => online,
    onOnline: (callback) => subscribe(listeners.online, callback),
    isVisible: () => visible,
    onVisibilityChange: (callback) => subscribe(listeners.visibility, callback),
    onPageHide: (callback) => subscribe(listeners.hide, callback),
    url: () => 'https://app.example/',
    onNavigate: () => () => {},
    advance(ms) {
      const until = now + ms
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].callback()
      }
      now = until
    },
    setOnline(value) {
      online = value
      if (value) for (const callback of listeners.online) callback()
    },
    setVisible(value) {
      visible = value
      for (const callback of listeners.visibility) callback(value)
      if (!value) for (const callback of listeners.hide) callback()
    },
    pageHide() {
      for (const callback of listeners.hide) callback()
    },
    pendingTimers: () => timers.size,
  }
}

let counter = 0
export function makeRecord(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  counter++
  const id = overrides.id ?? `0193a000-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`
  return {
    id,
    revision: 1,
    event: 'answered',
    surveyId: 'nps',
    surveyVersion: 1,
    touchpoint: 'checkout',
    answers: { score: 9 },
    anonymousId: 'anon-1',
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:00:00.000Z',
    ...overrides,
  }
}

export interface SendCall {
  batch: DeliveryItem[]
  context: SendContext
}

export type Answer =
  | SendResult
  | Error
  | ((batch: DeliveryItem[], context: SendContext) => Promise<SendResult> | SendResult)

/** A transport that answers from a script (the last answer repeats); records every call. */
export function createScriptedTransport(
  name: string,
  answers: Answer[] = [{ status: 200 }],
  extra: Partial<Transport> = {},
) {
  const calls: SendCall[] = []
  const unloads: DeliveryItem[][] = []
  const script = answers.slice()
  const transport: Transport & { calls: SendCall[]; unloads: DeliveryItem[][]; script: Answer[] } = {
    name,
    calls,
    unloads,
    script,
    async send(batch, context) {
      calls.push({ batch, context })
      const answer = script.length > 1 ? script.shift()! : script[0]!
      if (answer instanceof Error) throw answer
      return typeof answer === 'function' ? answer(batch, context) : answer
    },
    sendOnUnload(batch) {
      unloads.push(batch)
      return true
    },
    ...extra,
  }
  return transport
}

export type RecordedEvent = {
  [E in keyof TouchloopEvents]: { event: E; payload: TouchloopEvents[E] }
}[keyof TouchloopEvents]

export function createEventLog() {
  const events: RecordedEvent[] = []
  return {
    events,
    emit: (<E extends keyof TouchloopEvents>(event: E, payload: TouchloopEvents[E]) => {
      events.push({ event, payload } as RecordedEvent)
    }) as <E extends keyof TouchloopEvents>(event: E, payload: TouchloopEvents[E]) => void,
    of<E extends keyof TouchloopEvents>(event: E): TouchloopEvents[E][] {
      return events.filter((e) => e.event === event).map((e) => e.payload as TouchloopEvents[E])
    },
  }
}
