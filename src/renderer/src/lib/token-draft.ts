import { normalizeIpList } from '@shared/domain/ip-list'
import { normalizeNameList, splitNameList } from '@shared/domain/name-list'
import type { QuotaIntent } from '@shared/domain/quota-intent'
import { amountToQuota, maxRemainQuota, moneyUnit, quotaToAmount } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import { editableOf, NEVER_EXPIRES, type Token, type TokenChanges } from '@shared/domain/token'
import { modelWhitelistIssue, remainQuotaRule, tokenChangesSchema } from '@shared/domain/token-fields'
import type { FieldIssue } from '@shared/result'
import { issuesFromZod } from '@renderer/composables/field-issues'

// The token editor's form state and the one rule that matters most: save only what the user changed.
// PUT /api/token/ is a full replace, and usage lowers the quota while the editor is open, so an untouched
// field must not be sent back — least of all the quota (docs/newapi-behaviour.md §6, "the lost update").

export interface TokenDraft {
  name: string
  /** Remaining quota in the server's display unit (money, or raw units for TOKENS); null = cleared. */
  amount: number | null
  unlimited: boolean
  neverExpires: boolean
  /** Expiry as Unix milliseconds (what the date picker speaks); ignored while `neverExpires`. */
  expiresAt: number | null
  modelLimitsEnabled: boolean
  models: string[]
  /** One IP or CIDR per line, as typed. */
  allowIps: string
  /** Comma-separated group names, as typed. */
  group: string
}

export interface SavePlan {
  changes: TokenChanges
  quota: QuotaIntent | null
}

/** The amount shown for a quota; rounded so that showing and reading back the same number is a no-op. */
export function displayAmount(quota: number, facts: ServerFacts): number {
  if (moneyUnit(facts).symbol === null) return quota
  return Math.round(quotaToAmount(quota, facts) * 1e6) / 1e6
}

export function draftFromToken(token: Token, facts: ServerFacts): TokenDraft {
  const loaded = editableOf(token)
  return {
    name: loaded.name,
    amount: displayAmount(loaded.remain_quota, facts),
    unlimited: loaded.unlimited_quota,
    neverExpires: loaded.expired_time === NEVER_EXPIRES,
    expiresAt: loaded.expired_time === NEVER_EXPIRES ? null : loaded.expired_time * 1000,
    modelLimitsEnabled: loaded.model_limits_enabled,
    models: splitNameList(loaded.model_limits),
    allowIps: loaded.allow_ips,
    group: loaded.group,
  }
}

export interface PlanOptions {
  nowSeconds: number
  /** Formats a quota for the "too large" message; raw numbers otherwise. */
  formatQuota?: (quota: number) => string
}

/**
 * Compares the draft with the token as it was loaded and returns only the real changes, validated with
 * the shared field rules — or the field issues that stop the save. Fields are compared after the same
 * normalisation the server-bound value gets, so merely opening and closing a field is not a change.
 */
export function planSave(
  token: Token,
  draft: TokenDraft,
  facts: ServerFacts,
  options: PlanOptions,
): { ok: true; plan: SavePlan } | { ok: false; issues: FieldIssue[] } {
  const loaded = editableOf(token)
  const issues: FieldIssue[] = []
  const raw: Record<string, unknown> = {}

  if (draft.name.trim() !== loaded.name.trim()) raw.name = draft.name
  if (draft.neverExpires) {
    if (loaded.expired_time !== NEVER_EXPIRES) raw.expired_time = NEVER_EXPIRES
  } else if (draft.expiresAt === null) {
    issues.push({ path: 'expired_time', key: 'expiry.required' })
  } else {
    const seconds = Math.floor(draft.expiresAt / 1000)
    if (seconds !== loaded.expired_time) raw.expired_time = seconds
  }
  if (draft.unlimited !== loaded.unlimited_quota) raw.unlimited_quota = draft.unlimited
  if (draft.modelLimitsEnabled !== loaded.model_limits_enabled)
    raw.model_limits_enabled = draft.modelLimitsEnabled
  const models = draft.models.join(',')
  if (normalizeNameList(models) !== normalizeNameList(loaded.model_limits)) raw.model_limits = models
  if (normalizeIpList(draft.allowIps) !== normalizeIpList(loaded.allow_ips)) raw.allow_ips = draft.allowIps
  if (normalizeNameList(draft.group) !== normalizeNameList(loaded.group)) raw.group = draft.group

  const rules = { nowSeconds: options.nowSeconds, maxQuota: maxRemainQuota(facts) }
  const parsed = tokenChangesSchema(rules).safeParse(raw)
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error))

  // Checked on what would be saved, not on the change alone: enabling the whitelist with an empty
  // list, or emptying the list of an enabled whitelist, both block every model.
  const whitelist = modelWhitelistIssue({
    model_limits_enabled: draft.modelLimitsEnabled,
    model_limits: models,
  })
  if (whitelist) issues.push({ path: 'model_limits', key: whitelist })

  // The quota travels as "set to X" only when the user changed the amount; an unlimited token's quota
  // is not enforced, so an amount edited before switching to unlimited is dropped.
  // Turning an unlimited token into a limited one always sends the amount the user sees: an unlimited
  // token's stored quota keeps counting down unenforced, so "keep the server's value" means nothing.
  let quota: QuotaIntent | null = null
  const becomesLimited = loaded.unlimited_quota && !draft.unlimited
  if (!draft.unlimited && (becomesLimited || draft.amount !== displayAmount(loaded.remain_quota, facts))) {
    if (draft.amount === null) {
      issues.push({ path: 'remain_quota', key: 'quota.required' })
    } else {
      const value = amountToQuota(draft.amount, facts)
      const checked = remainQuotaRule(rules).safeParse(value)
      if (checked.success) quota = { mode: 'set', value }
      else {
        const max = options.formatQuota ? options.formatQuota(rules.maxQuota) : rules.maxQuota
        issues.push(
          ...issuesFromZod(checked.error).map((issue) => ({
            ...issue,
            path: 'remain_quota',
            params: { ...issue.params, max },
          })),
        )
      }
    }
  }

  if (issues.length > 0 || !parsed.success) return { ok: false, issues }
  return { ok: true, plan: { changes: parsed.data, quota } }
}

export function isEmptyPlan(plan: SavePlan): boolean {
  return plan.quota === null && Object.keys(plan.changes).length === 0
}
