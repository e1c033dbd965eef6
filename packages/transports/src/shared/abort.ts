// Third-party SDKs and app callbacks do not all honour an AbortSignal. The delivery core's timeout must
// still end the send, so the adapter races the work against the signal (the work itself may go on).

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The send was aborted.', 'AbortError')
}

/** Settles like `work`, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(work: () => Promise<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    const settle = () => signal.removeEventListener('abort', onAbort)
    let pending: Promise<T>
    try {
      pending = Promise.resolve(work())
    } catch (error) {
      pending = Promise.reject(error)
    }
    pending.then(
      (value) => {
        settle()
        resolve(value)
      },
      (error: unknown) => {
        settle()
        reject(error)
      },
    )
  })
}
