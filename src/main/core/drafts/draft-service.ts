import type {
  DraftCreateInput,
  DraftDeleteInput,
  DraftResolveInput,
  DraftSaveInput,
  SaveOutcome,
} from '@shared/contract/draft-contract'
import type { Draft, DraftBase, DraftState } from '@shared/domain/draft'
import { isEmptyEdit, type TokenEdit } from '@shared/domain/edit-check'
import { maxRemainQuota } from '@shared/domain/quota-money'
import type { FieldRules } from '@shared/domain/token-fields'
import type { Token } from '@shared/domain/token'
import { quotaTotalOf } from '@shared/domain/quota-conflict'
import { AppError, type FieldIssue } from '@shared/result'
import type { ProfileStore } from '../profiles/profile-store'
import { queueBatch, withQuantity } from './batch-split'
import { answerSave, sendAlong } from './draft-answer'
import {
  checkDraft,
  createEdit,
  freshDraft,
  refused,
  revised,
  upsert,
  withDelete,
  without,
} from './draft-records'
import type { Outbox, OutboxDoc } from './outbox'
import { resolveDraft } from './resolve-draft'
import type { SyncEngine } from './sync-engine'

// What the user does with drafts: every edit, create, status change and delete becomes a draft in the
// server's outbox first (saved to disk before the call answers), then — by the mode the UI asks for — is
// kept ('hold': "Save as draft", or input kept while typing), queued ('queue': sent when the server can be
// reached) or sent at once ('now': "Save" — the answer says whether it reached the server). A queued edit
// is checked first (edit-check.ts); one that breaks a rule is kept as a held draft, so the input is never
// lost, and answered as invalid with the field issues.
//
// An edit continues its draft in place — unless that draft is being sent, has gone out, or is locked (an
// attempt may already have reached the server): then the edit is refused rather than mixed into what was
// sent, and the editor makes it the next draft, built on what the server will hold.

const OUTCOME_UNKNOWN_CODE = 'conflict'

/** A create as kept (the first of a split batch), what refused it, and the rest of its batch. */
interface CreateMade {
  draft: Draft
  issues: FieldIssue[] | null
  extraIds: string[]
}

/**
 * The base as the UI sent it, with the quota sum of the token as main last read it: the UI's row may
 * carry drafts' amounts laid over it, and an earlier draft just sent may not have reached it yet.
 */
function withListedTotal(base: DraftBase, listed: Token | undefined): DraftBase {
  const { quota_total: _shown, ...rest } = base
  return listed ? { ...rest, quota_total: quotaTotalOf(listed) } : rest
}

function invalid(draft: Draft | null, issues: FieldIssue[], outbox: Outbox): SaveOutcome {
  return { outcome: 'invalid', draft: draft && outbox.view(draft), record: null, issues }
}

export interface DraftServiceDeps {
  outbox: Outbox
  engine: SyncEngine
  profiles: ProfileStore
  now: () => number
  /** The names of the server's tokens as last listed (numbered names of a batch continue after them). */
  tokenNames: (profileId: string) => Promise<string[]>
  /** A token as main last read it (the UI may show it with drafts laid over); undefined if not listed. */
  listedToken: (profileId: string, tokenId: number) => Promise<Token | undefined>
  /** The most groups a token's Auto order may list on the server, when its catalog was read. */
  autoGroupLimit?: (profileId: string) => number | undefined
  /** When the server's pacer expects room for waiting requests (server-states.ts); null: none wait. */
  heldUntil?: (profileId: string) => number | null
}

export class DraftService {
  constructor(private readonly deps: DraftServiceDeps) {}

  async save(input: DraftSaveInput): Promise<SaveOutcome> {
    const rules = this.rules(input.profileId)
    const edit: TokenEdit = { changes: input.changes, quota: input.quota }
    const empty = isEmptyEdit(edit) && input.wantStatus === null
    const checked =
      empty || input.mode === 'hold' ? null : checkDraft({ kind: 'update', base: input.base, ...edit }, rules)
    const state: DraftState = input.mode === 'hold' || (checked && !checked.ok) ? 'held' : 'pending'
    const kept = checked?.ok ? checked.edit : edit
    const now = this.deps.now()
    const statusOnly = isEmptyEdit(edit) && input.wantStatus !== null
    const base = withListedTotal(input.base, await this.deps.listedToken(input.profileId, input.tokenId))
    const draft = await this.deps.outbox.change(input.profileId, (doc) => {
      const target =
        this.continued(doc, input.profileId, input.draftId, 'update') ??
        (statusOnly ? this.waitingStatusChange(doc, input.profileId, input.tokenId) : undefined)
      // Disabling and enabling again before either went out: nothing is left to send.
      if (target && statusOnly && target.base?.status === input.wantStatus)
        return { next: without(doc, target.id), removed: [target.id], result: null }
      if (empty) {
        // Everything set back to what the server had: nothing left to keep.
        if (!target) return { next: doc, result: null }
        return { next: without(doc, target.id), removed: [target.id], result: null }
      }
      const parts = { changes: kept.changes, quota: kept.quota, wantStatus: input.wantStatus, state }
      const next: Draft = target
        ? revised(target, parts, now)
        : freshDraft(doc, input.profileId, { kind: 'update', tokenId: input.tokenId, base, ...parts }, now)
      return { next: upsert(doc, next, !target), upserted: [next], result: next }
    })
    if (checked && !checked.ok) return invalid(draft, checked.issues, this.deps.outbox)
    return answerSave(this.deps, draft, input.mode)
  }

