import { describe, expect, it } from 'vitest'
import { checkEdit } from '../../src/shared/domain/edit-check'
import type { TokenEditable } from '../../src/shared/domain/token'

// The one check of an edit (editor, main, sync): field rules plus the rules on the token it would leave.

const rules = { nowSeconds: 1_800_000_000, maxQuota: 500_000 * 1e9, maxNameBytes: 50 }
const token: TokenEditable = {
  name: 'prod',
  remain_quota: 1_000_000,
  expired_time: -1,
  unlimited_quota: false,
  model_limits_enabled: false,
  model_limits: '',
  allow_ips: '',
  group: '',
  cross_group_retry: false,
  auto_groups: '',
}
const keys = (result: ReturnType<typeof checkEdit>) => (result.ok ? [] : result.issues.map((i) => i.key))

describe('checkEdit', () => {
  it('returns the edit normalised as it is sent, and the token it leaves', () => {
    const result = checkEdit(
      token,
      { changes: { model_limits: 'a, b,a', allow_ips: ' 10.0.0.1 \n' }, quota: { mode: 'add', delta: 5 } },
      rules,
    )
    expect(result).toEqual({
      ok: true,
      edit: { changes: { model_limits: 'a,b', allow_ips: '10.0.0.1' }, quota: { mode: 'add', delta: 5 } },
      result: { ...token, model_limits: 'a,b', allow_ips: '10.0.0.1', remain_quota: 1_000_005 },
    })
  })

  it('refuses an edit that leads to a model whitelist blocking every model', () => {
    expect(keys(checkEdit(token, { changes: { model_limits_enabled: true }, quota: null }, rules))).toEqual([
      'modelLimits.emptyEnabled',
    ])
    const restricted = { ...token, model_limits_enabled: true, model_limits: 'gpt-4o' }
    expect(keys(checkEdit(restricted, { changes: { model_limits: '' }, quota: null }, rules))).toEqual([
      'modelLimits.emptyEnabled',
    ])
  })

  it('lets a token that already blocks every model be renamed or refilled', () => {
    const blocked = { ...token, model_limits_enabled: true, model_limits: '' }
    expect(
      checkEdit(blocked, { changes: { name: 'renamed' }, quota: { mode: 'add', delta: 1 } }, rules).ok,
    ).toBe(true)
  })

  it('asks for an amount when an unlimited token becomes limited, and checks the amount it gets', () => {
    const unlimited = { ...token, unlimited_quota: true, remain_quota: -3_000 }
    expect(keys(checkEdit(unlimited, { changes: { unlimited_quota: false }, quota: null }, rules))).toEqual([
      'quota.required',
    ])
    expect(
      keys(
        checkEdit(
          unlimited,
          { changes: { unlimited_quota: false }, quota: { mode: 'add', delta: 1_000 } },
          rules,
        ),
      ),
    ).toEqual(['quota.negative'])
    expect(
      checkEdit(unlimited, { changes: { unlimited_quota: false }, quota: { mode: 'set', value: 5 } }, rules)
        .ok,
    ).toBe(true)
  })

  it('reports every problem at once, field rules and result rules together', () => {
    const result = checkEdit(
      token,
      {
        changes: { name: 'x'.repeat(51), model_limits_enabled: true, expired_time: 5 },
        quota: { mode: 'set', value: -1 },
      },
      rules,
    )
    expect(keys(result).sort()).toEqual([
      'expiry.past',
      'modelLimits.emptyEnabled',
      'name.tooLong',
      'quota.negative',
    ])
  })
})
