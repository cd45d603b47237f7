import { randomUUID } from 'node:crypto'
import type {
  DraftCreateInput,
  DraftDeleteInput,
  DraftResolveInput,
  DraftSaveInput,
  SaveOutcome,
} from '@shared/contract/draft-contract'
import type { Draft, DraftState } from '@shared/domain/draft'
import { checkEdit, isEmptyEdit, type EditCheck, type TokenEdit } from '@shared/domain/edit-check'
import { maxRemainQuota } from '@shared/domain/quota-money'
import { NEVER_EXPIRES, editableOf, type TokenEditable } from '@shared/domain/token'
import type { FieldRules } from '@shared/domain/token-fields'
import { AppError, type FieldIssue } from '@shared/result'
import type { ProfileStore } from '../profiles/profile-store'
import type { OutboxDoc, Outbox } from './outbox'
import { resolveDraft } from './resolve-draft'
import type { SyncEngine } from './sync-engine'

// What the user does with drafts: every edit, create, status change and delete becomes a draft in the
// server's outbox first (saved to disk before the call answers), then — by the mode the UI asks for — is
// kept ('hold': "Save as draft", or input kept when the editor closes), queued ('queue': sent when the
// server can be reached) or sent at once ('now': "Save" — the answer says whether it reached the
// server). Editing a draft that is not being sent changes it in place; while one is being sent, a new
// edit of the same token becomes the next draft. A queued edit is checked first (edit-check.ts); one that
// breaks a rule is kept as a held draft, so the input is never lost, and refused with the field issues.

/** How long "Save" waits for the server before answering "queued" (the draft keeps going). */
export const SAVE_NOW_WAIT_MS = 15_000

export interface DraftServiceDeps {
  outbox: Outbox
  engine: SyncEngine
  profiles: ProfileStore
  now: () => number
}

export class DraftService {
  constructor(private readonly deps: DraftServiceDeps) {}

  async save(input: DraftSaveInput): Promise<SaveOutcome> {
    const edit: TokenEdit = { changes: input.changes, quota: input.quota }
    const empty = isEmptyEdit(edit) && input.wantStatus === null
    const checked =
      empty || input.mode === 'hold'
        ? null
        : checkEdit(editableOf(input.base), edit, this.rules(input.profileId))
    const state: DraftState = input.mode === 'hold' || (checked && !checked.ok) ? 'held' : 'pending'
    const kept = checked?.ok ? checked.edit : edit
    const draft = await this.deps.outbox.change(input.profileId, (doc) => {
      const target = this.editable(doc, input.draftId, 'update')
      if (empty) {
        // Everything set back to what the server had: nothing left to keep.
        if (!target) return { next: doc, result: null }
        return { next: without(doc, target.id), removed: [target.id], result: null }
      }
      const next: Draft = target
        ? this.revised(target, {
            changes: kept.changes,
            quota: kept.quota,
            wantStatus: input.wantStatus,
            state,
          })
        : this.fresh(doc, input.profileId, {
            kind: 'update',
            tokenId: input.tokenId,
            base: input.base,
            changes: kept.changes,
            quota: kept.quota,
            wantStatus: input.wantStatus,
            state,
          })
      return { ...upsert(doc, next, !target), upserted: [next], result: next }
    })
    if (checked && !checked.ok) throw refused(checked.issues)
    return this.after(draft, input.mode)
  }

  async create(input: DraftCreateInput): Promise<SaveOutcome> {
    const edit = createEdit(input.fields, input.remainQuota)
    const checked =
      input.mode === 'hold' ? null : checkEdit(EMPTY_NEW_TOKEN, edit, this.rules(input.profileId))
    const state: DraftState = input.mode === 'hold' || (checked && !checked.ok) ? 'held' : 'pending'
    const kept = checked?.ok ? checked.edit : edit
    const draft = await this.deps.outbox.change(input.profileId, (doc) => {
      const target = this.editable(doc, input.draftId, 'create')
      const next: Draft = target
        ? this.revised(target, { changes: kept.changes, quota: kept.quota, wantStatus: null, state })
        : this.fresh(doc, input.profileId, {
            kind: 'create',
            tokenId: null,
            base: null,
            changes: kept.changes,
            quota: kept.quota,
            wantStatus: null,
            state,
          })
      return { ...upsert(doc, next, !target), upserted: [next], result: next }
    })
    if (checked && !checked.ok) throw refused(checked.issues)
    return this.after(draft, input.mode)
  }

