import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Token } from '../../src/shared/domain/token'
import { watchKeys, watchList, watchReasons } from '../../src/shared/domain/watch-rule'
import { watchSettingsOf, type WatchSettings } from '../../src/shared/domain/watch-settings'

const now = 1_800_000_000
const DAY = 86_400
const settings: WatchSettings = { enabled: true, expiresWithinDays: 7, remainingBelow: 2_500_000 }
const row = (patch: Partial<Token> = {}): Token => ({
  id: 1,
  key: '',
  status: 1,
  name: 'team',
  created_time: 0,
  accessed_time: 0,
  expired_time: -1,
  remain_quota: 10_000_000,
  unlimited_quota: false,
  used_quota: 0,
  model_limits_enabled: false,
  model_limits: '',
  allow_ips: '',
  group: '',
  ...patch,
})

describe('watch rule', () => {
  it('names why a token needs the operator: expired, expiring within the days, low on quota', () => {
    expect(watchReasons(row(), settings, now)).toEqual([])
    expect(watchReasons(row({ expired_time: now + 7 * DAY }), settings, now)).toEqual(['expiring'])
    expect(watchReasons(row({ expired_time: now + 7 * DAY + 1 }), settings, now)).toEqual([])
    expect(watchReasons(row({ expired_time: now }), settings, now)).toEqual(['expired'])
    expect(watchReasons(row({ status: 3, expired_time: now + DAY * 100 }), settings, now)).toEqual([
      'expired',
    ])
    expect(watchReasons(row({ remain_quota: 2_499_999 }), settings, now)).toEqual(['low'])
    expect(watchReasons(row({ remain_quota: 2_500_000 }), settings, now)).toEqual([])
    expect(watchReasons(row({ remain_quota: 0, expired_time: now + DAY }), settings, now)).toEqual([
      'expiring',
      'low',
    ])
  })

  it('leaves out tokens the user disabled, unlimited ones from "low", and checks that are switched off', () => {
    expect(watchReasons(row({ status: 2, expired_time: now - 1, remain_quota: 0 }), settings, now)).toEqual(
      [],
    )
    expect(watchReasons(row({ unlimited_quota: true, remain_quota: -5 }), settings, now)).toEqual([])
    const expiryOnly = { ...settings, remainingBelow: null }
    expect(watchReasons(row({ remain_quota: 0 }), expiryOnly, now)).toEqual([])
    const quotaOnly = { ...settings, expiresWithinDays: null }
    expect(watchReasons(row({ expired_time: now + 60 }), quotaOnly, now)).toEqual([])
    // An expired token is expired whatever the look-ahead says.
    expect(watchReasons(row({ expired_time: now - 60 }), quotaOnly, now)).toEqual(['expired'])
    expect(watchReasons(row({ expired_time: now - 60 }), { ...settings, enabled: false }, now)).toEqual([])
  })

  it('lists the soonest expiry first, then the lowest remaining, with one key per token and reason', () => {
    const tokens = [
      row({ id: 1, remain_quota: 100 }),
      row({ id: 2, expired_time: now + 3 * DAY }),
      row({ id: 3, expired_time: now - DAY, remain_quota: 5 }),
      row({ id: 4, remain_quota: 50 }),
      row({ id: 5 }),
    ]
    const list = watchList(tokens, settings, now)
    expect(list.map((entry) => entry.tokenId)).toEqual([3, 2, 4, 1])
    expect(list[0]).toEqual({
      tokenId: 3,
      name: 'team',
      reasons: ['expired', 'low'],
      expiredTime: now - DAY,
      remainQuota: 5,
    })
    expect(watchKeys(list)).toEqual(['3:expired', '3:low', '2:expiring', '4:low', '1:low'])
  })

  it('defaults to 7 days and $5 in the server’s own quota unit', () => {
    expect(watchSettingsOf(null, { quotaPerUnit: 500_000 })).toEqual({
      enabled: true,
      expiresWithinDays: 7,
      remainingBelow: 2_500_000,
    })
    expect(watchSettingsOf(null, { quotaPerUnit: 1000 }).remainingBelow).toBe(5000)
    expect(watchSettingsOf(settings, { quotaPerUnit: 1000 })).toBe(settings)
  })

  it('holds for any token: listed exactly when it has a reason, each reason true of it', () => {
    const token = fc.record({
      id: fc.integer({ min: 1, max: 1e6 }),
      status: fc.constantFrom(1, 2, 3, 4),
      expired_time: fc.oneof(fc.constant(-1), fc.integer({ min: now - 30 * DAY, max: now + 30 * DAY })),
      remain_quota: fc.integer({ min: -1e6, max: 1e8 }),
      unlimited_quota: fc.boolean(),
    })
    const limits = fc.record({
      enabled: fc.boolean(),
      expiresWithinDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
      remainingBelow: fc.option(fc.integer({ min: 1, max: 1e8 }), { nil: null }),
    })
    fc.assert(
      fc.property(fc.uniqueArray(token, { selector: (t) => t.id }), limits, (parts, watch) => {
        const tokens = parts.map((part) => row(part))
        const list = watchList(tokens, watch, now)
        expect(list.length).toBe(tokens.filter((t) => watchReasons(t, watch, now).length > 0).length)
        for (const entry of list) {
          const source = tokens.find((t) => t.id === entry.tokenId)!
          expect(watch.enabled).toBe(true)
          expect(source.status).not.toBe(2)
          if (entry.reasons.includes('low')) {
            expect(source.unlimited_quota).toBe(false)
            expect(source.remain_quota).toBeLessThan(watch.remainingBelow!)
          }
          if (entry.reasons.includes('expiring')) {
            expect(source.expired_time).toBeGreaterThan(now)
            expect(source.expired_time - now).toBeLessThanOrEqual(watch.expiresWithinDays! * DAY)
          }
          expect(entry.reasons.includes('expired') && entry.reasons.includes('expiring')).toBe(false)
        }
        // Soonest expiry first.
        const expiries = list.map((e) => (e.expiredTime === -1 ? Infinity : e.expiredTime))
        expect([...expiries].sort((a, b) => a - b)).toEqual(expiries)
      }),
    )
  })
})
