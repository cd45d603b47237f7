import type { DraftBase } from '@shared/domain/draft'
import { checkEdit, isEmptyEdit, type TokenEdit } from '@shared/domain/edit-check'
import { effectiveStatus } from '@shared/domain/effective-status'
import { normalizeIpList } from '@shared/domain/ip-list'
import { normalizeNameList, splitNameList } from '@shared/domain/name-list'
import { applyQuotaIntent, type QuotaIntent } from '@shared/domain/quota-intent'
import { amountToQuota, maxRemainQuota, moneyUnit, quotaToAmount } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import { type TokenChanges } from '@shared/domain/token'
import {
  NEVER_EXPIRES,
  NEW_TOKEN_FIELDS,
  TOKEN_STATUS,
  editableOf,
  type WithEditableFields,
} from '@shared/domain/token-values'
import type { FieldIssue } from '@shared/result'
import { batchNames, MAX_BATCH } from '@shared/domain/batch-names'
import { utf8Bytes } from '@shared/domain/token-fields'

// The token editor's form and the one rule that matters most: only what the user changed becomes the
// edit. PUT /api/token/ is a full replace, and usage lowers the quota while the editor is open, so an
// untouched field must not be sent back — least of all the quota (docs/newapi-behaviour.md §6, "the lost
// update"). The form is compared with the draft's base (the token as the user first saw it); the quota
// becomes a "set" intent only when the user changed the amount; the checks are the shared ones
// (edit-check.ts), the same main applies.

export interface TokenForm {
  name: string
  /** Remaining quota in the server's display unit (money, or raw units for TOKENS); null = cleared. */
  amount: number | null
  /** "Set to" the amount, or "add" the delta (negative: subtract) to whatever the server holds then. */
  quotaMode: 'set' | 'add'
  /** The amount to add (display unit) in 'add' mode; null or 0 = nothing. */
  delta: number | null
  /**
   * Text in the quota's amount field (either mode) that reads as no amount, as typed; null when there is
   * none. The amount is then null, which alone would read as "nothing to add": Save is refused instead.
   */
  unreadableAmount: string | null
  /** How many tokens a create makes (names numbered, batch-names.ts); 1 for an existing token. */
  quantity: number
  unlimited: boolean
  neverExpires: boolean
  /** Expiry as Unix milliseconds (what the date picker speaks); ignored while `neverExpires`. */
  expiresAt: number | null
  modelLimitsEnabled: boolean
  models: string[]
  /** One IP or CIDR per line, as typed. */
  allowIps: string
  /** Comma-separated group names; '' = the user's own group. */
  group: string
  /** With the group `auto`: try the next group when one fails. */
  crossGroupRetry: boolean
  /** With the group `auto`: the token's own order of groups (empty: the server's order). */
  autoGroups: string[]
  /** Not disabled (the server may still call it expired or exhausted). */
  enabled: boolean
}

/** What the editor sends: the fields changed, a quota intent and a wanted status. */
export interface FormEdit extends TokenEdit {
  wantStatus: 1 | 2 | null
}

/**
 * The amount shown for a quota: with the fewest decimals (two at least, as the table writes money) that
 * read back as the same quota, so that showing and reading back is a no-op. A token made with ¥50 holds
 * 3,424,658 units, which is ¥50.0000073 exactly: it is shown as ¥50.00, not as "¥50.000007", which read
 * as if the amount had been changed; an amount no shorter number stands for keeps the digits it needs.
 */
export function displayAmount(quota: number, facts: ServerFacts): number {
  if (moneyUnit(facts).symbol === null) return quota
  const exact = quotaToAmount(quota, facts)
  for (let digits = 2; digits < 6; digits++) {
    const scale = 10 ** digits
    const shown = Math.round(exact * scale) / scale
    if (amountToQuota(shown, facts) === quota) return shown
  }
  return Math.round(exact * 1e6) / 1e6
}

export function formFromToken(token: WithEditableFields & { status: number }, facts: ServerFacts): TokenForm {
  const loaded = editableOf(token)
  return {
    name: loaded.name,
    amount: displayAmount(loaded.remain_quota, facts),
    quotaMode: 'set',
    delta: null,
    unreadableAmount: null,
    quantity: 1,
    unlimited: loaded.unlimited_quota,
    neverExpires: loaded.expired_time === NEVER_EXPIRES,
    expiresAt: loaded.expired_time === NEVER_EXPIRES ? null : loaded.expired_time * 1000,
    modelLimitsEnabled: loaded.model_limits_enabled,
    models: splitNameList(loaded.model_limits),
    allowIps: loaded.allow_ips,
    group: loaded.group,
    crossGroupRetry: loaded.cross_group_retry,
    autoGroups: splitNameList(loaded.auto_groups),
    enabled: token.status !== TOKEN_STATUS.disabled,
  }
}

export interface FormContext {
  /** The token as the user first saw it: what the form is compared with. */
  base: Omit<DraftBase, 'id'>
  facts: ServerFacts
  nowSeconds: number
  /** The amount the form showed when it opened, and the quota intent behind it (a kept draft's). */
  shownAmount: number | null
  shownQuota: QuotaIntent | null
}