  /** Deleting a token: its edits that are not being sent are moot and go with it. */
  async remove(input: DraftDeleteInput): Promise<SaveOutcome> {
    const draft = await this.deps.outbox.change(input.profileId, (doc) => {
      const moot = doc.drafts.filter(
        (d) =>
          d.tokenId === input.tokenId &&
          d.kind === 'update' &&
          !this.deps.outbox.isSyncing(input.profileId, d.id),
      )
      const existing = doc.drafts.find((d) => d.tokenId === input.tokenId && d.kind === 'delete')
      const kept = { ...doc, drafts: doc.drafts.filter((d) => !moot.includes(d)) }
      const removed = moot.map((d) => d.id)
      if (existing) return { next: kept, removed, result: existing }
      const next = this.fresh(doc, input.profileId, {
        kind: 'delete',
        tokenId: input.tokenId,
        base: input.base,
        changes: {},
        quota: null,
        wantStatus: null,
        state: 'pending',
      })
      return { ...upsert(kept, next, true), removed, upserted: [next], result: next }
    })
    return this.after(draft, input.mode)
  }

  async discard(profileId: string, draftId: string): Promise<void> {
    this.refuseWhileSending(profileId, draftId)
    await this.deps.outbox.change(profileId, (doc) => {
      if (!doc.drafts.some((d) => d.id === draftId)) throw new AppError('not-found', 'That draft is gone.')
      return { next: without(doc, draftId), removed: [draftId], result: undefined }
    })
  }

  /** Queues held, failed or resolved drafts and sends them (one, or every unsynced one of the server). */
  async sync(profileId: string, draftId: string | null): Promise<SaveOutcome | null> {
    const rules = this.rules(profileId)
    const queued = await this.deps.outbox.change(profileId, (doc) => {
      const chosen = doc.drafts.filter(
        (d) =>
          (draftId === null || d.id === draftId) &&
          (d.state === 'held' || d.state === 'failed' || d.state === 'pending'),
      )
      if (draftId !== null && chosen.length === 0 && !doc.drafts.some((d) => d.id === draftId))
        throw new AppError('not-found', 'That draft is gone.')
      const upserted: Draft[] = []
      let next = doc
      for (const draft of chosen) {
        if (draft.state !== 'pending' || draft.retryAt !== null) {
          const issues = checkDraft(draft, rules)
          if (!issues.ok) {
            if (draftId !== null) throw refused(issues.issues)
            continue
          }
          const revised = this.revised(draft, { state: 'pending' })
          next = upsert(next, revised, false).next
          upserted.push(revised)
        }
      }
      return { next, upserted, result: chosen.map((d) => d.id) }
    })
    if (draftId === null) {
      this.deps.engine.request(profileId, queued)
      return null
    }
    const draft = await this.deps.outbox.find(profileId, draftId)
    return this.after(draft ?? null, 'now')
  }

  async resolve(input: DraftResolveInput): Promise<SaveOutcome> {
    this.refuseWhileSending(input.profileId, input.draftId)
    const draft = await this.deps.outbox.change(input.profileId, (doc) => {
      const current = doc.drafts.find((d) => d.id === input.draftId)
      if (!current) throw new AppError('not-found', 'That draft is gone.')
      const resolved = resolveDraft(current, input.resolution)
      if (resolved === null) return { next: without(doc, current.id), removed: [current.id], result: null }
      const next = this.revised(resolved, { state: 'pending' })
      return { ...upsert(doc, next, false), upserted: [next], result: next }
    })
    return this.after(draft, 'queue')
  }

