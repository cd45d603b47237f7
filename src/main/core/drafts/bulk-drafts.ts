import type { BulkDraft } from '@shared/domain/bulk-result'
import type { Draft, DraftBase, DraftState } from '@shared/domain/draft'
import { freshDraft, revised, upsert, withDelete } from './draft-records'
import type { Outbox, OutboxDoc } from './outbox'
import { letGo } from './outbox-history'
import type { SyncEngine } from './sync-engine'

// A bulk job's drafts in the outbox (core/bulk): the same drafts `drafts.save` and `drafts.delete` make,
// tagged with the job's id, queued in one change of the outbox (one write for hundreds of tokens), then
// held, released, cancelled or queued again as a group. Nothing here sends: the sync engine does, as it
// does for every draft, so offline, merging and crash recovery are the outbox's.
//
// A draft that is being sent, or whose earlier attempt may have reached the server (`inFlight`), is never
// held back or removed: it finishes as it is.

export interface BulkEntry {
  /** Chosen by the job before queueing, so a crash between the two cannot lose the link. */
  draftId: string
  tokenId: number
  /** The token as the job saw it: what the merge measures "changed on the server" against. */
  base: DraftBase
  draft: BulkDraft
}

export class BulkDrafts {
  constructor(private readonly deps: { outbox: Outbox; engine: SyncEngine; now: () => number }) {}

  /** Adds the job's drafts in one change; `state` 'held' keeps them until released. */
  async queue(profileId: string, jobId: string, entries: readonly BulkEntry[], state: 'held' | 'pending') {
    const { outbox } = this.deps
    const now = this.deps.now()
    await outbox.change(profileId, (doc) => {
      let next: OutboxDoc = doc
      const upserted: Draft[] = []
      const removed: string[] = []
      for (const entry of entries) {
        // Queued already (the job is being set up again after a crash): nothing twice.
        if (next.drafts.some((d) => d.id === entry.draftId)) continue
        const tag = { id: entry.draftId, bulkJobId: jobId }
        if (entry.draft.kind === 'delete') {
          const base = entry.base
          const done = withDelete(next, { profileId, tokenId: entry.tokenId, base, ...tag }, now, (d) =>
            outbox.isSyncing(profileId, d.id),
          )
          next = done.next
          removed.push(...done.removed)
          upserted.push(...(done.upserted ?? []))
          continue
        }
        const { changes, quota, wantStatus } = entry.draft
        const parts = { kind: 'update' as const, tokenId: entry.tokenId, base: entry.base, state }
        const draft = freshDraft(next, profileId, { ...parts, changes, quota, wantStatus, ...tag }, now)
        next = upsert(next, draft, true)
        upserted.push(draft)
      }
      return { next, upserted, removed, result: undefined }
    })
  }

  /** The job's drafts as they stand in the outbox. */
  async of(profileId: string, jobId: string): Promise<Draft[]> {
    return (await this.deps.outbox.doc(profileId)).drafts.filter((d) => d.bulkJobId === jobId)
  }

  /**
   * Queues held drafts of the job (all, or those named) and asks the engine to send them — once `ready`
   * has settled too, when given (a read under way whose rows they will use: the queue's write and the
   * read then overlap instead of following one another).
   */
  async release(
    profileId: string,
    jobId: string,
    draftIds?: readonly string[],
    ready?: Promise<unknown>,
  ): Promise<string[]> {
    const moved = await this.move(profileId, jobId, ['held'], 'pending', draftIds)
    await ready
    if (moved.length > 0) this.deps.engine.request(profileId, moved)
    return moved
  }

  /** Holds the job's queued drafts that are not on their way (pause). */
  hold(profileId: string, jobId: string): Promise<string[]> {
    return this.move(profileId, jobId, ['pending'], 'held')
  }

  /** Queues the job's failed drafts again, from scratch (no error, no backoff), and sends them. */
  async retryFailed(profileId: string, jobId: string): Promise<string[]> {
    const moved = await this.move(profileId, jobId, ['failed'], 'pending')
    if (moved.length > 0) this.deps.engine.request(profileId, moved)
    return moved
  }

  /** Removes the job's drafts not yet sent (held or queued, not on their way); returns their ids. */
  async cancel(profileId: string, jobId: string): Promise<string[]> {
    return this.deps.outbox.change(profileId, (doc) => {
      const gone = doc.drafts.filter(
        (d) => d.bulkJobId === jobId && ['held', 'pending'].includes(d.state) && this.free(profileId, d),
      )
      const ids = gone.map((d) => d.id)
      const next = { ...doc, drafts: doc.drafts.filter((d) => !ids.includes(d.id)) }
      return { next, removed: ids, result: ids }
    })
  }

  /**
   * The sync records of jobs not in `running` age out as any record (outbox-history.ts): those jobs have
   * their outcomes in their own file now. Writes the outbox only when such a record is kept.
   */
  async letRecordsGo(profileId: string, running: ReadonlySet<string>): Promise<void> {
    const kept = (doc: OutboxDoc) => doc.history.some((r) => r.bulkJobId && !running.has(r.bulkJobId))
    if (!kept(await this.deps.outbox.doc(profileId))) return
    await this.deps.outbox.change(profileId, (doc) => ({
      next: { ...doc, history: letGo(doc.history, running) },
      result: undefined,
    }))
  }

  private move(
    profileId: string,
    jobId: string,
    from: DraftState[],
    to: DraftState,
    draftIds?: readonly string[],
  ): Promise<string[]> {
    const now = this.deps.now()
    const named = draftIds && new Set(draftIds)
    return this.deps.outbox.change(profileId, (doc) => {
      const upserted: Draft[] = []
      let next = doc
      for (const draft of doc.drafts) {
        if (draft.bulkJobId !== jobId || !from.includes(draft.state)) continue
        if ((named && !named.has(draft.id)) || !this.free(profileId, draft)) continue
        // Failed ones start over; held ↔ queued keeps the draft's history (attempts, backoff).
        const moved = draft.state === 'failed' ? revised(draft, { state: to }, now) : { ...draft, state: to }
        next = upsert(next, moved, false)
        upserted.push(moved)
      }
      return { next, upserted, result: upserted.map((d) => d.id) }
    })
  }

  /** Neither being sent nor possibly landed already (those finish as they are). */
  private free(profileId: string, draft: Draft): boolean {
    return (
      !this.deps.outbox.isSyncing(profileId, draft.id) &&
      (draft.inFlight === null || draft.state === 'failed')
    )
  }
}
