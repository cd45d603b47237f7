import type { BoundToken } from './bind-token-body'
import type { ModeFeatures } from './mode-features'
import type { StoredToken } from './stored-token'

// Rules create and update share (newapi-behaviour.md §4, §6): the checks run before the database is
// touched, the status numbers, and what "expired" and "exhausted" mean on a stored row.

export const STATUS_ENABLED = 1
export const STATUS_DISABLED = 2
export const STATUS_EXPIRED = 3
export const STATUS_EXHAUSTED = 4

export const isExpired = (row: StoredToken, now: number) => row.expired_time !== -1 && row.expired_time <= now
export const isExhausted = (row: StoredToken) => !row.unlimited_quota && row.remain_quota <= 0

/** Name length, then quota bounds when limited — upstream's order. Returns the failure message or null. */
export function checkNameAndQuota(
  token: BoundToken,
  features: ModeFeatures,
  quotaPerUnit: number,
): string | null {
  if (Buffer.byteLength(token.name, 'utf8') > features.maxNameBytes) return '令牌名称过长'
  if (!token.unlimited_quota) {
    if (token.remain_quota < 0) return '额度值不能为负数'
    const max = 1_000_000_000 * quotaPerUnit
    if (token.remain_quota > max) return `额度值超出有效范围，最大值为 ${BigInt(Math.trunc(max))}`
  }
  return null
}

/**
 * Upstream strips spaces and commas when it reads the list (at key use); the sandbox does it on save so
 * a client sees exactly which entries the server will act on.
 */
export function cleanAllowIps(text: string | null): string | null {
  if (text === null) return null
  return text
    .split('\n')
    .map((line) => line.replace(/[ ,]/g, ''))
    .join('\n')
}
