import { describe, expect, it } from 'vitest'
import {
  modelWhitelistIssue,
  remainQuotaRule,
  tokenChangesSchema,
} from '../../src/shared/domain/token-fields'

const rules = { nowSeconds: 1_800_000_000, maxQuota: 500_000 * 1e9, maxNameBytes: 50 }
const schema = tokenChangesSchema(rules)
const keysOf = (input: unknown) => {
  const result = schema.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('token field rules', () => {
  it('limits names to the server limit in UTF-8 bytes (30 on older servers)', () => {
    const older = tokenChangesSchema({ ...rules, maxNameBytes: 30 })
    expect(older.safeParse({ name: 'a'.repeat(30) }).success).toBe(true)
    expect(older.safeParse({ name: '令'.repeat(11) }).error?.issues[0]).toMatchObject({
      message: 'name.tooLong',
      params: { max: 30 },
    })
  })

  it('limits names to 50 UTF-8 bytes and refuses an empty name', () => {
    expect(keysOf({ name: 'a'.repeat(50) })).toEqual([])
    expect(keysOf({ name: 'a'.repeat(51) })).toEqual(['name.tooLong'])
    expect(keysOf({ name: '令'.repeat(17) })).toEqual(['name.tooLong']) // 51 bytes, 17 characters
    expect(keysOf({ name: '   ' })).toEqual(['name.required'])
  })

  it('accepts never (-1) or a future expiry only', () => {
    expect(keysOf({ expired_time: -1 })).toEqual([])
    expect(keysOf({ expired_time: rules.nowSeconds + 60 })).toEqual([])
    expect(keysOf({ expired_time: rules.nowSeconds - 60 })).toEqual(['expiry.past'])
    expect(keysOf({ expired_time: 0 })).toEqual(['expiry.past'])
  })

  it('validates IPs and CIDRs line by line and normalizes the list', () => {
    expect(schema.parse({ allow_ips: ' 10.0.0.0/8 \n\n192.168.1.7\n::1\n10.0.0.0/8' }).allow_ips).toBe(
      '10.0.0.0/8\n192.168.1.7\n::1',
    )
    // Bad lines are named by their number as typed (blank lines count) and the first one is quoted.
    const bad = schema.safeParse({ allow_ips: '10.0.0.300\n\n1.2.3.4/40\nexample.com\n1.2.3.4' })
    expect(bad.error?.issues[0]).toMatchObject({
      message: 'allowIps.invalidMany',
      params: { line: 1, entry: '10.0.0.300', lines: ['1', '3', '4'] },
    })
    const one = schema.safeParse({ allow_ips: '2001:db8::/32\n fe80::zz ' })
    expect(one.error?.issues[0]).toMatchObject({
      message: 'allowIps.invalid',
      params: { line: 2, entry: 'fe80::zz' },
    })
  })

  it('normalizes model and group lists to comma-separated names without spaces', () => {
    expect(schema.parse({ model_limits: 'gpt-4o, claude-3-5-sonnet，gpt-4o\n' }).model_limits).toBe(
      'gpt-4o,claude-3-5-sonnet',
    )
    expect(schema.parse({ group: 'vip, default' }).group).toBe('vip,default')
    expect(keysOf({ group: 'my group' })).toEqual(['group.spaces'])
  })

  it('rejects unknown fields and flags a whitelist that would block every model', () => {
    expect(schema.safeParse({ status: 1 }).success).toBe(false)
    expect(modelWhitelistIssue({ model_limits_enabled: true, model_limits: ' , ' })).toBe(
      'modelLimits.emptyEnabled',
    )
    expect(modelWhitelistIssue({ model_limits_enabled: false, model_limits: '' })).toBeNull()
  })

  it('bounds remaining quota', () => {
    const quota = remainQuotaRule(rules)
    expect(quota.safeParse(0).success).toBe(true)
    expect(quota.safeParse(-1).error?.issues[0]?.message).toBe('quota.negative')
    expect(quota.safeParse(rules.maxQuota + 1).error?.issues[0]?.message).toBe('quota.tooLarge')
    expect(quota.safeParse(1.5).error?.issues[0]?.message).toBe('quota.notInteger')
    // Far past the limit, and past the integers a number holds exactly: told it is too large, only.
    expect(quota.safeParse(99_999_999_999_999 * 500_000).error?.issues.map((issue) => issue.message)).toEqual(
      ['quota.tooLarge'],
    )
  })
})
