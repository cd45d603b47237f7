import type { FieldIssue } from '../result'
import type { DraftBase, MergedField } from './draft'
import { sameFieldValue, type FieldValue } from './draft-merge'
import { maxRemainQuota } from './quota-money'
import type { QuotaIntent } from './quota-intent'
import type { ServerFacts } from './server-facts'
import { EDITABLE_FIELDS, type EditableField, type TokenChanges } from './token'
import type { FieldRules } from './token-fields'

// What a bulk change (or its undo) means for one token, in the terms of one draft of that token: the
// bulk job queues it through the normal outbox unchanged — `draft.save` with the token as the draft's
// base for an update, `draft.delete` for a delete.

export type WantStatus = 1 | 2

export type BulkDraft =
  /** `changes` only holds fields that change; `quota` is an intent; both may be empty with a status. */
  | { kind: 'update'; changes: TokenChanges; quota: QuotaIntent | null; wantStatus: WantStatus | null }
  | { kind: 'delete' }

/** A token field a bulk change may move: the editable fields, and the status. */
export type BulkField = EditableField | 'status'

export interface BulkFieldChange {
  field: BulkField
  before: FieldValue
  after: FieldValue
}

export interface BulkResult {
  tokenId: number
  /** What to queue; null when nothing is to be sent: nothing changes, or the rules refuse (`errors`). */
  draft: BulkDraft | null
  /** Before → after of every field that changes (for a refused token: as it was attempted). */
  diff: BulkFieldChange[]
  /** Why the token cannot be changed so: field issues (i18n keys under `fields.`), path = token field. */
  errors: FieldIssue[]
  /** The token as the change would leave it (refused: as attempted; deleted or unchanged: as it is). */
  after: DraftBase
}

/** The facts a bulk change is checked against: the same rules the editor and main apply to one edit. */
export interface BulkCheckContext {
  /** Unix seconds: "now" for expiries (a new one must lie ahead; durations may count from it). */
  nowSeconds: number
  /** The server's facts: quota bounds (quota_per_unit) and its name limit (maxNameBytes). */
  facts: ServerFacts
}

export function bulkRules(ctx: BulkCheckContext): FieldRules {
  return {
    nowSeconds: ctx.nowSeconds,
    maxQuota: maxRemainQuota(ctx.facts),
    maxNameBytes: ctx.facts.maxNameBytes,
  }
}

/** Same stored value: lists compared as the server uses them (draft-merge.ts), numbers and flags as is. */
export function sameBulkValue(field: BulkField, a: unknown, b: unknown): boolean {
  if (field === 'remain_quota' || field === 'status') return a === b
  return sameFieldValue(field as MergedField, a, b)
}

/** `changes` without the fields that already hold that value on `token`. */
export function withoutNoOps(token: DraftBase, changes: TokenChanges): TokenChanges {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([field, value]) => !sameBulkValue(field as BulkField, value, token[field as keyof DraftBase]),
    ),
  ) as TokenChanges
}

/** Before → after of every field that differs between `before` and `after`, in the editor's order. */
export function diffOf(before: DraftBase, after: DraftBase): BulkFieldChange[] {
  const fields: BulkField[] = [...EDITABLE_FIELDS, 'status']
  return fields
    .filter((field) => !sameBulkValue(field, before[field], after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }))
}
