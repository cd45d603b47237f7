import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call, type TokenPage } from './sandbox-client'

// POST /api/token/ (create), DELETE /api/token/{id} and POST /api/token/batch (docs/newapi-behaviour.md §5).

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox({ maxUserTokens: 14 })
})
afterEach(() => sandbox.close())

const NEW_TOKEN = {
  name: 'created-by-test',
  remain_quota: 1_000_000,
  expired_time: -1,
  unlimited_quota: false,
  model_limits_enabled: true,
  model_limits: 'gpt-4o',
  allow_ips: '10.0.0.1, \n192.168.0.0/16',
  group: 'vip',
}

async function firstPage(): Promise<TokenPage> {
  return (await call(sandbox, 'GET', '/api/token/?p=1&page_size=5')).json.data as TokenPage
}

describe('POST /api/token/', () => {
  it('answers with neither id nor key; the new token is the newest on page 1', async () => {
    const before = await firstPage()
    const res = await call(sandbox, 'POST', '/api/token/', { body: NEW_TOKEN })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ success: true, message: '' })
    const after = await firstPage()
    expect(after.total).toBe(before.total + 1)
    const listed = after.items[0]!
    expect(listed.id).toBeGreaterThan(before.items[0]!.id)
    expect(listed).toMatchObject({ name: 'created-by-test', status: 1, used_quota: 0, group: 'vip' })
    expect(listed.key).toMatch(/^[A-Za-z0-9]{4}\*{10}[A-Za-z0-9]{4}$/)
    const stored = sandbox.control.token(listed.id)!
    expect(stored.key).toMatch(/^[A-Za-z0-9]{48}$/)
    expect(listed.key).toBe(`${stored.key.slice(0, 4)}**********${stored.key.slice(-4)}`)
    // Stored as sent: upstream strips spaces and commas only when the key is used.
    expect(stored.allow_ips).toBe('10.0.0.1, \n192.168.0.0/16')
    const now = Math.floor(Date.now() / 1000)
    expect(Math.abs(stored.created_time - now)).toBeLessThanOrEqual(2)
    expect(stored.accessed_time).toBe(stored.created_time)
  })

  it('ignores id, key, status, used quota and times from the body, and fields it does not know', async () => {
    const body = {
      ...NEW_TOKEN,
      id: 101,
      key: 'x'.repeat(48),
      status: 2,
      used_quota: 99,
      created_time: 1,
      selected_groups: ['vip'],
      mj_image_mode: 'fast',
    }
    await call(sandbox, 'POST', '/api/token/', { body })
    const created = sandbox.control.tokens().at(-1)!
    expect(created.id).not.toBe(101)
    expect(created).toMatchObject({ status: 1, used_quota: 0 })
    expect(created).not.toHaveProperty('selected_groups')
    expect(created).not.toHaveProperty('mj_image_mode')
    expect(created.key).not.toBe(body.key)
    expect(created.created_time).toBeGreaterThan(1)
    expect(sandbox.control.token(101)!.name).toBe('生产-主账号')
  })

  it('stores the fork columns of a fork, with their defaults where the body leaves them out', async () => {
    const fork = await startSandbox({ fork: 'anyapi' })
    try {
      const create = (body: unknown) => call(fork, 'POST', '/api/token/', { body })
      await create({ ...NEW_TOKEN, selected_groups: ['vip'], mj_image_mode: 'fast', extra: 1 })
      await create(NEW_TOKEN)
      const [given, defaults] = fork.control.tokens().slice(-2)
      expect(given).toMatchObject({ selected_groups: ['vip'], mj_image_mode: 'fast', mj_custom_proxy: '' })
      expect(given).not.toHaveProperty('extra')
      expect(defaults).toMatchObject({ selected_groups: [], mj_image_mode: 'default', mj_custom_proxy: '' })
      const typo = await create({ ...NEW_TOKEN, selected_groups: 'vip' })
      expect(typo.json.message).toBe(
        'json: cannot unmarshal string into Go struct field tokenRequest.selected_groups of type []string',
      )
    } finally {
      await fork.close()
    }
  })

  it('stores a token without an expiry as never expiring and without IPs as an empty list', async () => {
    // gorm's Create leaves zero values to the column defaults: expired_time default -1, allow_ips ''.
    const { expired_time: _e, allow_ips: _a, ...bare } = NEW_TOKEN
    await call(sandbox, 'POST', '/api/token/', { body: bare })
    await call(sandbox, 'POST', '/api/token/', { body: { ...NEW_TOKEN, expired_time: 0, allow_ips: null } })
    for (const row of sandbox.control.tokens().slice(-2)) {
      expect(row).toMatchObject({ expired_time: -1, allow_ips: '', status: 1 })
    }
    const id = sandbox.control.tokens().at(-1)!.id
    sandbox.control.consume(id, NEW_TOKEN.remain_quota)
    // Not expired, so an enable after a top-up is judged on quota alone.
    expect(sandbox.control.use(id, 1)).toBe('exhausted')
  })

  it('gives every created token a distinct key', async () => {
    await call(sandbox, 'POST', '/api/token/', { body: NEW_TOKEN })
    await call(sandbox, 'POST', '/api/token/', { body: NEW_TOKEN })
    const keys = sandbox.control.tokens().map((row) => row.key)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it.each([
    [
      'more groups than max_count',
      ['vip', 'default', 'vip2', 'a', 'b', 'c'],
      '每个令牌最多可选择 5 个 Auto 分组',
    ],
    ['a group twice', ['vip', 'vip'], 'Auto 分组 vip 重复'],
    ['a group the user may not select', ['svip'], 'Auto 分组 svip 不可用或无权访问'],
    ['auto itself', ['auto'], 'Auto 分组 auto 不可用或无权访问'],
  ])('refuses an Auto order with %s (setTokenAutoGroups)', async (_label, groups, message) => {
    const before = sandbox.control.tokens().length
    const body = { ...NEW_TOKEN, group: 'auto', auto_groups: groups }
    expect((await call(sandbox, 'POST', '/api/token/', { body })).json).toEqual({ success: false, message })
    expect(sandbox.control.tokens()).toHaveLength(before)
    // Only the auto group checks the order: any other drops it unread.
    expect(
      (await call(sandbox, 'POST', '/api/token/', { body: { ...body, group: 'vip' } })).json.success,
    ).toBe(true)
  })

  it('keeps cross-group retry and the Auto order only for the auto group', async () => {
    const auto = { ...NEW_TOKEN, group: 'auto', cross_group_retry: true, auto_groups: ['default', 'vip'] }
    await call(sandbox, 'POST', '/api/token/', { body: auto })
    await call(sandbox, 'POST', '/api/token/', { body: { ...auto, group: 'vip' } })
    const [autoRow, vipRow] = sandbox.control.tokens().slice(-2)
    expect(autoRow).toMatchObject({ cross_group_retry: true, auto_groups: ['default', 'vip'] })
    expect(vipRow).toMatchObject({ cross_group_retry: false, auto_groups: null })
  })

  it.each([
    ['a negative limited quota', { remain_quota: -1 }, '额度值不能为负数'],
    [
      'a quota above the maximum',
      { remain_quota: 500_000 * 1e9 + 1 },
      '额度值超出有效范围，最大值为 500000000000000',
    ],
    ['a name over 50 bytes', { name: '令'.repeat(17) }, '令牌名称过长'],
    [
      'a wrongly typed field',
      { remain_quota: '5' },
      'json: cannot unmarshal string into Go struct field tokenRequest.remain_quota of type int',
    ],
  ])('refuses %s with the update rules', async (_label, patch, message) => {
    const before = sandbox.control.tokens().length
    const res = await call(sandbox, 'POST', '/api/token/', { body: { ...NEW_TOKEN, ...patch } })
    expect(res.json).toEqual({ success: false, message })
    expect(sandbox.control.tokens()).toHaveLength(before)
  })

  it('accepts a negative quota when unlimited, and an empty body as EOF', async () => {
    const res = await call(sandbox, 'POST', '/api/token/', {
      body: { unlimited_quota: true, remain_quota: -5 },
    })
    expect(res.json.success).toBe(true)
    expect((await call(sandbox, 'POST', '/api/token/', { rawBody: '' })).json.message).toBe('EOF')
  })

  it('stops at max_user_tokens until a token is deleted', async () => {
    expect(sandbox.control.tokens()).toHaveLength(12)
    for (let i = 0; i < 2; i++) {
      expect((await call(sandbox, 'POST', '/api/token/', { body: NEW_TOKEN })).json.success).toBe(true)
    }
    const full = await call(sandbox, 'POST', '/api/token/', { body: NEW_TOKEN })
    expect(full.json).toEqual({ success: false, message: '已达到最大令牌数量限制 (14)' })
    await call(sandbox, 'DELETE', '/api/token/101')
    expect((await call(sandbox, 'POST', '/api/token/', { body: NEW_TOKEN })).json.success).toBe(true)
  })

  it('defaults max_user_tokens to 1000', async () => {
    const big = await startSandbox({ seedTokens: 1000 })
    try {
      const res = await call(big, 'POST', '/api/token/', { body: NEW_TOKEN })
      expect(res.json).toEqual({ success: false, message: '已达到最大令牌数量限制 (1000)' })
    } finally {
      await big.close()
    }
  })
})

