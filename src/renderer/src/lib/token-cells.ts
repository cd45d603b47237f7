import { dateFormat, formatRelative } from '@shared/domain/formatters'
import type { Token } from '@shared/domain/token'
import { NEVER_EXPIRES } from '@shared/domain/token-values'

// What the date and quota cells of the token table show, as plain text (cells are plain elements:
// the table renders a few hundred of them on every scroll, sort and filter).

export interface WhenText {
  /** "in 3 days", "2 hours ago". */
  relative: string
  /** The date and time itself. */
  absolute: string
}

export function formatDate(seconds: number, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium' }).format(seconds * 1000)
}

export function whenText(seconds: number, nowSeconds: number, locale: string): WhenText {
  return {
    relative: formatRelative(seconds, nowSeconds, locale),
    absolute: dateFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(seconds * 1000),
  }
}

/** When the token stops working, or null when it never expires. */
export function expiryText(token: Pick<Token, 'expired_time'>, nowSeconds: number, locale: string) {
  return token.expired_time === NEVER_EXPIRES ? null : whenText(token.expired_time, nowSeconds, locale)
}

/**
 * How much of what the token had is left, 0–1: remaining against remaining + used (the server keeps no
 * "initial quota"; this is what the stock UI's bar shows too). Null when there is nothing to compare.
 */
export function remainingShare(token: Pick<Token, 'remain_quota' | 'used_quota' | 'unlimited_quota'>) {
  if (token.unlimited_quota) return null
  const remaining = Math.max(0, token.remain_quota)
  const total = remaining + Math.max(0, token.used_quota)
  return total > 0 ? remaining / total : null
}
