import type { EventPayload } from '@shared/contract/contract'
import type { Draft, DraftView } from '@shared/domain/draft'
import type { OutboxDoc } from '../drafts/outbox'
import { itemAfterDraft, itemAfterRecord, itemRemoved } from './bulk-progress'
import type { StoredItem, StoredJob } from './bulk-store'

// How jobs follow the outbox: which job item each draft is, the items as the outbox announces their
// drafts (`drafts.changed`: a draft's new state, its sync record, its removal), and after a restart the
// items as the outbox stands on disk. The outbox decides what happened to a draft; a job only mirrors it.

export class BulkFollow {
  private readonly byDraft = new Map<string, { jobId: string; index: number }>()

  /** Remembers which item each of the job's drafts is. */
  track(job: StoredJob): void {
    job.items.forEach((item, index) => {
      if (item.draftId) this.byDraft.set(item.draftId, { jobId: job.id, index })
    })
  }

  untrack(job: StoredJob): void {
    for (const item of job.items) if (item.draftId) this.byDraft.delete(item.draftId)
  }

  /** Whether an announcement names a draft of some job. */
  concerns(payload: EventPayload<'drafts.changed'>): boolean {
    const ours = (id: string) => this.byDraft.has(id)
    return (
      payload.history.some((record) => ours(record.draftId)) ||
      payload.drafts.some((draft) => ours(draft.id)) ||
      payload.removedIds.some(ours)
    )
  }

  /** The jobs an announcement changes, as they are after it (`current` gives a job as it stands). */
  changedBy(
    payload: EventPayload<'drafts.changed'>,
    current: (jobId: string) => StoredJob | undefined,
  ): StoredJob[] {
    const changed = new Map<string, StoredJob>()
    const update = (draftId: string, change: (item: StoredItem) => StoredItem) => {
      const at = this.byDraft.get(draftId)
      const job = at && (changed.get(at.jobId) ?? current(at.jobId))
      const item = at && job?.items[at.index]
      if (!at || !job || !item) return
      const items = [...job.items]
      items[at.index] = change(item)
      changed.set(job.id, { ...job, items })
    }
    // Records first: a draft that reached the server is removed in the same change, and stays synced.
    for (const record of payload.history) update(record.draftId, (item) => itemAfterRecord(item, record))
    for (const draft of payload.drafts)
      update(draft.id, (item) => (item.state === 'synced' ? item : itemAfterDraft(item, draft)))
    for (const id of payload.removedIds) update(id, itemRemoved)
    return [...changed.values()]
  }
}

/** A job's items after a restart, from its drafts and sync records as the outbox holds them. */
export function reconcileItems(
  items: readonly StoredItem[],
  doc: OutboxDoc,
  view: (draft: Draft) => DraftView,
): StoredItem[] {
  const drafts = new Map(doc.drafts.map((draft) => [draft.id, draft]))
  const records = new Map(doc.history.map((record) => [record.draftId, record]))
  return items.map((item) => {
    if (!item.draftId || item.state === 'skipped') return item
    const draft = drafts.get(item.draftId)
    if (draft) return itemAfterDraft(item, view(draft))
    const record = records.get(item.draftId)
    if (record && item.state !== 'synced') return itemAfterRecord(item, record)
    return item.state === 'synced' ? item : itemRemoved(item)
  })
}
