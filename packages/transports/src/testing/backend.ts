// A scripted backend for the transport contract suite. Adapters reach it through `backend.fetch` (HTTP
// adapters) or through a fake SDK built by the adapter's harness (posthog-js, analytics.js, gtag, callback).
// Every call is recorded; each answers with the next scripted answer (the last one repeats).

export type Answer =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { fail: 'network' }
  /** Never answers: only an abort ends the call. */
  | { fail: 'hang' }

export interface RecordedCall {
  unload: boolean
  /** fetch-based adapters */
  url?: string
  init?: RequestInit
  /** SDK-based adapters: whatever the adapter handed over */
  args?: unknown[]
}

export interface HttpAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

export interface Backend {
  readonly calls: RecordedCall[]
  /** When true, fetch and SDK calls throw synchronously (a broken fetch polyfill, a full keepalive budget). */
  throwSync: boolean
  script(...answers: Answer[]): void
  /** Records the call; resolves with the scripted answer, rejects on a network failure or an abort. */
  answer(call: RecordedCall, signal?: AbortSignal | null): Promise<HttpAnswer>
  /** The scripted answer for a synchronous SDK call: 'hang' and 'network' are returned, not thrown. */
  answerNow(call: RecordedCall): Answer
  fetch: (input: string, init: RequestInit) => Promise<Response>
  /** JSON body of a fetch call. */
  jsonOf(call: RecordedCall): unknown
}

export function createBackend(): Backend {
  const calls: RecordedCall[] = []
  let answers: Answer[] = [{ status: 200, body: '{}' }]
  const next = (): Answer => (answers.length > 1 ? answers.shift()! : answers[0]!)

  const answer = (call: RecordedCall, signal?: AbortSignal | null): Promise<HttpAnswer> => {
    calls.push(call)
    if (signal?.aborted) return Promise.reject(signal.reason)
    const scripted = next()
    if ('fail' in scripted && scripted.fail === 'network') return Promise.reject(new TypeError('Failed to fetch'))
    return new Promise<HttpAnswer>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
      if ('fail' in scripted) return
      resolve({ status: scripted.status, headers: scripted.headers ?? {}, body: scripted.body ?? '' })
    })
  }

  const backend: Backend = {
    calls,
    throwSync: false,
    script(...scripted) {
      answers = scripted
    },
    answer,
    answerNow(call) {
      if (backend.throwSync) throw new TypeError('synchronous failure')
      calls.push(call)
      return next()
    },
    fetch(input, init) {
      if (backend.throwSync) throw new TypeError('synchronous failure')
      return respond(input, init)
    },
    jsonOf(call) {
      return JSON.parse(String(call.init?.body))
    },
  }

  async function respond(input: string, init: RequestInit): Promise<Response> {
    const call: RecordedCall = { unload: init.keepalive === true, url: input, init }
    const { status, headers, body } = await answer(call, init.signal)
    return new Response(status === 204 || status === 205 ? null : body, { status, headers })
  }
  return backend
}