  async create(input: DraftCreateInput): Promise<SaveOutcome> {
    const rules = this.rules(input.profileId)
    const edit = createEdit(input.fields, input.remainQuota)
    // Several tokens are checked name by name once numbered, when the batch is split (batch-split.ts).
    const batch = input.quantity > 1 && input.mode !== 'hold'
    const checked =
      input.mode === 'hold' || batch ? null : checkDraft({ kind: 'create', base: null, ...edit }, rules)
    const kept = checked?.ok ? checked.edit : edit
    const serverNames = batch ? await this.deps.tokenNames(input.profileId) : []
    const now = this.deps.now()
    const made = await this.deps.outbox.change<CreateMade>(input.profileId, (doc) => {
      const target = this.continued(doc, input.profileId, input.draftId, 'create')
      const parts = {
        changes: kept.changes,
        quota: kept.quota,
        wantStatus: null,
        state: (checked?.ok ? 'pending' : 'held') as DraftState,
      }
      const draft = withQuantity(
        target
          ? revised(target, parts, now)
          : freshDraft(doc, input.profileId, { kind: 'create', tokenId: null, base: null, ...parts }, now),
        input.quantity,
      )
      const next = upsert(doc, draft, !target)
      const issues = checked && !checked.ok ? checked.issues : null
      const split = batch ? queueBatch(next, draft, serverNames, rules, now) : null
      if (!split?.ok)
        return {
          next,
          upserted: [draft],
          result: { draft, issues: split ? split.issues : issues, extraIds: [] },
        }
      const [first = draft] = split.upserted
      return { ...split, result: { draft: first, issues: null, extraIds: split.extraIds } }
    })
    if (made.issues) return invalid(made.draft, made.issues, this.deps.outbox)
    sendAlong(this.deps, made.draft, made.extraIds, input.mode)
    return answerSave(this.deps, made.draft, input.mode)
  }

  /** Deleting a token: its edits that are not on their way are moot and go with it. */
  async remove(input: DraftDeleteInput): Promise<SaveOutcome> {
    this.deps.profiles.require(input.profileId)
    const { outbox } = this.deps
    const now = this.deps.now()
    const draft = await outbox.change(input.profileId, (doc) => {
      const done = withDelete(doc, input, now, (d) => outbox.isSyncing(input.profileId, d.id))
      return { ...done, result: done.draft }
    })
    return answerSave(this.deps, draft, input.mode)
  }

  async discard(profileId: string, draftId: string): Promise<void> {
    this.deps.profiles.require(profileId)
    await this.deps.outbox.change(profileId, (doc) => {
      const draft = this.present(doc, profileId, draftId)
      return { next: without(doc, draft.id), removed: [draft.id], result: undefined }
    })
  }

