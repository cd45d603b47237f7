import { z } from 'zod'
import {
  draftSchema,
  draftViewSchema,
  syncRecordSchema,
  type Draft,
  type DraftView,
  type SyncRecord,
} from '@shared/domain/draft'
import type { EventBus } from '../event-bus'
import type { JsonDocument, UpdateOptions } from '../storage/json-file'
import type { ServerFiles } from '../storage/server-files'
import { historyAfter } from './outbox-history'

// Each server's outbox on disk: its drafts and the history of what reached the server. Every change goes
// through `change`, which saves it durably before it resolves — so a draft the UI was told about is on
// disk — and then announces the changed drafts (`drafts.changed`, the rows themselves, so the UI never
// reads again). Which drafts are being sent right now is known only in memory: after a crash nothing is
// "syncing", and each such draft is simply sent again (sync-draft.ts makes that safe).

export const OUTBOX_FILE = 'outbox.json'

export const outboxSchema = z.object({
  /** The next draft's order number. */
  seq: z.number().int().nonnegative(),
  drafts: z.array(draftSchema),
  history: z.array(syncRecordSchema),
})
export type OutboxDoc = z.infer<typeof outboxSchema>

function keepValid<S extends z.ZodType>(schema: S, list: unknown): z.output<S>[] {
  if (!Array.isArray(list)) return []
  return list.flatMap((item) => {
    const parsed = schema.safeParse(item)
    return parsed.success ? [parsed.data] : []
  })
}

export const outboxDocument: JsonDocument<OutboxDoc> = {
  schema: outboxSchema,
  empty: () => ({ seq: 0, drafts: [], history: [] }),
  salvage: (raw) => {
    if (!raw || typeof raw !== 'object') return null
    const { drafts: rawDrafts, history: rawHistory, seq } = raw as Record<string, unknown>
    const drafts = keepValid(draftSchema, rawDrafts)
    const history = keepValid(syncRecordSchema, rawHistory)
    const dropped =
      (Array.isArray(rawDrafts) ? rawDrafts.length - drafts.length : 0) +
      (Array.isArray(rawHistory) ? rawHistory.length - history.length : 0)
    // Order numbers must keep growing past every kept draft.
    const next = Math.max(
      typeof seq === 'number' && seq >= 0 ? Math.floor(seq) : 0,
      ...drafts.map((d) => d.seq + 1),
    )
    return { value: { seq: next, drafts, history }, dropped }
  },
}

/** What one change did, for the announcement. */
export interface OutboxEdit<R> {
  next: OutboxDoc
  upserted?: Draft[]
  removed?: string[]
  records?: SyncRecord[]
  result: R
}

export class Outbox {
  private readonly syncing = new Map<string, Set<string>>()

  constructor(
    private readonly files: ServerFiles<OutboxDoc>,
    private readonly events: EventBus,
    /** Told after every change of a server's drafts (counts in the header). */
    private readonly onChanged: (profileId: string) => void,
  ) {}

  async doc(profileId: string): Promise<OutboxDoc> {
    return (await this.files.open(profileId)).value
  }

  async find(profileId: string, draftId: string): Promise<Draft | undefined> {
    return (await this.doc(profileId)).drafts.find((draft) => draft.id === draftId)
  }

  isSyncing(profileId: string, draftId: string): boolean {
    return this.syncing.get(profileId)?.has(draftId) ?? false
  }

  /**
   * A draft as the UI sees it: its live state, and whether it is locked — an attempt of it may have
   * reached the server (crash notes), so it must be sent as it is before anything is built on it —
   * without the notes themselves.
   */
  view(draft: Draft): DraftView {
    const state = this.isSyncing(draft.profileId, draft.id) ? 'syncing' : draft.state
    return draftViewSchema.parse({ ...draft, state, locked: draft.inFlight !== null })
  }

  async list(profileId: string): Promise<{ drafts: DraftView[]; history: SyncRecord[] }> {
    const doc = await this.doc(profileId)
    return { drafts: doc.drafts.map((draft) => this.view(draft)), history: doc.history }
  }

  /**
   * Applies `edit` to the server's outbox, saves it, then announces what changed. `ending` names a draft
   * whose sending this change records: it counts as being sent until the record is on disk, so no edit
   * of it can slip in between the sync's end and its record (changes run one after another, each seeing
   * whether the draft is being sent at the moment it runs). `within` lets the change wait that long to
   * share one write with others (json-file.ts): it is still on disk before this resolves.
   */
  async change<R>(
    profileId: string,
    edit: (doc: OutboxDoc) => OutboxEdit<R>,
    options: { ending?: string } & UpdateOptions = {},
  ): Promise<R> {
    const file = await this.files.open(profileId)
    let outcome: OutboxEdit<R> | undefined
    try {
      await file.update(
        (doc) => {
          outcome = edit(doc)
          return { ...outcome.next, history: historyAfter(doc, outcome.next, outcome.records ?? []) }
        },
        { within: options.within },
      )
    } finally {
      if (options.ending) this.syncing.get(profileId)?.delete(options.ending)
    }
    if (!outcome) throw new Error('outbox: the change did not run')
    this.announce(profileId, outcome.upserted ?? [], outcome.removed ?? [], outcome.records ?? [])
    return outcome.result
  }

  /** Marks a draft as being sent (memory only); returns false when it already is. */
  beginSync(profileId: string, draft: Draft): boolean {
    const set = this.syncing.get(profileId) ?? new Set<string>()
    this.syncing.set(profileId, set)
    if (set.has(draft.id)) return false
    set.add(draft.id)
    this.announce(profileId, [draft], [], [])
    return true
  }

  /** Ends a sending that recorded nothing (it failed to): the UI hears of the draft as it stands. */
  async endSync(profileId: string, draftId: string): Promise<void> {
    if (!this.syncing.get(profileId)?.delete(draftId)) return
    const draft = await this.find(profileId, draftId).catch(() => undefined)
    this.announce(profileId, draft ? [draft] : [], [], [])
  }

  syncingCount(profileId: string): number {
    return this.syncing.get(profileId)?.size ?? 0
  }

  async remove(profileId: string): Promise<void> {
    this.syncing.delete(profileId)
    await this.files.remove(profileId)
  }

  private announce(profileId: string, upserted: Draft[], removed: string[], records: SyncRecord[]): void {
    this.events.emit('drafts.changed', {
      profileId,
      drafts: upserted.map((draft) => this.view(draft)),
      removedIds: removed,
      history: records,
    })
    this.onChanged(profileId)
  }
}
