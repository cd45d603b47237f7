import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { type Token } from '@shared/domain/token'
import { NEVER_EXPIRES, TOKEN_STATUS } from '@shared/domain/token-values'

// Table rows for the filter and sort tests: an ordinary token (enabled, limited, never expiring, no
// restrictions) with only the fields a test is about changed.

export const NOW = 1_800_000_000
export const DAY = 86_400

export function tokenWith(fields: Partial<Token>): Token {
  return {
    id: 1,
    key: 'sk01**********1111',
    status: TOKEN_STATUS.enabled,
    name: 'token',
    created_time: NOW - 10 * DAY,
    accessed_time: 0,
    expired_time: NEVER_EXPIRES,
    remain_quota: 500_000,
    unlimited_quota: false,
    used_quota: 0,
    model_limits_enabled: false,
    model_limits: '',
    allow_ips: '',
    group: '',
    ...fields,
  }
}

export function rowWith(
  fields: Partial<Token>,
  options: { drafts?: number; creating?: boolean } = {},
): OverlaidRow {
  const drafts = options.drafts ?? 0
  return {
    token: tokenWith(fields),
    drafts: Array.from({ length: drafts }) as OverlaidRow['drafts'],
    state: drafts > 0 ? 'pending' : null,
    deleting: false,
    creating: options.creating ?? false,
  }
}
