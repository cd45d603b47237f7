import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// PUT /api/token/ — full replace (newapi-behaviour.md §6): zero values for omitted fields, fork fields,
// auto_groups, allow_ips cleaning and the server's own validation messages.

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

const put = (body: unknown, query = '') => call(sandbox, 'PUT', `/api/token/${query}`, { body })

const DEV_KEY_02 = 103 // limited, never expires, allow_ips, group "vip,default", fork fields

describe('PUT /api/token/ full update', () => {
  it('stores every editable field from the body and answers with the masked token', async () => {
    const before = sandbox.control.token(DEV_KEY_02)!
    const body = {
      id: DEV_KEY_02,
      name: '改名-renamed',
      remain_quota: 250_000_000_000,
      expired_time: 1_900_000_000,
      unlimited_quota: false,
      model_limits_enabled: true,
      model_limits: 'gpt-4o',
      allow_ips: '1.2.3.4',
      group: 'default',
      cross_group_retry: true,
    }
    const res = await put(body)
    expect(res.status).toBe(200)
    expect(res.json.success).toBe(true)
    const { id: _id, ...fields } = body
    const after = sandbox.control.token(DEV_KEY_02)!
    expect(after).toMatchObject(fields)
    expect(after.key).toBe(before.key)
    expect(after.status).toBe(before.status)
    expect(res.json.data).toMatchObject({
      ...fields,
      id: DEV_KEY_02,
      key: `${before.key.slice(0, 4)}**********${before.key.slice(-4)}`,
    })
  })

  it('turns every omitted editable field into its zero value', async () => {
    const res = await put({ id: DEV_KEY_02, name: 'only-name' })
    expect(res.json.success).toBe(true)
    expect(sandbox.control.token(DEV_KEY_02)).toMatchObject({
      name: 'only-name',
      expired_time: 0,
      remain_quota: 0,
      unlimited_quota: false,
      model_limits_enabled: false,
      model_limits: '',
      allow_ips: null,
      group: '',
      cross_group_retry: false,
    })
  })

  it('treats JSON null like an omitted field', async () => {
    await put({ id: DEV_KEY_02, name: null, group: null, remain_quota: null, allow_ips: null })
    expect(sandbox.control.token(DEV_KEY_02)).toMatchObject({
      name: '',
      group: '',
      remain_quota: 0,
      allow_ips: null,
    })
  })

  it('ignores status, key, user_id, used_quota and times other than expiry in the body', async () => {
    const before = sandbox.control.token(DEV_KEY_02)!
    await put({
      ...before,
      status: 2,
      key: 'x'.repeat(48),
      user_id: 99,
      used_quota: 1,
      created_time: 5,
      accessed_time: 6,
      DeletedAt: null,
    })
    expect(sandbox.control.token(DEV_KEY_02)).toEqual(before)
  })

  it('keeps fork fields: stores the ones in the body, leaves the others as they were', async () => {
    const before = sandbox.control.token(DEV_KEY_02)!
    expect(before.mj_image_mode).toBe('default')
    await put({ ...before, selected_groups: ['default'], reseller_note: 'x' })
    const after = sandbox.control.token(DEV_KEY_02)!
    expect(after.selected_groups).toEqual(['default'])
    expect(after.reseller_note).toBe('x')
    expect(after.mj_image_mode).toBe('default')
    expect(after.mj_custom_proxy).toBe('')
  })

  it('keeps auto_groups when absent, clears it on null or [], stores a list', async () => {
    const AUTO = 109
    const base = sandbox.control.token(AUTO)!
    expect(base.auto_groups).toEqual(['vip', 'default'])
    const { auto_groups: _omit, ...withoutAuto } = base
    await put(withoutAuto)
    expect(sandbox.control.token(AUTO)!.auto_groups).toEqual(['vip', 'default'])
    await put({ ...base, auto_groups: [] })
    expect(sandbox.control.token(AUTO)!.auto_groups).toBeNull()
    await put({ ...base, auto_groups: ['default'] })
    expect(sandbox.control.token(AUTO)!.auto_groups).toEqual(['default'])
    await put({ ...base, auto_groups: null })
    expect(sandbox.control.token(AUTO)!.auto_groups).toBeNull()
  })

  it('strips spaces and deletes commas inside each allow_ips line', async () => {
    await put({ id: DEV_KEY_02, allow_ips: ' 10.0.0.1 \n192.168.0.0/16,\n1.2.3.4,5.6.7.8' })
    expect(sandbox.control.token(DEV_KEY_02)!.allow_ips).toBe('10.0.0.1\n192.168.0.0/16\n1.2.3.45.6.7.8')
  })

  it('does not validate expiry, groups, models or empty names', async () => {
    const res = await put({
      id: DEV_KEY_02,
      name: '',
      expired_time: 1,
      group: 'no-such-group',
      model_limits_enabled: true,
    })
    expect(res.json.success).toBe(true)
  })
})

describe('PUT /api/token/ validation (HTTP 200, success:false)', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['id missing', { name: 'x' }, 'id 或 userId 为空！'],
    ['id 0', { id: 0, name: 'x' }, 'id 或 userId 为空！'],
    ['unknown id', { id: 424242, name: 'x' }, 'record not found'],
    ['name of 51 bytes', { id: DEV_KEY_02, name: '一'.repeat(17) }, '令牌名称过长'],
    ['negative quota when limited', { id: DEV_KEY_02, remain_quota: -1 }, '额度值不能为负数'],
    [
      'quota above 1e9 × quota_per_unit',
      { id: DEV_KEY_02, remain_quota: 500_000_000_000_001 },
      '额度值超出有效范围，最大值为 500000000000000',
    ],
  ]
  for (const [label, body, message] of cases) {
    it(`refuses ${label}`, async () => {
      const before = sandbox.control.token(DEV_KEY_02)
      const res = await put(body)
      expect(res.status).toBe(200)
      expect(res.json).toEqual({ success: false, message })
      expect(sandbox.control.token(DEV_KEY_02)).toEqual(before)
    })
  }

  it('accepts a name of exactly 50 bytes and any quota when unlimited', async () => {
    const res = await put({
      id: DEV_KEY_02,
      name: '一'.repeat(16) + 'ab',
      unlimited_quota: true,
      remain_quota: -5,
    })
    expect(res.json.success).toBe(true)
  })

  it('scales the quota maximum with quota_per_unit', async () => {
    const other = await startSandbox({ quotaPerUnit: 1000 })
    try {
      const res = await call(other, 'PUT', '/api/token/', {
        body: { id: 101, remain_quota: 1_000_000_000_001 },
      })
      expect(res.json.message).toBe('额度值超出有效范围，最大值为 1000000000000')
    } finally {
      await other.close()
    }
  })

  it('rejects wrongly typed fields with Go’s binding error', async () => {
    const res = await put({ id: DEV_KEY_02, remain_quota: '100' })
    expect(res.json).toEqual({
      success: false,
      message: 'json: cannot unmarshal string into Go struct field Token.remain_quota of type int',
    })
    const fraction = await put({ id: DEV_KEY_02, remain_quota: 1.5 })
    expect(fraction.json.message).toContain('number 1.5')
  })

  it('rejects an empty or broken body', async () => {
    const empty = await call(sandbox, 'PUT', '/api/token/', { rawBody: '' })
    expect(empty.json).toEqual({ success: false, message: 'EOF' })
    const broken = await call(sandbox, 'PUT', '/api/token/', { rawBody: '{"id":' })
    expect(broken.json.success).toBe(false)
  })
})
