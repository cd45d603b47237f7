import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call, type TokenPage } from './sandbox-client'

// GET /api/token/search (docs/newapi-behaviour.md §5): exact match unless `%` is added (current and classic),
// substring and unpaginated (legacy). The search limiter is off here; rate-limits.test.ts covers it.

const NO_SEARCH_LIMIT = { rateLimits: { search: false as const } }

async function search(sandbox: SandboxGateway, query: string) {
  const res = await call(sandbox, 'GET', `/api/token/search?${query}`)
  expect(res.status).toBe(200)
  return res.json
}

const ids = (data: unknown) => (data as TokenPage).items.map((item) => item.id)

describe.each(['current', 'classic'] as const)('exact search (%s)', (mode) => {
  let sandbox: SandboxGateway
  beforeAll(async () => {
    sandbox = await startSandbox({ mode, ...NO_SEARCH_LIMIT })
  })
  afterAll(() => sandbox.close())

  it('matches whole names only, ignoring ASCII case', async () => {
    expect(ids((await search(sandbox, 'keyword=dev-key-01')).data)).toEqual([102])
    expect(ids((await search(sandbox, 'keyword=DEV-KEY-01')).data)).toEqual([102])
    expect(ids((await search(sandbox, 'keyword=dev-key')).data)).toEqual([])
    expect(ids((await search(sandbox, `keyword=${encodeURIComponent('测试-已过期')}`)).data)).toEqual([104])
  })

  it('treats `_` literally and `%` as a wildcard, newest first', async () => {
    expect(ids((await search(sandbox, 'keyword=dev_key-01')).data)).toEqual([])
    expect(ids((await search(sandbox, `keyword=${encodeURIComponent('dev-key%')}`)).data)).toEqual([103, 102])
    expect(ids((await search(sandbox, `keyword=${encodeURIComponent('%only')}`)).data)).toEqual([112])
    expect(ids((await search(sandbox, `keyword=${encodeURIComponent('%key%')}`)).data)).toEqual([103, 102])
  })

  it.each([
    ['%%ab', '搜索模式中不允许包含连续的 % 通配符'],
    ['%a%b%c', '搜索模式中最多允许包含 2 个 % 通配符'],
    ['%a%', '使用模糊搜索时，关键词长度至少为 2 个字符'],
  ])('refuses the pattern %s', async (pattern, message) => {
    expect(await search(sandbox, `keyword=${encodeURIComponent(pattern)}`)).toEqual({
      success: false,
      message,
    })
    expect(await search(sandbox, `token=${encodeURIComponent(pattern)}`)).toEqual({ success: false, message })
  })

  it('finds a key by its full value (with or without sk-) or by a pattern', async () => {
    const { key } = sandbox.control.token(107)!
    expect(ids((await search(sandbox, `token=sk-${key}`)).data)).toEqual([107])
    expect(ids((await search(sandbox, `token=${key}`)).data)).toEqual([107])
    expect(ids((await search(sandbox, `token=${key.slice(0, 20)}`)).data)).toEqual([])
    expect(ids((await search(sandbox, `token=${key.slice(0, 20)}%25`)).data)).toEqual([107])
  })

  it('combines keyword and token, and an empty search lists everything', async () => {
    const { key } = sandbox.control.token(107)!
    expect(ids((await search(sandbox, `keyword=ci-runner&token=${key}`)).data)).toEqual([107])
    expect(ids((await search(sandbox, `keyword=dev-key-01&token=${key}`)).data)).toEqual([])
    expect(((await search(sandbox, 'keyword=&token=')).data as TokenPage).total).toBe(12)
  })

  it('pages like the list, with masked keys', async () => {
    const query = `keyword=${encodeURIComponent('dev-key%')}&page_size=1`
    const first = (await search(sandbox, `${query}&p=1`)).data as TokenPage
    const second = (await search(sandbox, `${query}&p=2`)).data as TokenPage
    expect(first).toMatchObject({ page: 1, page_size: 1, total: 2 })
    expect([...ids(first), ...ids(second)]).toEqual([103, 102])
    expect(first.items[0]!.key).toContain('**********')
  })
})

describe('exact search above max_user_tokens', () => {
  it('refuses every `%` but still finds exact names', async () => {
    const sandbox = await startSandbox({ maxUserTokens: 11, ...NO_SEARCH_LIMIT })
    try {
      expect(await search(sandbox, `keyword=${encodeURIComponent('dev%')}`)).toEqual({
        success: false,
        message: '令牌数量超过上限，仅允许精确搜索，请勿使用 % 通配符',
      })
      expect(ids((await search(sandbox, 'keyword=dev-key-02')).data)).toEqual([103])
      await call(sandbox, 'DELETE', '/api/token/101')
      expect(ids((await search(sandbox, `keyword=${encodeURIComponent('dev%')}`)).data)).toEqual([103, 102])
    } finally {
      await sandbox.close()
    }
  })
})

describe('legacy search', () => {
  let sandbox: SandboxGateway
  beforeAll(async () => {
    sandbox = await startSandbox({ mode: 'legacy', seedTokens: 40, ...NO_SEARCH_LIMIT })
  })
  afterAll(() => sandbox.close())

  const found = async (query: string) => {
    const json = await search(sandbox, query)
    expect(Array.isArray(json.data)).toBe(true)
    return json.data as Array<{ id: number; key: string }>
  }

  it('matches substrings and returns every match as a bare array, keys in plaintext', async () => {
    const rows = await found('keyword=bulk')
    expect(rows.map((row) => row.id)).toEqual(
      sandbox.control
        .tokens()
        .filter((row) => row.name.includes('bulk'))
        .map((row) => row.id)
        .reverse(),
    )
    expect(rows).toHaveLength(28)
    expect(rows[0]!.key).toBe(sandbox.control.token(rows[0]!.id)!.key)
  })

  it('treats `_` as a wildcard and ignores page parameters', async () => {
    expect((await found('keyword=dev_key')).map((row) => row.id)).toEqual([103, 102])
    expect(await found('keyword=key&p=3&page_size=1')).toHaveLength(2)
  })

  it('matches part of a key', async () => {
    const { key } = sandbox.control.token(107)!
    expect((await found(`token=sk-${key.slice(10, 30)}`)).map((row) => row.id)).toEqual([107])
  })
})
