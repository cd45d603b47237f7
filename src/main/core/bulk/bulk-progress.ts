import type { BulkItemState } from '@shared/contract/bulk-contract'
import type { DraftView, SyncRecord } from '@shared/domain/draft'
import type { AppErrorData } from '@shared/result'
import type { StoredItem, StoredJob } from './bulk-store'

// How a job's items follow their drafts: a draft's state as the outbox announces it, a sync record when
// it reached the server (requests made, usage refunded as measured, the quota it replaced), a removal
// without a record (cancelled, discarded or made moot by a delete) — and when the job is done.

const TERMINAL: ReadonlySet<BulkItemState> = new Set(['synced', 'failed', 'conflict', 'skipped', 'cancelled'])

const CONFLICT: AppErrorData = {
  code: 'conflict',
  message: 'Changed on the server meanwhile in a way that cannot be merged: resolve it in the outbox.',
}
const DELETED: AppErrorData = {
  code: 'not-found',
  message: 'The token was deleted on the server: discard the change or create the token again in the outbox.',
}

export const isSettled = (item: StoredItem): boolean => TERMINAL.has(item.state)

/** The item as its draft now stands (held and queued both wait; syncing is under way). */
export function itemAfterDraft(item: StoredItem, draft: DraftView): StoredItem {
  switch (draft.state) {
    case 'held':
    case 'pending':
      return { ...item, state: 'queued', error: null }
    case 'syncing':
      return { ...item, state: 'syncing', error: null }
    case 'failed':
      return { ...item, state: 'failed', error: draft.lastError }
    case 'conflict':
      return { ...item, state: 'conflict', error: draft.conflict?.kind === 'deleted' ? DELETED : CONFLICT }
  }
}

/** The item once its draft reached the server. */
export function itemAfterRecord(item: StoredItem, record: SyncRecord): StoredItem {
  const quota = record.quota
  // The quota as the write replaced it: what an undo must give back, not what the job had seen.
  const applied = quota
    ? item.applied.map((change) =>
        change.field === 'remain_quota' ? { ...change, before: quota.before, after: quota.after } : change,
      )
    : item.applied
  return {
    ...item,
    state: 'synced',
    error: null,
    requests: item.requests + record.requests,
    refund: record.refund,
    applied,
  }
}

/** The item once its draft left the outbox without reaching the server. */
export function itemRemoved(item: StoredItem): StoredItem {
  return isSettled(item) ? item : { ...item, state: 'cancelled', draftId: null }
}

/** Done when every token has an outcome; a retry or a resolved conflict makes it run again. */
export function withJobState(job: StoredJob, now: number): StoredJob {
  const settled = job.items.every(isSettled)
  if (settled && job.state !== 'done') return { ...job, state: 'done', finishedAt: now, secondsLeft: 0 }
  if (!settled && job.state === 'done') return { ...job, state: 'running', finishedAt: null }
  return job
}
