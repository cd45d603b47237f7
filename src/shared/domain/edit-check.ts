import type { FieldIssue } from '../result'
import { fieldIssuesOf } from './field-issues'
import { applyQuotaIntent, type QuotaIntent } from './quota-intent'
import type { TokenChanges, TokenEditable } from './token'
import { modelWhitelistIssue, remainQuotaRule, tokenChangesSchema, type FieldRules } from './token-fields'

// The one check of an edit, used by the editor (instant feedback), by main when an edit is queued, and by
// the sync engine on the merged result just before it is sent: the field rules of token-fields.ts plus
// the rules that concern the token as it would be saved, not the change alone.

export interface TokenEdit {
  /** Only the fields the user touched, as entered. */
  changes: TokenChanges
  quota: QuotaIntent | null
}

export type EditCheck =
  { ok: true; edit: TokenEdit; result: TokenEditable } | { ok: false; issues: FieldIssue[] }

/**
 * Checks `edit` applied onto `onto` (the token as the user saw it, or as the server holds it now).
 * Returns the edit with its values normalised (what is sent) and the token that would result.
 */
export function checkEdit(onto: TokenEditable, edit: TokenEdit, rules: FieldRules): EditCheck {
  const parsed = tokenChangesSchema(rules).safeParse(edit.changes)
  const issues: FieldIssue[] = parsed.success ? [] : fieldIssuesOf(parsed.error)
  // The rules on the result are checked even when a field is wrong, so every problem shows at once.
  const changes = (parsed.success ? parsed.data : edit.changes) as TokenChanges
  const result: TokenEditable = {
    ...onto,
    ...changes,
    remain_quota: applyQuotaIntent(onto.remain_quota, edit.quota),
  }
  // Whitelisting models with an empty list blocks every model: an edit may not lead there. A token that
  // already is so (another client saved it) can still be renamed or refilled.
  const touchesModels = changes.model_limits_enabled !== undefined || changes.model_limits !== undefined
  const whitelist = touchesModels ? modelWhitelistIssue(result) : null
  if (whitelist) issues.push({ path: 'model_limits', key: whitelist })
  // An unlimited token's remain_quota still counts down (often below 0): it means nothing once the token
  // becomes limited, so that switch needs the user to say how much quota it gets.
  const becomesLimited = onto.unlimited_quota && !result.unlimited_quota
  if (becomesLimited && edit.quota === null) {
    issues.push({ path: 'remain_quota', key: 'quota.required' })
  } else if (!result.unlimited_quota && (edit.quota !== null || becomesLimited)) {
    const checked = remainQuotaRule(rules).safeParse(result.remain_quota)
    if (!checked.success)
      issues.push(...fieldIssuesOf(checked.error).map((issue) => ({ ...issue, path: 'remain_quota' })))
  }
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, edit: { changes, quota: edit.quota }, result }
}

export function isEmptyEdit(edit: TokenEdit): boolean {
  return edit.quota === null && Object.keys(edit.changes).length === 0
}
