import type { FieldIssue } from '../result'
import {
  bulkRules,
  type BulkCheckContext,
  type BulkDraft,
  type BulkField,
  type BulkFieldChange,
  type WantStatus,
} from './bulk-result'
import type { DraftBase } from './draft'
import { checkEdit, type TokenEdit } from './edit-check'
import type { QuotaIntent } from './quota-intent'
import { type TokenChanges } from './token'
import { TOKEN_STATUS, editableOf } from './token-values'

// Undoing a bulk change on one token: from the before → after values recorded when it was applied, the
// draft that puts the before-values back — queued like any other edit, so it merges with what changed
// on the server since.
// - The draft's base holds the recorded after-values: a field someone changed again since then is a
//   conflict for the user (both changed it), never silently overwritten; one already back is no write.
// - Quota goes back by the difference (after → before) as an add intent, so usage since the change is
//   kept: 100 set to 1000, 300 used since, undone → 100 − 300 net of usage, not 100.
// - Status goes back to disabled, or to enabled for a token stored as expired or exhausted (the server
//   takes only those two; it marks a token expired only while it is enabled).
// - A token turned unlimited and back goes limited with the quota it counted down meanwhile (add 0).
// - A before-value the rules now refuse — an expiry that has passed since, a quota that usage would take
//   below zero — is left as it is and named in `skipped`; the other fields are still undone.
// A deleted token cannot come back (a new token gets a new key): deletes have no undo.

export interface BulkUndo {
  /** The draft's base: the token as last seen, with the recorded after-values of the changed fields. */
  base: DraftBase
  /** null: nothing to put back (or nothing the rules allow). */
  draft: BulkDraft | null
  /** Fields that cannot be put back, with the rule that refuses them (i18n keys under `fields.`). */
  skipped: FieldIssue[]
}

/** The fields to give up together when a rule names `path`: a quota and the limit it belongs to, etc. */
const DROPPED_WITH: Partial<Record<string, BulkField[]>> = {
  remain_quota: ['remain_quota', 'unlimited_quota'],
  model_limits: ['model_limits', 'model_limits_enabled'],
}

function restoredStatus(before: unknown): WantStatus {
  return before === TOKEN_STATUS.disabled ? TOKEN_STATUS.disabled : TOKEN_STATUS.enabled
}

/**
 * The undo of `applied` (the before → after values the bulk change wrote) on `current` (the token as
 * last seen; only its id and the fields not in `applied` are taken from it). Record `applied` from the
 * write where it differs from the preview: a quota *set* replaced what the fresh read held just before
 * the PUT, and taking the preview's older value would hand back the usage in between.
 */
export function undoBulkChange(
  current: DraftBase,
  applied: readonly BulkFieldChange[],
  ctx: BulkCheckContext,
): BulkUndo {
  const base: DraftBase = { ...current }
  const changes: Record<string, unknown> = {}
  let quota: QuotaIntent | null = null
  let wantStatus: WantStatus | null = null
  for (const { field, before, after } of applied) {
    if (field === 'remain_quota') {
      quota = { mode: 'add', delta: Number(before) - Number(after) }
    } else if (field === 'status') {
      base.status = Number(after)
      wantStatus = restoredStatus(before)
    } else {
      Object.assign(base, { [field]: after })
      changes[field] = before
    }
  }
  if (wantStatus === base.status) wantStatus = null
  // Limited again without a recorded quota change: keep what it counted down (the rules need an intent).
  if (changes.unlimited_quota === false && base.unlimited_quota && quota === null)
    quota = { mode: 'add', delta: 0 }

  const skipped: FieldIssue[] = []
  let edit: TokenEdit = { changes: changes as TokenChanges, quota }
  for (;;) {
    const checked = checkEdit(editableOf(base), edit, bulkRules(ctx))
    if (checked.ok) {
      edit = checked.edit
      break
    }
    skipped.push(...checked.issues)
    const dropped = new Set(checked.issues.flatMap((issue) => DROPPED_WITH[issue.path] ?? [issue.path]))
    const kept = Object.fromEntries(
      Object.entries(edit.changes).filter(([field]) => !dropped.has(field as BulkField)),
    )
    const keptQuota = dropped.has('remain_quota') ? null : edit.quota
    // A rule naming nothing this undo can leave out: give up the fields rather than loop.
    const progress = Object.keys(kept).length < Object.keys(edit.changes).length || keptQuota !== edit.quota
    edit = progress ? { changes: kept as TokenChanges, quota: keptQuota } : { changes: {}, quota: null }
    if (!progress) break
  }
  // "Add 0" is only there to let a token go limited; alone it would cost a read for nothing.
  const zeroAdd = edit.quota?.mode === 'add' && edit.quota.delta === 0
  if (zeroAdd && edit.changes.unlimited_quota !== false) edit = { ...edit, quota: null }
  const empty = Object.keys(edit.changes).length === 0 && edit.quota === null
  const draft: BulkDraft | null =
    empty && wantStatus === null ? null : { kind: 'update', ...edit, wantStatus }
  return { base, draft, skipped }
}
