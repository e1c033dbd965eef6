// Where the state lives: IndexedDB (idb-keyval, its own database so it never collides with the
// delivery queue's) or memory. Both behind the same three async calls.
import { createStore, del, get, set } from 'idb-keyval'
import { stateDatabaseName } from './session-tick'

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

export type IdbStore = ReturnType<typeof createStore>

/**
 * The state database of one storageKey (also home of the survey verdict cache, under its own key).
 * Call it lazily: with consent pending nothing may even create the database.
 */
export function openStateDatabase(storageKey = 'default'): IdbStore {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available')
  return createStore(stateDatabaseName(storageKey), 'state')
}

export function createIndexedDbStorage(storageKey = 'default'): StateStorage {
  let store: IdbStore | undefined
  const open = () => {
    store ??= openStateDatabase(storageKey)
    return store
  }
  return {
    read: async () => get(KEY, open()),
    write: async (value) => set(KEY, value, open()),
    remove: async () => del(KEY, open()),
  }
}