/**
 * The raw edit the form holds, unchecked: what a held draft keeps while the user is still typing.
 * Fields are compared after the normalisation the server-bound value gets, so merely opening and
 * closing a field is not a change.
 */
export function formEdit(form: TokenForm, context: FormContext): FormEdit {
  const loaded = editableOf(context.base)
  const changes: Record<string, unknown> = {}
  if (form.name.trim() !== loaded.name.trim()) changes.name = form.name
  if (form.neverExpires) {
    if (loaded.expired_time !== NEVER_EXPIRES) changes.expired_time = NEVER_EXPIRES
  } else if (form.expiresAt !== null) {
    const seconds = Math.floor(form.expiresAt / 1000)
    if (seconds !== loaded.expired_time) changes.expired_time = seconds
  }
  if (form.unlimited !== loaded.unlimited_quota) changes.unlimited_quota = form.unlimited
  if (form.modelLimitsEnabled !== loaded.model_limits_enabled)
    changes.model_limits_enabled = form.modelLimitsEnabled
  const models = form.models.join(',')
  if (normalizeNameList(models) !== normalizeNameList(loaded.model_limits)) changes.model_limits = models
  if (normalizeIpList(form.allowIps) !== normalizeIpList(loaded.allow_ips)) changes.allow_ips = form.allowIps
  if (normalizeNameList(form.group) !== normalizeNameList(loaded.group)) changes.group = form.group
  if (form.crossGroupRetry !== loaded.cross_group_retry) changes.cross_group_retry = form.crossGroupRetry
  // The order is the point of this list: compared as it stands, not sorted.
  const autoGroups = form.autoGroups.join(',')
  if (autoGroups !== splitNameList(loaded.auto_groups).join(',')) changes.auto_groups = autoGroups

  // The quota travels as "set to X" only when the user changed the amount (a kept draft's own intent,
  // "add Y" say, stays as it was otherwise); an unlimited token's quota is not enforced, so an amount
  // edited before switching to unlimited is dropped. Turning an unlimited token into a limited one
  // always sends the amount shown: an unlimited token's stored quota keeps counting down unenforced.
  let quota: QuotaIntent | null = null
  const becomesLimited = loaded.unlimited_quota
  if (!form.unlimited && form.quotaMode === 'add' && !becomesLimited) {
    // "Add Y" goes onto the quota the server holds when it is sent (usage meanwhile is kept).
    const delta = form.delta === null ? 0 : amountToQuota(form.delta, context.facts)
    if (delta !== 0) quota = { mode: 'add', delta }
  } else if (!form.unlimited && form.amount !== null) {
    if (form.amount !== context.shownAmount || becomesLimited)
      quota = { mode: 'set', value: amountToQuota(form.amount, context.facts) }
    else quota = context.shownQuota?.mode === 'set' ? context.shownQuota : null
  }
  return { changes: changes as TokenChanges, quota, wantStatus: wantedStatus(form, changes, quota, context) }
}

/**
 * Enable or disable when the switch differs from the base. A token the server stored as expired or
 * exhausted (3, 4) is enabled again only when the edit revives it (reviving is the update, then the
 * enable) — a mere rename must not ask the server for an enable it would refuse.
 */
function wantedStatus(
  form: TokenForm,
  changes: Record<string, unknown>,
  quota: QuotaIntent | null,
  context: FormContext,
): 1 | 2 | null {
  const status = context.base.status
  if (!form.enabled) return status === TOKEN_STATUS.disabled ? null : TOKEN_STATUS.disabled
  if (status === TOKEN_STATUS.disabled) return TOKEN_STATUS.enabled
  // A token seen as usable needs no enable. One seen as expired or exhausted may be stored as 3/4 by
  // now even when the row shown still says 1 (the server marks it when the key is next used): an edit
  // that revives it asks for the enable too, which the sync sends only if the server still needs it.
  if (effectiveStatus(context.base, context.nowSeconds) === 'enabled') return null
  const after = {
    ...editableOf(context.base),
    ...changes,
    remain_quota: applyQuotaIntent(context.base.remain_quota, quota),
  }
  return effectiveStatus({ ...after, status: TOKEN_STATUS.enabled }, context.nowSeconds) === 'enabled'
    ? TOKEN_STATUS.enabled
    : null
}

/**
 * What stops the quota's amount before the shared rules see it: text that reads as no amount (in either
 * mode: an add of "1O" is no add of nothing), or no amount where one is needed.
 */
function amountIssue(form: TokenForm, needsAmount: boolean): FieldIssue | null {
  if (form.unlimited) return null
  if (form.unreadableAmount !== null)
    return { path: 'remain_quota', key: 'quota.unreadable', params: { text: form.unreadableAmount } }
  return needsAmount && form.amount === null ? { path: 'remain_quota', key: 'quota.required' } : null
}

