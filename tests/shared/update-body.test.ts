import { describe, expect, it } from 'vitest'
import { tokenSchema } from '../../src/shared/domain/token'
import { buildUpdateBody } from '../../src/shared/domain/update-body'

const fresh = tokenSchema.parse({
  id: 194804,
  user_id: 1,
  key: 'abcd**********wxyz',
  status: 1,
  name: '令牌22名字',
  created_time: 1,
  accessed_time: 2,
  expired_time: -1,
  remain_quota: 249_999_000_000,
  unlimited_quota: false,
  used_quota: 1_000_000,
  model_limits_enabled: false,
  model_limits: '',
  allow_ips: null,
  group: '',
  mj_image_mode: 'default',
  mj_custom_proxy: '',
  selected_groups: [],
})

describe('update body', () => {
  it('keeps the fresh quota when the user did not touch it, so usage is never refunded', () => {
    const body = buildUpdateBody(fresh, { name: 'renamed' }, null)
    expect(body.remain_quota).toBe(249_999_000_000)
    expect(body.name).toBe('renamed')
  })

  it('applies a quota intent to the fresh value', () => {
    expect(buildUpdateBody(fresh, {}, { mode: 'set', value: 5 }).remain_quota).toBe(5)
    expect(buildUpdateBody(fresh, {}, { mode: 'add', delta: 1_000_000 }).remain_quota).toBe(250_000_000_000)
  })

  it('carries fork fields through, sends every editable field, and drops the masked key', () => {
    const body = buildUpdateBody(fresh, {}, null)
    expect(body).toMatchObject({
      id: 194804,
      mj_image_mode: 'default',
      mj_custom_proxy: '',
      selected_groups: [],
    })
    for (const field of [
      'name',
      'remain_quota',
      'expired_time',
      'unlimited_quota',
      'model_limits_enabled',
      'model_limits',
      'allow_ips',
      'group',
    ]) {
      expect(body).toHaveProperty(field)
    }
    expect(body.allow_ips).toBe('')
    expect(body).not.toHaveProperty('key')
  })

  it('leaves the Auto order out, so the server keeps it instead of checking it again', () => {
    const auto = tokenSchema.parse({ ...fresh, group: 'auto', cross_group_retry: true, auto_groups: ['vip'] })
    const body = buildUpdateBody(auto, { name: 'renamed' }, null)
    expect(body).not.toHaveProperty('auto_groups')
    expect(body).toMatchObject({ group: 'auto', cross_group_retry: true })
  })
})
