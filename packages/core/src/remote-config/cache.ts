// The last good remote config, kept in IndexedDB (or memory) per URL.
import { createStore, get, set } from 'idb-keyval'

export interface CachedConfig {
  /** The server's body as it was fetched (checked again on every page load, like any stored data). */
  body: unknown
  etag?: string
  fetchedAt: number
  /** Last good copies kept in place of surveys that the body has in an invalid form. */
  kept?: unknown[]
}

export interface ConfigCache {
  read(): Promise<CachedConfig | undefined>
  write(config: CachedConfig): Promise<void>
  setPersist(persist: boolean): void
}

function isCachedConfig(value: unknown): value is CachedConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    'body' in value &&
    typeof (value as CachedConfig).fetchedAt === 'number' &&
    ((value as CachedConfig).etag === undefined || typeof (value as CachedConfig).etag === 'string') &&
    ((value as CachedConfig).kept === undefined || Array.isArray((value as CachedConfig).kept))
  )
}

export function createConfigCache(url: string, storageKey = 'default', persist = true): ConfigCache {
  let memory: CachedConfig | undefined
  let store: ReturnType<typeof createStore> | undefined
  const open = () => {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available')
    store ??= createStore(`touchloop-config-${storageKey}`, 'config')
    return store
  }
  return {
    async read() {
      if (memory || !persist) return memory
      const value = await get(url, open())
      return isCachedConfig(value) ? value : undefined
    },
    async write(config) {
      memory = config
      if (!persist) return
      try {
        await set(url, config, open())
      } catch {
        // Quota or private mode: the in-memory copy still serves this page.
      }
    },
    setPersist(next) {
      persist = next
      if (next && memory) void set(url, memory, open()).catch(() => {})
    },
  }
}
