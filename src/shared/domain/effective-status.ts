import type { Token } from './token'
import { TOKEN_STATUS, NEVER_EXPIRES } from './token-values'

// Servers only update `status` when a key is used (and never with Redis), so the stored status lies.
// The client computes what is really true now (docs/newapi-behaviour.md §4).

export type EffectiveStatus = 'enabled' | 'disabled' | 'expired' | 'exhausted'

export function effectiveStatus(
  token: Pick<Token, 'status' | 'expired_time' | 'unlimited_quota' | 'remain_quota'>,
  nowSeconds: number,
): EffectiveStatus {
  if (token.status === TOKEN_STATUS.disabled) return 'disabled'
  if (token.expired_time !== NEVER_EXPIRES && token.expired_time <= nowSeconds) return 'expired'
  if (!token.unlimited_quota && token.remain_quota <= 0) return 'exhausted'
  if (token.status === TOKEN_STATUS.expired) return 'expired'
  if (token.status === TOKEN_STATUS.exhausted) return 'exhausted'
  return 'enabled'
}
