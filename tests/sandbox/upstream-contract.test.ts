import { afterEach, describe, expect, it } from 'vitest'
import {
  MODE_FEATURES,
  SANDBOX_MODES,
  startSandbox,
  type SandboxGateway,
  type SandboxMode,
} from '../../src/sandbox'
import { call, type TokenPage } from './sandbox-client'

// The sandbox's contract with new-api's own source, one rule per block, in every server generation the
// rule applies to. Each names where upstream does it, so a change to the sandbox that drifts from
// new-api fails here. Sources (QuantumNous/new-api; docs/newapi-behaviour.md lists them with dates):
// model/token.go (the Token struct and its column defaults), controller/token.go (AddToken,
// UpdateToken, setTokenAutoGroups, GetToken), middleware/auth.go (authHelper), common/page_info.go
// (GetPageQuery), router/api-router.go. "current" = from 2026-07-20 (checked against 2026-08-15),
// "classic" = 2026-04-06 to 2026-07-19, "legacy" = before 2025-06-12.

let sandbox: SandboxGateway | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

async function start(mode: SandboxMode, options: Parameters<typeof startSandbox>[0] = {}) {
  sandbox = await startSandbox({ mode, ...options })
  return sandbox
}

const NEW_TOKEN = {
  name: 'contract',
  remain_quota: 1_000,
  unlimited_quota: false,
  model_limits_enabled: false,
  model_limits: '',
  group: '',
}

const newest = (gateway: SandboxGateway) => gateway.control.tokens().at(-1)!

