import { describe, expect, it } from 'vitest'
import { effectiveStatus } from '../../src/shared/domain/effective-status'
import { applyQuotaIntent } from '../../src/shared/domain/quota-intent'
import { REVIVE_DAYS, reviveToken } from '../../src/shared/domain/revive-token'
import { TOKEN_STATUS } from '../../src/shared/domain/token-values'

// Reviving an expired or exhausted token: the changes, then an enable; the result is a usable token.

const now = 1_800_000_000
const PER_UNIT = 500_000
type Row = {
  status: number
  expired_time: number
  unlimited_quota: boolean
  remain_quota: number
  used_quota: number
}
const usable: Row = {
  status: TOKEN_STATUS.enabled,
  expired_time: -1,
  unlimited_quota: false,
  remain_quota: 1_000_000,
  used_quota: 4_000_000,
}

function revived(token: Row) {
  const plan = reviveToken(token, now, PER_UNIT)
  if (!plan) throw new Error('not revivable')
  return {
    plan,
    after: {
      ...token,
      ...plan.changes,
      remain_quota: applyQuotaIntent(token.remain_quota, plan.quota),
      status: plan.wantStatus,
    },
  }
}

describe('reviveToken', () => {
  it('gives an expired token 30 days from now and enables it, quota untouched', () => {
    const { plan, after } = revived({ ...usable, expired_time: now - 60, status: TOKEN_STATUS.expired })
    expect(plan).toEqual({
      reasons: ['expired'],
      changes: { expired_time: now + REVIVE_DAYS * 86_400 },
      quota: null,
      wantStatus: TOKEN_STATUS.enabled,
    })
    expect(effectiveStatus(after, now)).toBe('enabled')
  })

  it('refills an exhausted token with what it has used, or one unit when it used nothing', () => {
    const exhausted = { ...usable, remain_quota: -1200, status: TOKEN_STATUS.exhausted }
    expect(revived(exhausted).plan.quota).toEqual({ mode: 'set', value: 4_000_000 })
    expect(revived({ ...exhausted, used_quota: 0 }).plan.quota).toEqual({ mode: 'set', value: PER_UNIT })
    expect(effectiveStatus(revived(exhausted).after, now)).toBe('enabled')
  })

  it('does both when both apply, even with the stored status still saying enabled', () => {
    const { plan, after } = revived({ ...usable, expired_time: now, remain_quota: 0 })
    expect(plan.reasons).toEqual(['expired', 'exhausted'])
    expect(effectiveStatus(after, now)).toBe('enabled')
  })

  it('leaves disabled and usable tokens alone', () => {
    expect(reviveToken(usable, now, PER_UNIT)).toBeNull()
    expect(reviveToken({ ...usable, unlimited_quota: true, remain_quota: -5 }, now, PER_UNIT)).toBeNull()
    expect(
      reviveToken({ ...usable, status: TOKEN_STATUS.disabled, expired_time: 1 }, now, PER_UNIT),
    ).toBeNull()
  })
})