describe('DELETE /api/token/{id}', () => {
  it('soft-deletes: gone from get, list and search, kept aside, id never reused', async () => {
    const res = await call(sandbox, 'DELETE', '/api/token/102')
    expect(res.json).toEqual({ success: true, message: '' })
    expect((await call(sandbox, 'GET', '/api/token/102')).json).toEqual({
      success: false,
      message: 'record not found',
    })
    const page = (await call(sandbox, 'GET', '/api/token/?page_size=100')).json.data as TokenPage
    expect(page.total).toBe(11)
    expect(page.items.map((item) => item.id)).not.toContain(102)
    const search = (await call(sandbox, 'GET', '/api/token/search?keyword=dev-key-01')).json.data as TokenPage
    expect(search.items).toEqual([])
    expect(sandbox.control.token(102)).toBeUndefined()
    expect(sandbox.control.deletedTokens().map((row) => row.id)).toEqual([102])
    await call(sandbox, 'DELETE', '/api/token/112')
    await call(sandbox, 'POST', '/api/token/', { body: NEW_TOKEN })
    expect(sandbox.control.tokens().at(-1)!.id).toBe(113)
  })

  it('answers record not found for a missing token and the empty-id message for junk', async () => {
    await call(sandbox, 'DELETE', '/api/token/102')
    expect((await call(sandbox, 'DELETE', '/api/token/102')).json).toEqual({
      success: false,
      message: 'record not found',
    })
    expect((await call(sandbox, 'DELETE', '/api/token/abc')).json.message).toBe('id 或 userId 为空！')
    expect((await call(sandbox, 'DELETE', '/api/token/0')).json.message).toBe('id 或 userId 为空！')
  })

  it('needs auth', async () => {
    const res = await call(sandbox, 'DELETE', '/api/token/102', { headers: {} })
    expect(res.status).toBe(401)
    expect(sandbox.control.token(102)).toBeDefined()
  })
})

describe('POST /api/token/batch', () => {
  it('deletes the listed tokens and counts only real ones', async () => {
    const res = await call(sandbox, 'POST', '/api/token/batch', { body: { ids: [101, 103, 9999, 103] } })
    expect(res.json).toEqual({ success: true, message: '', data: 2 })
    expect(sandbox.control.token(101)).toBeUndefined()
    expect(sandbox.control.token(103)).toBeUndefined()
    expect(sandbox.control.tokens()).toHaveLength(10)
  })

  it.each([
    ['no ids', { ids: [] }],
    ['ids of the wrong type', { ids: ['101'] }],
    ['no object', [101]],
  ])('refuses %s', async (_label, body) => {
    const res = await call(sandbox, 'POST', '/api/token/batch', { body })
    expect(res.json).toEqual({ success: false, message: '无效的参数' })
    expect(sandbox.control.tokens()).toHaveLength(12)
  })
})
