import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// PUT /api/token/ — full replace (docs/newapi-behaviour.md §6), as controller/token.go UpdateToken does it:
// zero values for omitted fields, unknown fields dropped (a fork's columns kept), the Auto order,
// allow_ips stored as sent, and the server's own validation messages.

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

const put = (body: unknown, query = '') => call(sandbox, 'PUT', `/api/token/${query}`, { body })

const DEV_KEY_02 = 103 // limited, never expires, allow_ips, group "vip,default"
const AUTO = 109 // unlimited, group auto, cross_group_retry, Auto order ['vip', 'default']

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
      group: 'auto',
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

  it('drops fields it does not know: plain new-api binds only its own columns', async () => {
    const before = sandbox.control.token(DEV_KEY_02)!
    const res = await put({ ...before, selected_groups: ['default'], mj_image_mode: 'fast', foo: 'bar' })
    expect(res.json.success).toBe(true)
    const after = sandbox.control.token(DEV_KEY_02)!
    for (const field of ['selected_groups', 'mj_image_mode', 'foo']) {
      expect(after, field).not.toHaveProperty(field)
      expect(res.json.data, field).not.toHaveProperty(field)
    }
  })

  it('copies a fork’s columns from the body, zeroing the ones it leaves out', async () => {
    const fork = await startSandbox({ fork: 'anyapi' })
    try {
      const CLIENT_A = 108 // selected_groups ['vip'], mj_image_mode 'fast'
      const before = fork.control.token(CLIENT_A)!
      const res = await call(fork, 'PUT', '/api/token/', {
        body: { ...before, selected_groups: ['default'], foo: 'bar' },
      })
      expect(res.json.data).toMatchObject({ selected_groups: ['default'], mj_image_mode: 'fast' })
      expect(fork.control.token(CLIENT_A)).toMatchObject({
        selected_groups: ['default'],
        mj_image_mode: 'fast',
      })
      expect(fork.control.token(CLIENT_A)).not.toHaveProperty('foo')
      const { selected_groups: _s, mj_image_mode: _m, ...withoutFork } = before
      await call(fork, 'PUT', '/api/token/', { body: withoutFork })
      expect(fork.control.token(CLIENT_A)).toMatchObject({ selected_groups: null, mj_image_mode: '' })
    } finally {
      await fork.close()
    }
  })

  it('keeps auto_groups when absent, clears it on null or [], stores a list', async () => {
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

  it('switches cross-group retry off and clears the Auto order for any group but auto', async () => {
    const base = sandbox.control.token(AUTO)!
    const res = await put({ ...base, group: 'vip', cross_group_retry: true, auto_groups: ['default'] })
    expect(res.json.data).toMatchObject({ group: 'vip', cross_group_retry: false, auto_groups: null })
    expect(sandbox.control.token(AUTO)).toMatchObject({ cross_group_retry: false, auto_groups: null })
    // Back to auto: retry is stored as sent, the order stays empty until a list is sent.
    await put({ ...base, cross_group_retry: true, auto_groups: undefined })
    expect(sandbox.control.token(AUTO)).toMatchObject({ cross_group_retry: true, auto_groups: null })
  })

  it.each([
    [
      'more groups than max_count',
      ['vip', 'default', 'a', 'b', 'c', 'd'],
      '每个令牌最多可选择 5 个 Auto 分组',
    ],
    ['a group twice', ['default', 'vip', 'default'], 'Auto 分组 default 重复'],
    ['a group the user may not select', ['vip', 'svip'], 'Auto 分组 svip 不可用或无权访问'],
    ['an unknown group', ['nope'], 'Auto 分组 nope 不可用或无权访问'],
  ])('refuses an Auto order with %s and changes nothing', async (_label, groups, message) => {
    const before = sandbox.control.token(AUTO)!
    const res = await put({ ...before, name: 'not saved', auto_groups: groups })
    expect(res.json).toEqual({ success: false, message })
    expect(sandbox.control.token(AUTO)).toEqual(before)
  })

  it('stores allow_ips exactly as sent: spaces and commas are dropped only when the key is used', async () => {
    const text = ' 10.0.0.1 \n192.168.0.0/16,\n1.2.3.4,5.6.7.8'
    const res = await put({ ...sandbox.control.token(DEV_KEY_02)!, allow_ips: text })
    expect((res.json.data as { allow_ips: string }).allow_ips).toBe(text)
    expect(sandbox.control.token(DEV_KEY_02)!.allow_ips).toBe(text)
    const listed = (await call(sandbox, 'GET', `/api/token/${DEV_KEY_02}`)).json.data as { allow_ips: string }
    expect(listed.allow_ips).toBe(text)
  })

  it('answers with the row as it was written: usage after the write is not in it', async () => {
    const before = sandbox.control.token(DEV_KEY_02)!
    sandbox.control.setLatency(150)
    const answer = put({ ...before, name: 'measured' })
    // The request is recorded in the same step that reads and writes the row; the answer then waits.
    await expect.poll(() => sandbox.control.requests().some((r) => r.method === 'PUT')).toBe(true)
    sandbox.control.consume(DEV_KEY_02, 4321)
    const data = (await answer).json.data as { used_quota: number; remain_quota: number }
    expect(data.used_quota).toBe(before.used_quota)
    expect(data.remain_quota).toBe(before.remain_quota)
    expect(sandbox.control.token(DEV_KEY_02)!.used_quota).toBe(before.used_quota + 4321)
  })

  it('refunds usage since the client’s read, and its answer tells exactly how much', async () => {
    const read = (await call(sandbox, 'GET', `/api/token/${DEV_KEY_02}`)).json.data as Record<string, number>
    sandbox.control.consume(DEV_KEY_02, 2500) // usage between the client's read and its PUT
    const data = (await put({ ...read, name: 'refund' })).json.data as { used_quota: number }
    const refunded = data.used_quota - read.used_quota!
    expect(refunded).toBe(2500)
    expect(sandbox.control.token(DEV_KEY_02)!.remain_quota).toBe(read.remain_quota)
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
      message: 'json: cannot unmarshal string into Go struct field tokenRequest.remain_quota of type int',
    })
    const fraction = await put({ id: DEV_KEY_02, remain_quota: 1.5 })
    expect(fraction.json.message).toBe(
      'json: cannot unmarshal number 1.5 into Go struct field tokenRequest.remain_quota of type int',
    )
  })

  it('rejects an empty or broken body', async () => {
    const empty = await call(sandbox, 'PUT', '/api/token/', { rawBody: '' })
    expect(empty.json).toEqual({ success: false, message: 'EOF' })
    const broken = await call(sandbox, 'PUT', '/api/token/', { rawBody: '{"id":' })
    expect(broken.json.success).toBe(false)
  })
})
