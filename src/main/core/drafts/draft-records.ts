import { randomUUID } from 'node:crypto'
import type { DraftCreateInput } from '@shared/contract/draft-contract'
import type { Draft } from '@shared/domain/draft'
import { checkEdit, type EditCheck, type TokenEdit } from '@shared/domain/edit-check'
import { NEW_TOKEN_FIELDS, editableOf } from '@shared/domain/token-values'
import type { FieldRules } from '@shared/domain/token-fields'
import { AppError, type FieldIssue } from '@shared/result'
import type { OutboxDoc } from './outbox'

// Making and changing draft records in an outbox document: pure functions the draft service composes.

export function createEdit(fields: DraftCreateInput['fields'], remainQuota: number): TokenEdit {
  return { changes: fields, quota: fields.unlimited_quota ? null : { mode: 'set', value: remainQuota } }
}

/** The one check of an edit, on what the draft is applied to (a new token: an empty unlimited one). */
export function checkDraft(
  draft: Pick<Draft, 'kind' | 'base' | 'changes' | 'quota'>,
  rules: FieldRules,
): EditCheck {
  if (draft.kind === 'create') return checkEdit(NEW_TOKEN_FIELDS, draft, rules)
  if (draft.kind === 'update' && draft.base) return checkEdit(editableOf(draft.base), draft, rules)
  return { ok: true, edit: draft, result: NEW_TOKEN_FIELDS }
}

export function refused(issues: FieldIssue[]): AppError {
  return new AppError('validation', 'Some fields are not valid; the input was kept as a draft.', {
    fields: issues,
  })
}

/** A bulk job's own draft id and tag, when given (absent keys stay absent). */
export function tagOf(
  input: Partial<Pick<Draft, 'id' | 'bulkJobId'>>,
): Partial<Pick<Draft, 'id' | 'bulkJobId'>> {
  return {
    ...(input.id === undefined ? {} : { id: input.id }),
    ...(input.bulkJobId === undefined ? {} : { bulkJobId: input.bulkJobId }),
  }
}

export function freshDraft(
  doc: OutboxDoc,
  profileId: string,
  parts: Pick<Draft, 'kind' | 'tokenId' | 'base' | 'changes' | 'quota' | 'wantStatus' | 'state'> &
    Partial<Pick<Draft, 'id' | 'bulkJobId'>>,
  now: number,
): Draft {
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

/** A changed draft starts over: no error, no conflict, no backoff. */
export function revised(draft: Draft, patch: Partial<Draft>, now: number): Draft {
  return {
    ...draft,
    ...patch,
    updatedAt: now,
    attempts: 0,
    lastError: null,
    conflict: patch.conflict ?? null,
    retryAt: null,
  }
}

export function without(doc: OutboxDoc, draftId: string): OutboxDoc {
  return { ...doc, drafts: doc.drafts.filter((d) => d.id !== draftId) }
}

/** Puts `draft` in place (or appends it as the newest, taking the next order number). */
export function upsert(doc: OutboxDoc, draft: Draft, isNew: boolean): OutboxDoc {
  if (isNew) return { ...doc, seq: doc.seq + 1, drafts: [...doc.drafts, draft] }
  return { ...doc, drafts: doc.drafts.map((d) => (d.id === draft.id ? draft : d)) }
}

/**
 * Queues the delete of a token: its edits that are not on their way are moot and go with it; a delete
 * already queued is the one (`draft`). `sending` tells which drafts are being sent right now.
 */
export function withDelete(
  doc: OutboxDoc,
  input: { profileId: string; tokenId: number; base: Draft['base'] } & Partial<
    Pick<Draft, 'id' | 'bulkJobId'>
  >,
  now: number,
  sending: (draft: Draft) => boolean,
): { next: OutboxDoc; removed: string[]; upserted?: Draft[]; draft: Draft } {
  const moot = doc.drafts.filter(
    (d) => d.tokenId === input.tokenId && d.kind === 'update' && d.inFlight === null && !sending(d),
  )
  const existing = doc.drafts.find((d) => d.tokenId === input.tokenId && d.kind === 'delete')
  const kept = { ...doc, drafts: doc.drafts.filter((d) => !moot.includes(d)) }
  const removed = moot.map((d) => d.id)
  if (existing) return { next: kept, removed, draft: existing }
  const { profileId, tokenId, base } = input
  const parts = { kind: 'delete' as const, tokenId, base, changes: {}, quota: null, wantStatus: null }
  const next = freshDraft(doc, profileId, { ...parts, ...tagOf(input), state: 'pending' }, now)
  return { next: upsert(kept, next, true), removed, upserted: [next], draft: next }
}
