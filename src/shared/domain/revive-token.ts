import { effectiveStatus } from './effective-status'
import type { QuotaIntent } from './quota-intent'
import type { Token, TokenChanges } from './token'
import { TOKEN_STATUS } from './token-values'

// Reviving a token that expired or ran out of quota, as one action: the edit that makes it usable again
// and enables it. The server refuses to enable a token it stored as expired or exhausted, so the sync
// sends this as the full update first and the status-only enable after it (drafts/sync-draft.ts); this
// only decides what the edit is. Used by the editor's "Revive" and the token table's row action.
//
// Choices, so one click does something the owner can predict and nothing more:
// - Expired → expires REVIVE_DAYS days from now. Not "never": the owner gave it an end date once, and
//   silently removing the limit would widen what the key may do. 30 days is the stock UI's longest
//   preset; the editor shows the new date, and the owner can change it before or after.
// - Exhausted → quota set to what it has used so far (`used_quota`): the allowance it had before running
//   out, for a token that was refilled before once that is its last refill too. A token that has used
//   nothing (created with no quota) gets one display unit's worth (quota_per_unit: $1 by default). Set,
//   not add: a token that ran out may stand below zero, and "add" would inherit that.
// - Both at once when both apply; disabled tokens are not revived (the owner switched them off: that is
//   "Enable"), and a usable token needs nothing.

export const REVIVE_DAYS = 30

export type ReviveReason = 'expired' | 'exhausted'

export interface RevivePlan {
  reasons: ReviveReason[]
  changes: TokenChanges
  quota: QuotaIntent | null
  wantStatus: typeof TOKEN_STATUS.enabled
}

/** A token or a draft's view of one (which does not carry `used_quota`: then it counts as 0). */
type Revivable = Pick<Token, 'status' | 'expired_time' | 'unlimited_quota' | 'remain_quota'> & {
  used_quota?: number
}

export function isRevivable(token: Revivable, nowSeconds: number): boolean {
  const status = effectiveStatus(token, nowSeconds)
  return status === 'expired' || status === 'exhausted'
}

/** What reviving `token` takes at `nowSeconds`; null when it is disabled or already usable. */
export function reviveToken(token: Revivable, nowSeconds: number, quotaPerUnit: number): RevivePlan | null {
  if (!isRevivable(token, nowSeconds)) return null
  const reasons: ReviveReason[] = []
  const changes: TokenChanges = {}
  let quota: QuotaIntent | null = null
  // The stored status may say expired/exhausted while the fields no longer do (edited since): then only
  // the enable is left, and effectiveStatus already told that apart.
  if (token.expired_time !== -1 && token.expired_time <= nowSeconds) {
    reasons.push('expired')
    changes.expired_time = nowSeconds + REVIVE_DAYS * 86_400
  }
  if (!token.unlimited_quota && token.remain_quota <= 0) {
    reasons.push('exhausted')
    const used = token.used_quota ?? 0
    quota = { mode: 'set', value: used > 0 ? used : Math.round(quotaPerUnit) }
  }
  if (reasons.length === 0) reasons.push(token.status === TOKEN_STATUS.exhausted ? 'exhausted' : 'expired')
  return { reasons, changes, quota, wantStatus: TOKEN_STATUS.enabled }
}
