import { bindTokenBody, type BoundToken } from './bind-token-body'
import type { ModeFeatures } from './mode-features'
import { fail, ok, type Reply } from './reply'
import { isModelField, publicToken, type StoredToken } from './stored-token'
import {
  checkNameAndQuota,
  cleanAllowIps,
  isExhausted,
  isExpired,
  STATUS_ENABLED,
  STATUS_EXHAUSTED,
  STATUS_EXPIRED,
} from './token-rules'
import type { TokenStore } from './token-store'

// PUT /api/token/ — a full replace with no version check (newapi-behaviour.md §6), and its
// `?status_only=` variant. The order of checks is upstream's: bind, name, quota, look-up, enable rules.

export interface UpdateContext {
  features: ModeFeatures
  store: TokenStore
  userId: number
  quotaPerUnit: number
  nowSeconds: number
}

export const ENABLE_EXPIRED_MESSAGE = '令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期'
export const ENABLE_EXHAUSTED_MESSAGE =
  '令牌可用额度已用尽，无法启用，请先修改令牌剩余额度，或者设置为无限额度'

/**
 * Enabling is judged on the *stored* row, so reviving takes two calls: fix expiry/quota with a full
 * update, then enable with status_only. For status_only the sandbox refuses whenever the stored row is
 * expired or exhausted (the rule TokenDesk must cope with). A full update only refuses when the stored
 * status already says 3/4, as upstream does — so echoing a fresh token's own status never trips it.
 */
function enableRefusal(row: StoredToken, statusOnly: boolean, now: number): string | null {
  const expiredGate = statusOnly || row.status === STATUS_EXPIRED
  const exhaustedGate = statusOnly || row.status === STATUS_EXHAUSTED
  if (expiredGate && isExpired(row, now)) return ENABLE_EXPIRED_MESSAGE
  if (exhaustedGate && isExhausted(row)) return ENABLE_EXHAUSTED_MESSAGE
  return null
}

function applyFullUpdate(
  row: StoredToken,
  token: BoundToken,
  body: Record<string, unknown>,
  features: ModeFeatures,
): void {
  row.name = token.name
  row.expired_time = token.expired_time
  row.remain_quota = token.remain_quota
  row.unlimited_quota = token.unlimited_quota
  row.model_limits_enabled = token.model_limits_enabled
  row.model_limits = token.model_limits
  row.allow_ips = cleanAllowIps(token.allow_ips)
  row.group = token.group
  if (features.crossGroupRetry) row.cross_group_retry = token.cross_group_retry
  if (token.auto_groups !== undefined)
    row.auto_groups = token.auto_groups?.length ? [...token.auto_groups] : null
  // A reseller fork stores its own columns from the body; ones the body leaves out keep their value.
  for (const [field, value] of Object.entries(body)) {
    if (!isModelField(field, features)) row[field] = structuredClone(value)
  }
}

export function updateToken(raw: string, parsed: unknown, statusOnly: boolean, ctx: UpdateContext): Reply {
  const bound = bindTokenBody(raw, parsed, ctx.features)
  if (!bound.ok) return fail(bound.message)
  const { token, body } = bound
  const invalid = checkNameAndQuota(token, ctx.features, ctx.quotaPerUnit)
  if (invalid) return fail(invalid)
  if (token.id === 0) return fail('id 或 userId 为空！')
  const row = ctx.store.find(token.id, ctx.userId)
  if (!row) return fail('record not found')
  if (token.status === STATUS_ENABLED) {
    const refusal = enableRefusal(row, statusOnly, ctx.nowSeconds)
    if (refusal) return fail(refusal)
  }
  // Status is never touched by a full update; status_only stores any number, unvalidated.
  if (statusOnly) row.status = token.status
  else applyFullUpdate(row, token, body, ctx.features)
  return ok(publicToken(row, ctx.features))
}
