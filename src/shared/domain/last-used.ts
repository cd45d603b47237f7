import type { Token } from './token'

/**
 * When the token's key was last used, in unix seconds; null when it never was. new-api stamps
 * `accessed_time` with the creation time when it creates a token, so a token whose access time is its
 * creation time and that has used nothing has never been used (it read "now", then "1 minute ago").
 */
export function lastUsedAt(
  token: Pick<Token, 'accessed_time' | 'created_time' | 'used_quota'>,
): number | null {
  if (token.accessed_time <= 0) return null
  if (token.accessed_time <= token.created_time && token.used_quota === 0) return null
  return token.accessed_time
}
