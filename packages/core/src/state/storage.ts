// Where the state lives: IndexedDB (idb-keyval, its own database so it never collides with the
// delivery queue's) or memory. Both behind the same three async calls.
import { createStore, del, get, set } from 'idb-keyval'

export interface StateStorage {
  read(): Promise<unknown>
  write(value: unknown): Promise<void>
  remove(): Promise<void>
}

export function createMemoryStorage(): StateStorage {
  let value: unknown
  return {
    read: async () => (value === undefined ? undefined : structuredClone(value)),
    write: async (next) => {
      value = structuredClone(next)
    },
    remove: async () => {
      value = undefined
    },
  }
}

const KEY = 'state'

export function createIndexedDbStorage(storageKey = 'default'): StateStorage {
  // Opened lazily: with consent pending nothing may even create the database.
  let store: ReturnType<typeof createStore> | undefined
  const open = () => {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available')
    store ??= createStore(`touchloop-state-${storageKey}`, 'state')
    return store
  }
  return {
    read: async () => get(KEY, open()),
    write: async (value) => set(KEY, value, open()),
    remove: async () => del(KEY, open()),
  }
}
