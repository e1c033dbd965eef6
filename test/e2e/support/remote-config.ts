// What the SDK on a page has kept of its remote config (IndexedDB), read from the page.
import type { Page } from 'playwright-core'

/** The ETag of the remote config the page has applied and cached (written after it is applied). */
export const cachedEtag = (page: Page, url: string) =>
  page.evaluate(
    (key) =>
      new Promise<string | null>((resolve) => {
        const open = indexedDB.open('touchloop-config-default')
        open.onerror = () => resolve(null)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('config')) return resolve(null)
          const get = db.transaction('config').objectStore('config').get(key)
          get.onsuccess = () => resolve((get.result as { etag?: string } | undefined)?.etag ?? null)
          get.onerror = () => resolve(null)
        }
      }),
    url,
  )
