// pagehide: the items this page knows are stored, handed to the browser (sendOnUnload) within a byte
// budget. Nothing is deleted because of it: the next visit resends, the id dedups.
import type { DeliveryItem } from '../transport'
import { newestRevisions } from './plan'
import { toDeliveryItem } from './send'
import type { StoredItem } from './store'

/** The newest revision of each known answer not handed over yet, oldest first, within `budgetBytes`. */
export function unloadBatch(known: StoredItem[], handedOver: Set<string>, budgetBytes: number): DeliveryItem[] {
  const batch: DeliveryItem[] = []
  const newest = newestRevisions(known)
  let bytes = 200
  for (const item of known) {
    // Older revisions are covered by the newest one; the budget is for distinct answers.
    if (item.record.revision < newest.get(item.record.id)!) continue
    if (handedOver.has(item.key) || bytes + item.bytes + 1 > budgetBytes) continue
    bytes += item.bytes + 1
    batch.push({ ...toDeliveryItem(item), attempt: item.attempts + 1 })
  }
  return batch
}