export interface PlanOptions {
  /** Formats a quota for the "too large" message; raw numbers otherwise. */
  formatQuota?: (quota: number) => string
}

/** The form's edit, checked with the shared rules: what is sent, or the issues that stop it. */
export function planSave(
  form: TokenForm,
  context: FormContext,
  options: PlanOptions = {},
): { ok: true; edit: FormEdit } | { ok: false; issues: FieldIssue[] } {
  const edit = formEdit(form, context)
  const issues: FieldIssue[] = []
  if (!form.neverExpires && form.expiresAt === null)
    issues.push({ path: 'expired_time', key: 'expiry.required' })
  const amount = amountIssue(form, form.quotaMode === 'set')
  if (amount) issues.push(amount)
  const rules = {
    nowSeconds: context.nowSeconds,
    maxQuota: maxRemainQuota(context.facts),
    maxNameBytes: context.facts.maxNameBytes,
  }
  const checked = checkEdit(editableOf(context.base), edit, rules)
  if (!checked.ok) {
    for (const issue of checked.issues) {
      if (issues.some((known) => known.path === issue.path)) continue
      const max =
        issue.key === 'quota.tooLarge' && options.formatQuota
          ? options.formatQuota(rules.maxQuota)
          : undefined
      issues.push(max === undefined ? issue : { ...issue, params: { ...issue.params, max } })
    }
  }
  if (issues.length > 0) return { ok: false, issues }
  if (!checked.ok) return { ok: false, issues: checked.issues }
  return { ok: true, edit: { ...checked.edit, wantStatus: edit.wantStatus } }
}

export function isEmptyFormEdit(edit: FormEdit): boolean {
  return isEmptyEdit(edit) && edit.wantStatus === null
}

/** The form of a new token: what a new token starts from, enabled. */
export const NEW_TOKEN_BASE: Omit<DraftBase, 'id'> = { ...NEW_TOKEN_FIELDS, status: TOKEN_STATUS.enabled }

export interface CreatePlan {
  fields: Required<TokenChanges>
  remainQuota: number
  /** One name per token to create: the name as typed, or numbered for several (batch-names.ts). */
  names: string[]
}

/**
 * Every field of a new token from the form, unchecked (what a held create keeps). `existingNames`: the
 * server's token names, so that numbered names continue after those already there.
 */
export function createFields(
  form: TokenForm,
  facts: ServerFacts,
  existingNames: readonly string[] = [],
): CreatePlan {
  return {
    names: batchNames(form.name, form.quantity, existingNames),
    fields: {
      name: form.name,
      expired_time:
        form.neverExpires || form.expiresAt === null ? NEVER_EXPIRES : Math.floor(form.expiresAt / 1000),
      unlimited_quota: form.unlimited,
      model_limits_enabled: form.modelLimitsEnabled,
      model_limits: form.models.join(','),
      allow_ips: form.allowIps,
      group: form.group,
      cross_group_retry: form.crossGroupRetry,
      auto_groups: form.autoGroups.join(','),
    },
    remainQuota: form.unlimited || form.amount === null ? 0 : amountToQuota(form.amount, facts),
  }
}

/** A new token's fields checked as main checks them (a change of every field from an empty unlimited token). */
export function planCreate(
  form: TokenForm,
  facts: ServerFacts,
  nowSeconds: number,
  existingNames: readonly string[] = [],
): { ok: true; plan: CreatePlan } | { ok: false; issues: FieldIssue[] } {
  const plan = createFields(form, facts, existingNames)
  const issues: FieldIssue[] = []
  if (!Number.isInteger(form.quantity) || form.quantity < 1 || form.quantity > MAX_BATCH)
    issues.push({ path: 'quantity', key: 'quantity.range', params: { max: MAX_BATCH } })
  // Every name of a batch must fit: the longest (the highest number) is checked in place of the name.
  const longest = plan.names.reduce((a, b) => (utf8Bytes(b) >= utf8Bytes(a) ? b : a), plan.names[0] ?? '')
  const numbered = plan.names.length > 1
  if (!form.neverExpires && form.expiresAt === null)
    issues.push({ path: 'expired_time', key: 'expiry.required' })
  const amount = amountIssue(form, true)
  if (amount) issues.push(amount)
  const quota: QuotaIntent | null = form.unlimited ? null : { mode: 'set', value: plan.remainQuota }
  const checked = checkEdit(
    editableOf(NEW_TOKEN_BASE),
    { changes: { ...plan.fields, name: numbered && form.name.trim() ? longest : form.name }, quota },
    { nowSeconds, maxQuota: maxRemainQuota(facts), maxNameBytes: facts.maxNameBytes },
  )
  if (!checked.ok)
    for (const issue of checked.issues) {
      if (issues.some((i) => i.path === issue.path)) continue
      const batchTooLong = numbered && issue.path === 'name' && issue.key === 'name.tooLong'
      issues.push(
        batchTooLong ? { ...issue, key: 'name.tooLongBatch', params: { ...issue.params, longest } } : issue,
      )
    }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan }
}
