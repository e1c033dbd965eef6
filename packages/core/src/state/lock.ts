// Cross-tab mutual exclusion for "decide and count a display": the Web Locks API where present
// (every current browser), otherwise just this tab (the merge on write still keeps counts right).

export async function withTabLock<T>(name: string, action: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks
  if (!locks || typeof locks.request !== 'function') return action()
  return locks.request(name, action) as Promise<T>
}
