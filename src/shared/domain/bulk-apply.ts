import type { FieldIssue } from '../result'
import type { BulkChange, BulkEdit } from './bulk-change'
import { expiryAfter } from './bulk-expiry'
import { ipsAfter, modelsAfter } from './bulk-lists'
import { renamed } from './bulk-rename'
import {
  bulkRules,
  diffOf,
  withoutNoOps,
  type BulkCheckContext,
  type BulkResult,
  type WantStatus,
} from './bulk-result'
import type { DraftBase } from './draft'
import { checkEdit } from './edit-check'
import { applyQuotaIntent, type QuotaIntent } from './quota-intent'
import { type TokenChanges } from './token'
import { TOKEN_STATUS, editableOf } from './token-values'

// One token under a bulk change: the draft that token would carry, before → after per changed field,
// and the errors that keep it from being sent. Pure: the preview shows it, the bulk job queues its draft.
//
// - Only ticked operations touch a field, and an operation that leaves a field as it is (adding a model
//   already listed, disabling a disabled token, adding 0) yields nothing for that field: a token with
//   nothing left needs no request at all.
// - The result is checked by the one check of an edit (edit-check.ts) against the token as given — the
//   same rules the editor, main and the sync engine apply — so what the preview accepts is what the
//   outbox accepts. A refused value is an error for that token only.
// - Quota changes only tokens that are limited after the change: an unlimited token's remaining quota
//   is not enforced (and counts below zero), so adding to it or setting it means nothing (the preview
//   warns). A token switched from unlimited to limited needs the amount set — adding to the count an
//   unlimited token ran down would carry its arbitrary (often negative) value.

export interface BulkContext extends BulkCheckContext {
  /** The token's 1-based position in the selection order: what `{n}` becomes. */
  position: number
}

const WANT_STATUS: Record<NonNullable<BulkEdit['status']>, WantStatus> = {
  enable: TOKEN_STATUS.enabled,
  disable: TOKEN_STATUS.disabled,
}

/** The non-quota fields the ticked operations give `token`, without those it already holds. */
function changedFields(token: DraftBase, edit: BulkEdit, ctx: BulkContext): TokenChanges {
  const changes: TokenChanges = {}
  if (edit.rename) changes.name = renamed(token, edit.rename, ctx.position)
  if (edit.unlimited !== undefined) changes.unlimited_quota = edit.unlimited
  if (edit.expiry) changes.expired_time = expiryAfter(token.expired_time, edit.expiry, ctx.nowSeconds)
  if (edit.models) changes.model_limits = modelsAfter(token.model_limits, edit.models)
  if (edit.modelLimits !== undefined) changes.model_limits_enabled = edit.modelLimits
  if (edit.ips) changes.allow_ips = ipsAfter(token.allow_ips, edit.ips)
  if (edit.group !== undefined) changes.group = edit.group
  return withoutNoOps(token, changes)
}

interface QuotaPart {
  quota: QuotaIntent | null
  error: FieldIssue | null
}

function quotaPart(token: DraftBase, edit: BulkEdit, unlimitedAfter: boolean): QuotaPart {
  if (!edit.quota || unlimitedAfter) return { quota: null, error: null }
  const becomesLimited = token.unlimited_quota
  if (becomesLimited && edit.quota.mode === 'add')
    return { quota: edit.quota, error: { path: 'remain_quota', key: 'bulk.limitNeedsSet' } }
  // Becoming limited needs the intent even when the amount happens to match: it is what says how much.
  const same = applyQuotaIntent(token.remain_quota, edit.quota) === token.remain_quota
  return { quota: same && !becomesLimited ? null : edit.quota, error: null }
}

function wantedStatus(token: DraftBase, edit: BulkEdit): WantStatus | null {
  const wanted = edit.status === undefined ? null : WANT_STATUS[edit.status]
  return wanted !== null && wanted !== token.status ? wanted : null
}

function afterOf(
  token: DraftBase,
  changes: TokenChanges,
  quota: QuotaIntent | null,
  status: WantStatus | null,
): DraftBase {
  return {
    ...token,
    ...changes,
    remain_quota: applyQuotaIntent(token.remain_quota, quota),
    status: status ?? token.status,
  }
}

/**
 * What `change` does to `token` (a draft's base: the token as the user sees it) at `ctx.position` in
 * the selection. Queue `draft` with `token` as the draft's base; a null draft sends nothing.
 */
export function applyBulkChange(token: DraftBase, change: BulkChange, ctx: BulkContext): BulkResult {
  const unchanged: BulkResult = { tokenId: token.id, draft: null, diff: [], errors: [], after: token }
  if (change.kind === 'delete') return { ...unchanged, draft: { kind: 'delete' } }

  const wanted = changedFields(token, change, ctx)
  const { quota, error } = quotaPart(token, change, wanted.unlimited_quota ?? token.unlimited_quota)
  const wantStatus = wantedStatus(token, change)
  if (Object.keys(wanted).length === 0 && quota === null && wantStatus === null) return unchanged

  const checked = checkEdit(editableOf(token), { changes: wanted, quota }, bulkRules(ctx))
  if (!checked.ok || error) {
    const issues = checked.ok ? [] : checked.issues
    // One message per field: the bulk rule names the reason more exactly than the generic one.
    const errors = error ? [error, ...issues.filter((issue) => issue.path !== error.path)] : issues
    const after = afterOf(token, wanted, quota, wantStatus)
    return { ...unchanged, diff: diffOf(token, after), errors, after }
  }
  // Normalising (a trimmed name, a sorted-out list) may leave a field as it was.
  const changes = withoutNoOps(token, checked.edit.changes)
  if (Object.keys(changes).length === 0 && quota === null && wantStatus === null) return unchanged
  const after = afterOf(token, changes, quota, wantStatus)
  return {
    ...unchanged,
    draft: { kind: 'update', changes, quota, wantStatus },
    diff: diffOf(token, after),
    after,
  }
}