  /**
   * Queues held, failed and queued drafts and sends them: one (answering with its outcome) or every one
   * of the server. Sending one the user was told may already have reached the server ("check, then send
   * again") is the user's decision that it did not: its notes are dropped.
   */
  async sync(profileId: string, draftId: string | null): Promise<SaveOutcome | null> {
    const rules = this.rules(profileId)
    const now = this.deps.now()
    const serverNames = await this.deps.tokenNames(profileId)
    const queued = await this.deps.outbox.change(profileId, (doc) => {
      if (draftId !== null) this.present(doc, profileId, draftId)
      const chosen = doc.drafts.filter(
        (d) => (draftId === null || d.id === draftId) && ['held', 'failed', 'pending'].includes(d.state),
      )
      const upserted: Draft[] = []
      const extraIds: string[] = []
      let next = doc
      for (const draft of chosen) {
        if (draft.state === 'pending' && draft.retryAt === null) continue
        if (draft.quantity !== undefined) {
          const split = queueBatch(next, draft, serverNames, rules, now)
          if (!split.ok && draftId !== null) throw refused(split.issues)
          if (!split.ok) continue
          next = split.next
          upserted.push(...split.upserted)
          extraIds.push(...split.extraIds)
          continue
        }
        const checked = checkDraft(draft, rules)
        if (!checked.ok) {
          if (draftId !== null) throw refused(checked.issues)
          continue
        }
        const decided = draftId !== null && draft.lastError?.code === OUTCOME_UNKNOWN_CODE
        const patch = decided ? { state: 'pending' as const, inFlight: null } : { state: 'pending' as const }
        const again = revised(draft, patch, now)
        next = upsert(next, again, false)
        upserted.push(again)
      }
      return { next, upserted, result: { ids: [...chosen.map((d) => d.id), ...extraIds], extraIds } }
    })
    if (draftId === null) {
      this.deps.engine.request(profileId, queued.ids)
      return null
    }
    const draft = await this.deps.outbox.find(profileId, draftId)
    sendAlong(this.deps, draft ?? null, queued.extraIds, 'now', true)
    return answerSave(this.deps, draft ?? null, 'now', true)
  }

  async resolve(input: DraftResolveInput): Promise<SaveOutcome> {
    const rules = this.rules(input.profileId)
    const now = this.deps.now()
    const draft = await this.deps.outbox.change(input.profileId, (doc) => {
      const current = this.present(doc, input.profileId, input.draftId)
      const resolved = resolveDraft(current, input.resolution)
      if (resolved === null) return { next: without(doc, current.id), removed: [current.id], result: null }
      // A value typed as the answer is checked as the editor checks it, before the answer is taken: not
      // accepted, then stopped at sending as "not valid" with the conflict gone.
      const checked = checkDraft(resolved, rules)
      if (!checked.ok)
        throw new AppError(
          'validation',
          'A value chosen is not valid; the draft still waits for your choice.',
          {
            fields: checked.issues,
          },
        )
      const next = revised(resolved, { state: 'pending' }, now)
      return { next: upsert(doc, next, false), upserted: [next], result: next }
    })
    // The answer is the user's "Apply and send": sent whatever automatic sending says, as a Send is (a
    // production server still holds it for a push: answerSave takes the ask back there).
    if (draft) this.deps.engine.request(input.profileId, [draft.id])
    return answerSave(this.deps, draft, 'queue')
  }

  /** The draft an edit continues: none for a new one; else it must still be there and free to change. */
  private continued(doc: OutboxDoc, profileId: string, draftId: string | null, kind: Draft['kind']) {
    if (draftId === null) return undefined
    const found = this.present(doc, profileId, draftId)
    if (found.kind !== kind) throw new AppError('validation', 'That draft is not of this kind.')
    if (found.inFlight !== null)
      throw new AppError(
        'conflict',
        'That draft may already have reached the server; it is sent as it is. Your input is kept: save it again to make it the next change.',
      )
    return found
  }

  /** The token's last draft when it is only a status change still waiting (a toggle folds into it). */
  private waitingStatusChange(doc: OutboxDoc, profileId: string, tokenId: number): Draft | undefined {
    const last = doc.drafts.filter((d) => d.tokenId === tokenId).sort((a, b) => b.seq - a.seq)[0]
    const waiting =
      last?.kind === 'update' &&
      (last.state === 'pending' || last.state === 'held') &&
      last.inFlight === null &&
      !this.deps.outbox.isSyncing(profileId, last.id) &&
      isEmptyEdit(last) &&
      last.wantStatus !== null
    return waiting ? last : undefined
  }

  /** The draft, which must still be in the outbox and not on its way to the server right now. */
  private present(doc: OutboxDoc, profileId: string, draftId: string): Draft {
    const found = doc.drafts.find((d) => d.id === draftId)
    if (!found) throw new AppError('not-found', 'That draft is gone: it was sent or discarded meanwhile.')
    if (this.deps.outbox.isSyncing(profileId, draftId))
      throw new AppError('conflict', 'That draft is being sent right now; try again in a moment.')
    return found
  }

  private rules(profileId: string): FieldRules {
    const profile = this.deps.profiles.require(profileId)
    return {
      nowSeconds: Math.floor(this.deps.now() / 1000),
      maxQuota: maxRemainQuota(profile.server),
      maxNameBytes: profile.server.maxNameBytes,
      maxAutoGroups: this.deps.autoGroupLimit?.(profileId),
    }
  }
}