describe.each(SANDBOX_MODES)('%s server', (mode) => {
  const features = MODE_FEATURES[mode]
  const structName = features.autoGroups ? 'tokenRequest' : 'Token'

  // 1. model/token.go: `ExpiredTime … gorm:"bigint;default:-1"`, `AllowIps *string … gorm:"default:''"`,
  //    inserted by `DB.Create`, which leaves zero values to the column default.
  it('1. creates a token without expiry as never expiring, without IPs as an empty list', async () => {
    const gateway = await start(mode)
    for (const body of [NEW_TOKEN, { ...NEW_TOKEN, expired_time: 0, allow_ips: null }]) {
      expect((await call(gateway, 'POST', '/api/token/', { body })).json.success).toBe(true)
      const listed = (await call(gateway, 'GET', `/api/token/${newest(gateway).id}`)).json.data
      expect(listed).toMatchObject({ expired_time: -1, allow_ips: '', status: 1 })
    }
  })

  // 2. controller/token.go UpdateToken: `if token.Status == TokenStatusEnabled` it refuses only when
  //    `cleanToken.Status == TokenStatusExpired && ExpiredTime <= now && ExpiredTime != -1`, or
  //    `cleanToken.Status == TokenStatusExhausted && RemainQuota <= 0 && !UnlimitedQuota`.
  it('2. refuses an enable only for a stored 3 (expired) or 4 (exhausted), with or without status_only', async () => {
    const gateway = await start(mode)
    const past = Math.floor(Date.now() / 1000) - 60
    const enable = (id: number, query: string) =>
      call(gateway, 'PUT', `/api/token/${query}`, { body: { ...gateway.control.token(id)!, status: 1 } })
    for (const query of ['?status_only=true', '']) {
      gateway.control.patchToken(102, { status: 1, expired_time: past })
      expect((await enable(102, query)).json.success, `stored 1 ${query}`).toBe(true)
      gateway.control.patchToken(102, { status: 2, expired_time: past })
      expect((await enable(102, query)).json.success, `stored 2 ${query}`).toBe(true)
      gateway.control.patchToken(102, { status: 3, expired_time: past })
      expect((await enable(102, query)).json.message).toBe(
        '令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期',
      )
      gateway.control.patchToken(102, { status: 4, expired_time: -1, remain_quota: 0 })
      expect((await enable(102, query)).json.message).toBe(
        '令牌可用额度已用尽，无法启用，请先修改令牌剩余额度，或者设置为无限额度',
      )
      gateway.control.patchToken(102, { status: 2, remain_quota: 10 })
    }
  })

  // 3. controller/token.go UpdateToken (since the Auto order, 2026-08-01):
  //    `if token.Group != "auto" { cleanToken.CrossGroupRetry = false; _ = cleanToken.SetAutoGroups(nil) }`.
  //    Before, cross_group_retry (since 2025-12-12) was copied as sent.
  it('3. a full update to a group other than auto keeps cross-group retry only before 2026-08', async () => {
    const gateway = await start(mode)
    const auto = gateway.control.token(109)!
    const res = await call(gateway, 'PUT', '/api/token/', {
      body: { ...auto, group: 'vip', cross_group_retry: true, auto_groups: ['vip'] },
    })
    const stored = gateway.control.token(109)!
    if (features.autoGroups) {
      expect(stored).toMatchObject({ cross_group_retry: false, auto_groups: null })
      expect(res.json.data).toMatchObject({ cross_group_retry: false, auto_groups: null })
    } else if (features.crossGroupRetry) {
      expect(stored.cross_group_retry).toBe(true)
      expect(stored).not.toHaveProperty('auto_groups')
    } else {
      expect(stored).not.toHaveProperty('cross_group_retry')
    }
  })

  // 4. controller/token.go copies `AllowIps` from the body; model/token.go GetIpLimits strips spaces
  //    and commas only when the key is used.
  it('4. stores allow_ips exactly as sent, on create and update', async () => {
    const gateway = await start(mode)
    const text = ' 1.1.1.1 , 2.2.2.2\n10.0.0.0/8 '
    await call(gateway, 'POST', '/api/token/', { body: { ...NEW_TOKEN, allow_ips: text } })
    expect(newest(gateway).allow_ips).toBe(text)
    const put = await call(gateway, 'PUT', '/api/token/', {
      body: { ...gateway.control.token(102)!, allow_ips: text },
    })
    expect((put.json.data as { allow_ips: string }).allow_ips).toBe(text)
    expect(gateway.control.token(102)!.allow_ips).toBe(text)
  })

  // 5. c.ShouldBindJSON into model.Token (or tokenRequest): JSON fields without a struct field are
  //    dropped. auto_groups is a field only since 2026-08-01, cross_group_retry since 2025-12-12.
  it('5. drops fields the server does not have; a fork keeps its own columns', async () => {
    const gateway = await start(mode)
    const body = {
      ...gateway.control.token(102)!,
      foo: 'bar',
      mj_image_mode: 'fast',
      auto_groups: ['vip'],
      cross_group_retry: true,
    }
    await call(gateway, 'PUT', '/api/token/', { body: { ...body, group: 'auto' } })
    const created = await call(gateway, 'POST', '/api/token/', { body: { ...body, group: 'auto' } })
    expect(created.json.success).toBe(true)
    for (const row of [gateway.control.token(102)!, newest(gateway)]) {
      expect(row).not.toHaveProperty('foo')
      expect(row).not.toHaveProperty('mj_image_mode')
      expect('auto_groups' in row).toBe(features.autoGroups)
      expect('cross_group_retry' in row).toBe(features.crossGroupRetry)
    }
    await gateway.close()
    const fork = await start(mode, { fork: 'anyapi' })
    await call(fork, 'PUT', '/api/token/', { body: { ...fork.control.token(102)!, mj_image_mode: 'relax' } })
    expect(fork.control.token(102)).toMatchObject({ mj_image_mode: 'relax', selected_groups: [] })
  })

  // 7. The X-New-Api-Version response header exists since 2026-01-30.
  it(`7. ${features.versionHeader ? 'sends' : 'omits'} X-New-Api-Version`, async () => {
    const gateway = await start(mode)
    const res = await call(gateway, 'GET', '/api/token/?p=1')
    expect(res.headers.has('x-new-api-version')).toBe(mode !== 'legacy')
  })

  // 9. controller/token.go: the quota range checks (额度值不能为负数 / 超出有效范围) arrived on
  //    2025-12-29; the older AddToken/UpdateToken checked only the name (> 30 bytes before 2025-12-04),
  //    and that AddToken had no max_user_tokens limit.
  it(`9. ${features.quotaRangeChecks ? 'checks' : 'does not check'} the quota range on create and update`, async () => {
    const gateway = await start(mode, { maxUserTokens: 12 })
    const create = await call(gateway, 'POST', '/api/token/', { body: { ...NEW_TOKEN, remain_quota: -1 } })
    const update = await call(gateway, 'PUT', '/api/token/', {
      body: { ...gateway.control.token(102)!, remain_quota: 500_000 * 1e9 + 1 },
    })
    if (features.quotaRangeChecks) {
      expect(create.json).toEqual({ success: false, message: '额度值不能为负数' })
      expect(update.json).toEqual({ success: false, message: '额度值超出有效范围，最大值为 500000000000000' })
    } else {
      expect(create.json.success).toBe(true) // also beyond max_user_tokens (12 seeded)
      expect(update.json.success).toBe(true)
      expect(gateway.control.token(102)!.remain_quota).toBe(500_000 * 1e9 + 1)
    }
  })

  // 10. encoding/json's UnmarshalTypeError: the dereferenced type (`string` for `*string`), the struct
  //     bound (tokenRequest since 2026-08-01, model.Token before); strconv.Atoi's two errors.
  it('10. reports Go’s own type and number errors', async () => {
    const gateway = await start(mode)
    const put = await call(gateway, 'PUT', '/api/token/', { body: { id: 102, allow_ips: 5, group: 7 } })
    expect(put.json).toEqual({
      success: false,
      message: `json: cannot unmarshal number into Go struct field ${structName}.allow_ips of type string`,
    })
    const huge = await call(gateway, 'GET', '/api/token/99999999999999999999')
    expect(huge.json).toEqual({
      success: false,
      message: 'strconv.Atoi: parsing "99999999999999999999": value out of range',
    })
    const junk = await call(gateway, 'GET', '/api/token/12a')
    expect(junk.json.message).toBe('strconv.Atoi: parsing "12a": invalid syntax')
    // DeleteToken ignores the Atoi error: a clamped huge id is simply not found.
    expect((await call(gateway, 'DELETE', '/api/token/99999999999999999999')).json.message).toBe(
      'record not found',
    )
  })

  // 10. encoding/json judges a number by its literal text: only a plain integer within int64 fits an int.
  it('10. refuses number literals an int field cannot hold, naming the literal as sent', async () => {
    const gateway = await start(mode)
    const before = gateway.control.token(102)!
    for (const literal of ['1.0', '1e2', '99999999999999999999']) {
      const raw = JSON.stringify({ ...before, remain_quota: 0 }).replace(
        '"remain_quota":0',
        `"remain_quota":${literal}`,
      )
      const res = await call(gateway, 'PUT', '/api/token/', { rawBody: raw })
      expect(res.json.message).toBe(
        `json: cannot unmarshal number ${literal} into Go struct field ${structName}.remain_quota of type int`,
      )
    }
    expect(gateway.control.token(102)).toEqual(before)
    // Field names match without regard to case.
    await call(gateway, 'PUT', '/api/token/', { body: { ...before, name: undefined, NAME: 'upper' } })
    expect(gateway.control.token(102)!.name).toBe('upper')
  })

  // 10. common/page_info.go GetPageQuery: page_size only when Atoi accepts it; a negative p is kept.
  it('10. reads paging like GetPageQuery', async () => {
    const gateway = await start(mode, { seedTokens: 30 })
    const ids = async (query: string) => {
      const data = (await call(gateway, 'GET', `/api/token/?${query}`)).json.data
      return (Array.isArray(data) ? data : (data as TokenPage).items).map((item) => item.id)
    }
    const newestFirst = gateway.control
      .tokens()
      .map((row) => row.id)
      .reverse()
    // An out-of-range page_size is unreadable: the `size` alias decides.
    expect(await ids('p=0&page_size=99999999999999999999&size=3')).toEqual(newestFirst.slice(0, 3))
    if (features.pagedLists) {
      const negative = (await call(gateway, 'GET', '/api/token/?p=-2&page_size=5')).json.data as TokenPage
      expect(negative.page).toBe(-2)
      expect(negative.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 5))
    }
  })

  // 10. common/page_info.go GetPageQuery clamps the size only above 100, so page_size=-1 reaches
  //     gorm as LIMIT -1: every row (servers with 1-based pages; the older list fell back to 10).
  it(`10. ${features.pagedLists ? 'lists every row' : 'lists 10 rows'} for page_size=-1`, async () => {
    const gateway = await start(mode, { seedTokens: 130 })
    const data = (await call(gateway, 'GET', '/api/token/?p=1&page_size=-1&size=-1')).json.data
    const items = Array.isArray(data) ? data : (data as TokenPage).items
    expect(items).toHaveLength(features.pagedLists ? 130 : 10)
    if (features.pagedLists) expect(data).toMatchObject({ page: 1, page_size: -1, total: 130 })
  })

  // 10. model/token.go SearchUserTokens (paged search, since 2026-02-06) clamps its own LIMIT to 1–100,
  //     so page_size=-1 there means 100; the older search returned every match unpaged.
  it('10. searches with page_size=-1 in pages of 100 where search is paged', async () => {
    const gateway = await start(mode, { seedTokens: 130, rateLimits: { search: false } })
    const res = await call(gateway, 'GET', '/api/token/search?keyword=bulk%25&page_size=-1')
    const data = res.json.data
    const items = Array.isArray(data) ? data : (data as TokenPage).items
    expect(items).toHaveLength(features.exactSearch ? 100 : 118)
  })

  // 11. controller/token.go UpdateToken answers `buildMaskedTokenResponse(cleanToken)`: the row read
  //     by GetTokenByIds before the write, body fields applied; Update() does not write used_quota.
  it('11. answers a PUT with the row as the handler read it: used_quota measures the refund', async () => {
    const gateway = await start(mode)
    const read = (await call(gateway, 'GET', '/api/token/103')).json.data as Record<string, number>
    gateway.control.consume(103, 777)
    const data = (await call(gateway, 'PUT', '/api/token/', { body: { ...read, name: 'x' } })).json
      .data as Record<string, number>
    expect(data.used_quota! - read.used_quota!).toBe(777)
    expect(data.remain_quota).toBe(read.remain_quota)
    expect(gateway.control.token(103)!.remain_quota).toBe(read.remain_quota)
  })
})

