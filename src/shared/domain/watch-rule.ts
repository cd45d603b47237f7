import type { Token } from './token'
import { NEVER_EXPIRES, TOKEN_STATUS } from './token-values'
import type { WatchSettings } from './watch-settings'

// Which tokens need the operator soon (the Watch): pure, so main (which announces) and tests share it.
// - expired: past its expiry (or stored as expired by the server) yet not switched off by the user — keys
//   in use somewhere now fail, which is the most urgent reason of all;
// - expiring: expires within the look-ahead;
// - low: a limited token with less remaining quota than the amount (exhausted ones included).
// A token the user disabled is left out: it was switched off on purpose. Unlimited tokens are never low.

export const WATCH_REASONS = ['expired', 'expiring', 'low'] as const
export type WatchReason = (typeof WATCH_REASONS)[number]

export interface WatchEntry {
  tokenId: number
  name: string
  reasons: WatchReason[]
  /** Unix seconds, or -1 (never). */
  expiredTime: number
  /** Quota units; null for an unlimited token. */
  remainQuota: number | null
}

const DAY_SECONDS = 86_400

export function watchReasons(
  token: Pick<Token, 'status' | 'expired_time' | 'unlimited_quota' | 'remain_quota'>,
  settings: WatchSettings,
  nowSeconds: number,
): WatchReason[] {
  if (!settings.enabled || token.status === TOKEN_STATUS.disabled) return []
  const reasons: WatchReason[] = []
  const expires = token.expired_time !== NEVER_EXPIRES
  if (token.status === TOKEN_STATUS.expired || (expires && token.expired_time <= nowSeconds)) {
    reasons.push('expired')
  } else if (
    expires &&
    settings.expiresWithinDays !== null &&
    token.expired_time - nowSeconds <= settings.expiresWithinDays * DAY_SECONDS
  ) {
    reasons.push('expiring')
  }
  if (
    !token.unlimited_quota &&
    settings.remainingBelow !== null &&
    token.remain_quota < settings.remainingBelow
  )
    reasons.push('low')
  return reasons
}

/** The tokens to watch, soonest expiry first (tokens that never expire after, by remaining quota). */
export function watchList(
  tokens: readonly Token[],
  settings: WatchSettings,
  nowSeconds: number,
): WatchEntry[] {
  const entries: WatchEntry[] = []
  for (const token of tokens) {
    const reasons = watchReasons(token, settings, nowSeconds)
    if (reasons.length === 0) continue
    entries.push({
      tokenId: token.id,
      name: token.name,
      reasons,
      expiredTime: token.expired_time,
      remainQuota: token.unlimited_quota ? null : token.remain_quota,
    })
  }
  const expiry = (entry: WatchEntry) => (entry.expiredTime === NEVER_EXPIRES ? Infinity : entry.expiredTime)
  return entries.sort(
    (a, b) =>
      expiry(a) - expiry(b) ||
      (a.remainQuota ?? Infinity) - (b.remainQuota ?? Infinity) ||
      a.tokenId - b.tokenId,
  )
}

/** One key per token and reason: what "announced once" counts ("12:low"). */
export function watchKeys(entries: readonly WatchEntry[]): string[] {
  return entries.flatMap((entry) => entry.reasons.map((reason) => `${entry.tokenId}:${reason}`))
}
