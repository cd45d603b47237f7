import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// Authentication of both server generations (docs/newapi-behaviour.md §2).

const TOKEN = 'sandbox-access-token-0123456789ab'

describe('current mode auth', () => {
  let sandbox: SandboxGateway
  beforeAll(async () => {
    sandbox = await startSandbox({ mode: 'current', accessToken: TOKEN, userId: 42 })
  })
  afterAll(() => sandbox.close())
  afterEach(() => {
    sandbox.control.setUser({ status: 1, role: 1 })
  })

  const self = (headers: Record<string, string>) => call(sandbox, 'GET', '/api/user/self', { headers })

  it.each([
    ['Bearer', `Bearer ${TOKEN}`],
    ['lower-case bearer', `bearer ${TOKEN}`],
    ['upper-case BEARER', `BEARER ${TOKEN}`],
    ['bare token', TOKEN],
  ])('accepts %s without New-Api-User', async (_label, authorization) => {
    const res = await self({ authorization })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ success: true, data: { id: 42 } })
  })

  it('ignores a wrong New-Api-User', async () => {
    const res = await self({ authorization: `Bearer ${TOKEN}`, 'new-api-user': 'nope' })
    expect(res.json.success).toBe(true)
  })

  // middleware/auth.go (current generation, from 2026-07-20): authorizationToken() reads the header;
  // authHelper() maps each failure to a status and code; texts are i18n/locales/zh-CN.yaml's.
  const INVALID = { success: false, code: 'AUTH_UNAUTHORIZED', message: '无权进行此操作，access token 无效' }
  it.each([
    ['no Authorization header', {}],
    ['an empty header', { authorization: '   ' }],
    ['an unknown token', { authorization: 'Bearer wrong' }],
    ['another scheme', { authorization: `Token ${TOKEN}` }],
    ['three words', { authorization: `Bearer ${TOKEN} x` }],
  ])('answers 401 AUTH_UNAUTHORIZED, "access token 无效", for %s', async (_label, headers) => {
    const res = await self(headers)
    expect(res.status).toBe(401)
    expect(res.json).toEqual(INVALID)
  })

  it('accepts the token after any run of whitespace, around it too', async () => {
    expect((await self({ authorization: `  bearer \t ${TOKEN}  ` })).json.success).toBe(true)
  })

  it('answers a banned user with 401 AUTH_USER_DISABLED and a low role with 403', async () => {
    sandbox.control.setUser({ status: 2 })
    let res = await self({ authorization: TOKEN })
    expect(res.status).toBe(401)
    expect(res.json).toEqual({ success: false, code: 'AUTH_USER_DISABLED', message: '用户已被封禁' })
    sandbox.control.setUser({ status: 1, role: 0 })
    res = await self({ authorization: TOKEN })
    expect(res.status).toBe(403)
    expect(res.json).toEqual({
      success: false,
      code: 'AUTH_INSUFFICIENT_PRIVILEGE',
      message: '无权进行此操作，权限不足',
    })
  })

  it('protects the token routes too', async () => {
    const list = await call(sandbox, 'GET', '/api/token/', { headers: {} })
    expect(list.status).toBe(401)
    const put = await call(sandbox, 'PUT', '/api/token/', { headers: {}, body: { id: 101, status: 2 } })
    expect(put.status).toBe(401)
    expect(sandbox.control.token(101)!.name).toBe('生产-主账号')
  })
})

describe('classic mode auth', () => {
  let sandbox: SandboxGateway
  beforeAll(async () => {
    sandbox = await startSandbox({ mode: 'classic', accessToken: TOKEN, userId: 42 })
  })
  afterAll(() => sandbox.close())
  afterEach(() => {
    sandbox.control.setUser({ status: 1, role: 1 })
  })

  const self = (headers: Record<string, string>) => call(sandbox, 'GET', '/api/user/self', { headers })
  const bearer = `Bearer ${TOKEN}`

  it('accepts the exact Bearer prefix or a bare token with the right New-Api-User', async () => {
    for (const authorization of [bearer, TOKEN]) {
      const res = await self({ authorization, 'new-api-user': '42' })
      expect(res.status).toBe(200)
      expect(res.json).toMatchObject({ success: true, data: { id: 42 } })
    }
  })

  // One row per line of the table in docs/newapi-behaviour.md §2.
  const table: Array<[string, Record<string, string>, number, string, (() => void)?]> = [
    ['no Authorization', { 'new-api-user': '42' }, 401, '无权进行此操作，未登录且未提供 access token'],
    [
      'unknown access token',
      { authorization: 'Bearer wrong', 'new-api-user': '42' },
      200,
      '无权进行此操作，access token 无效',
    ],
    [
      'lower-case bearer',
      { authorization: `bearer ${TOKEN}`, 'new-api-user': '42' },
      200,
      '无权进行此操作，access token 无效',
    ],
    ['New-Api-User missing', { authorization: bearer }, 401, '无权进行此操作，未提供 New-Api-User'],
    [
      'New-Api-User not an integer',
      { authorization: bearer, 'new-api-user': '4.2' },
      401,
      '无权进行此操作，New-Api-User 格式错误',
    ],
    [
      'New-Api-User ≠ owner',
      { authorization: bearer, 'new-api-user': '1' },
      401,
      '无权进行此操作，New-Api-User 与登录用户不匹配',
    ],
    [
      'user banned',
      { authorization: bearer, 'new-api-user': '42' },
      200,
      '用户已被封禁',
      () => sandbox.control.setUser({ status: 2 }),
    ],
    [
      'role too low',
      { authorization: bearer, 'new-api-user': '42' },
      200,
      '无权进行此操作，权限不足',
      () => sandbox.control.setUser({ role: 0 }),
    ],
  ]
  for (const [label, headers, status, message, arrange] of table) {
    it(`${label} → HTTP ${status} "${message}"`, async () => {
      arrange?.()
      const res = await self(headers)
      expect(res.status).toBe(status)
      expect(res.json).toEqual({ success: false, message })
    })
  }

  it('accepts a New-Api-User that Go’s Atoi reads as the same number', async () => {
    const res = await self({ authorization: bearer, 'new-api-user': '+042' })
    expect(res.json.success).toBe(true)
  })

  it('can ban and restore the user over the HTTP control surface', async () => {
    const ban = await fetch(`${sandbox.baseUrl}/__sandbox/user`, {
      method: 'POST',
      body: JSON.stringify({ status: 2 }),
    })
    expect(ban.status).toBe(200)
    expect((await self({ authorization: bearer, 'new-api-user': '42' })).json.message).toBe('用户已被封禁')
    await fetch(`${sandbox.baseUrl}/__sandbox/user`, { method: 'POST', body: JSON.stringify({ status: 1 }) })
    expect((await self({ authorization: bearer, 'new-api-user': '42' })).json.success).toBe(true)
  })

  it('leaves /api/status public', async () => {
    const res = await call(sandbox, 'GET', '/api/status', { headers: {} })
    expect(res.json.success).toBe(true)
  })
})