  private async after(draft: Draft | null, mode: 'hold' | 'queue' | 'now'): Promise<SaveOutcome> {
    if (!draft) return { outcome: 'nothing', draft: null, record: null }
    const { outbox, engine } = this.deps
    if (draft.state === 'held') return { outcome: 'held', draft: outbox.view(draft), record: null }
    if (mode === 'queue' || mode === 'hold') {
      engine.kick(draft.profileId)
      return { outcome: 'queued', draft: outbox.view(draft), record: null }
    }
    const sent = await Promise.race([
      engine.sendNow(draft.profileId, draft.id),
      new Promise<'slow'>((resolve) => setTimeout(resolve, SAVE_NOW_WAIT_MS, 'slow').unref()),
    ])
    const doc = await outbox.doc(draft.profileId)
    const left = doc.drafts.find((d) => d.id === draft.id)
    if (!left) {
      const record = [...doc.history].reverse().find((r) => r.draftId === draft.id) ?? null
      return { outcome: 'synced', draft: null, record }
    }
    if (sent === 'slow' || outbox.isSyncing(draft.profileId, draft.id))
      return { outcome: 'syncing', draft: outbox.view(left), record: null }
    return {
      outcome: left.state === 'pending' ? 'queued' : left.state === 'held' ? 'held' : left.state,
      draft: outbox.view(left),
      record: null,
    }
  }

  /** The draft to change in place, when it exists, is of that kind and is not being sent. */
  private editable(doc: OutboxDoc, draftId: string | null, kind: Draft['kind']): Draft | undefined {
    if (!draftId) return undefined
    const found = doc.drafts.find((d) => d.id === draftId && d.kind === kind)
    return found && !this.deps.outbox.isSyncing(found.profileId, found.id) ? found : undefined
  }

  private fresh(
    doc: OutboxDoc,
    profileId: string,
    parts: Pick<Draft, 'kind' | 'tokenId' | 'base' | 'changes' | 'quota' | 'wantStatus' | 'state'>,
  ): Draft {
    const now = this.deps.now()
    return {
      id: randomUUID(),
      profileId,
      ...parts,
      seq: doc.seq,
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      lastError: null,
      conflict: null,
      inFlight: null,
      retryAt: null,
    }
  }

  /** A changed draft starts over: no error, no conflict, no backoff (crash notes stay: they still matter). */
  private revised(draft: Draft, patch: Partial<Draft>): Draft {
    return {
      ...draft,
      ...patch,
      updatedAt: this.deps.now(),
      attempts: 0,
      lastError: null,
      conflict: patch.conflict ?? null,
      retryAt: null,
    }
  }

  private refuseWhileSending(profileId: string, draftId: string): void {
    if (this.deps.outbox.isSyncing(profileId, draftId))
      throw new AppError('conflict', 'That draft is being sent right now; try again in a moment.')
  }

  private rules(profileId: string): FieldRules {
    const profile = this.deps.profiles.find(profileId)
    if (!profile) throw new AppError('not-found', 'No such server profile. It may have been removed.')
    return { nowSeconds: Math.floor(this.deps.now() / 1000), maxQuota: maxRemainQuota(profile.server) }
  }
}

/**
 * A new token is checked as a change of every field from an empty unlimited token: a limited one then
 * needs its amount, like any token that becomes limited.
 */
const EMPTY_NEW_TOKEN: TokenEditable = {
  name: '',
  remain_quota: 0,
  expired_time: NEVER_EXPIRES,
  unlimited_quota: true,
  model_limits_enabled: false,
  model_limits: '',
  allow_ips: '',
  group: '',
}

function createEdit(fields: DraftCreateInput['fields'], remainQuota: number): TokenEdit {
  return { changes: fields, quota: fields.unlimited_quota ? null : { mode: 'set', value: remainQuota } }
}

function checkDraft(draft: Draft, rules: FieldRules): EditCheck {
  if (draft.kind === 'create') return checkEdit(EMPTY_NEW_TOKEN, draft, rules)
  if (draft.kind === 'update' && draft.base) return checkEdit(editableOf(draft.base), draft, rules)
  return { ok: true, edit: draft, result: EMPTY_NEW_TOKEN }
}

function refused(issues: FieldIssue[]): AppError {
  return new AppError('validation', 'Some fields are not valid; the input was kept as a draft.', {
    fields: issues,
  })
}

function without(doc: OutboxDoc, draftId: string): OutboxDoc {
  return { ...doc, drafts: doc.drafts.filter((d) => d.id !== draftId) }
}

/** Puts `draft` in place (or appends it as the newest, taking the next order number). */
function upsert(doc: OutboxDoc, draft: Draft, isNew: boolean): { next: OutboxDoc } {
  if (isNew) return { next: { ...doc, seq: doc.seq + 1, drafts: [...doc.drafts, draft] } }
  return { next: { ...doc, drafts: doc.drafts.map((d) => (d.id === draft.id ? draft : d)) } }
}
