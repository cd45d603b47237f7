import type { BoundToken } from './bind-token-body'
import type { ModeFeatures } from './mode-features'
import type { StoredToken } from './stored-token'

// Rules create and update share (docs/newapi-behaviour.md §4, §6): the checks run before the database is
// touched, the status numbers, and what "expired" and "exhausted" mean on a stored row.

export const STATUS_ENABLED = 1
export const STATUS_EXPIRED = 3
export const STATUS_EXHAUSTED = 4

export const isExpired = (row: StoredToken, now: number) => row.expired_time !== -1 && row.expired_time <= now
export const isExhausted = (row: StoredToken) => !row.unlimited_quota && row.remain_quota <= 0

/**
 * Name length (`len(token.Name)`, bytes), then — since 2025-12-29 — the quota bounds of a limited token,
 * in upstream's order. Returns the failure message or null.
 */
export function checkNameAndQuota(
  token: BoundToken,
  features: ModeFeatures,
  quotaPerUnit: number,
): string | null {
  if (Buffer.byteLength(token.name, 'utf8') > features.maxNameBytes) return '令牌名称过长'
  if (features.quotaRangeChecks && !token.unlimited_quota) {
    if (token.remain_quota < 0) return '额度值不能为负数'
    const max = 1_000_000_000 * quotaPerUnit
    if (token.remain_quota > max) return `额度值超出有效范围，最大值为 ${BigInt(Math.trunc(max))}`
  }
  return null
}

const ENABLE_EXPIRED_MESSAGE = '令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期'
const ENABLE_EXHAUSTED_MESSAGE = '令牌可用额度已用尽，无法启用，请先修改令牌剩余额度，或者设置为无限额度'

/**
 * Asking for status 1 — by status_only or inside a full update — is refused only when the *stored*
 * status already says expired (3) and the stored expiry is past, or exhausted (4) and the stored quota
 * is spent (controller/token.go UpdateToken). A row whose status is still 1 or 2 is never refused, even
 * when it is expired or exhausted: servers with Redis never store 3/4, so they accept those enables.
 */
export function enableRefusal(row: StoredToken, now: number): string | null {
  if (row.status === STATUS_EXPIRED && isExpired(row, now)) return ENABLE_EXPIRED_MESSAGE
  if (row.status === STATUS_EXHAUSTED && isExhausted(row)) return ENABLE_EXHAUSTED_MESSAGE
  return null
}