describe('current server only', () => {
  // 6. middleware/auth.go authHelper + i18n/locales/zh-CN.yaml (auth.access_token_invalid,
  //    auth.user_banned, auth.insufficient_privilege).
  it('6. answers auth failures with upstream’s statuses, codes and texts', async () => {
    const gateway = await start('current')
    const self = (headers: Record<string, string>) => call(gateway, 'GET', '/api/user/self', { headers })
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Array<Record<string, string>>) {
      const res = await self(headers)
      expect([res.status, res.json]).toEqual([
        401,
        { success: false, code: 'AUTH_UNAUTHORIZED', message: '无权进行此操作，access token 无效' },
      ])
    }
    gateway.control.setUser({ status: 2 })
    const banned = await self({ authorization: gateway.accessToken })
    expect([banned.status, banned.json]).toEqual([
      401,
      { success: false, code: 'AUTH_USER_DISABLED', message: '用户已被封禁' },
    ])
    gateway.control.setUser({ status: 1, role: 0 })
    const low = await self({ authorization: gateway.accessToken })
    expect([low.status, low.json]).toEqual([
      403,
      { success: false, code: 'AUTH_INSUFFICIENT_PRIVILEGE', message: '无权进行此操作，权限不足' },
    ])
  })

  // 8. controller/token.go setTokenAutoGroups (since 2026-08-01), DefaultMaxTokenAutoGroups = 5,
  //    service.IsUserSelectableGroup; messages token.auto_groups_* of the zh-CN catalogue.
  it('8. validates the Auto order like setTokenAutoGroups', async () => {
    const gateway = await start('current')
    const put = (auto_groups: unknown) =>
      call(gateway, 'PUT', '/api/token/', { body: { ...gateway.control.token(109)!, auto_groups } })
    expect((await put(['vip', 'vip'])).json.message).toBe('Auto 分组 vip 重复')
    expect((await put(['svip'])).json.message).toBe('Auto 分组 svip 不可用或无权访问')
    expect((await put(['vip', 'default', 'v3', 'v4', 'v5', 'v6'])).json.message).toBe(
      '每个令牌最多可选择 5 个 Auto 分组',
    )
    expect((await put('vip')).json.message).toBe(
      'json: cannot unmarshal string into Go struct field tokenRequest.auto_groups of type []string',
    )
    expect((await put(['vip', 5])).json.message).toBe(
      'json: cannot unmarshal number into Go struct field tokenRequest.auto_groups of type string',
    )
    // A null element is Go's "" — then refused as a group nobody may select.
    expect((await put(['vip', null])).json.message).toBe('Auto 分组  不可用或无权访问')
    expect((await put(['default'])).json.success).toBe(true)
    expect(gateway.control.token(109)!.auto_groups).toEqual(['default'])
  })
})
