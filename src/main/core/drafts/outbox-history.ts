import type { Draft, SyncRecord } from '@shared/domain/draft'

// The outbox's history: what reached the server, newest last, the last HISTORY_LIMIT kept. A bulk job's
// records are the exception: the job learns its drafts' outcomes from them (bulk-follow.ts), and its own
// file is saved after the outbox — a crash in between leaves the record as the only trace that a draft
// was sent. So a record of a bulk draft carries its job's id and does not age out until the job, once its
// outcome is on disk, lets it go (`letGo`).

/** Synced drafts remembered per server beyond those a bulk job still needs. */
export const HISTORY_LIMIT = 200

/** The history after a change of the outbox: `before` is the outbox the change started from. */
export function historyAfter(
  before: { drafts: readonly Pick<Draft, 'id' | 'bulkJobId'>[] },
  after: { history: readonly SyncRecord[] },
  records: readonly SyncRecord[],
): SyncRecord[] {
  const jobOf = new Map(before.drafts.map((draft) => [draft.id, draft.bulkJobId]))
  const added = records.map((record) => {
    const bulkJobId = jobOf.get(record.draftId)
    return bulkJobId ? { ...record, bulkJobId } : record
  })
  const all = [...after.history, ...added]
  let loose = all.filter((record) => !record.bulkJobId).length
  return all.filter((record) => record.bulkJobId !== undefined || (loose -= 1) < HISTORY_LIMIT)
}

/** The history once the jobs not in `keep` have their outcomes on disk: their records age as any. */
export function letGo(history: readonly SyncRecord[], keep: ReadonlySet<string>): SyncRecord[] {
  return history.map((record) => {
    if (!record.bulkJobId || keep.has(record.bulkJobId)) return record
    const { bulkJobId: _done, ...loose } = record
    return loose
  })
}
