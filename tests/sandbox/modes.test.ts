import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MODE_FEATURES,
  SANDBOX_MODES,
  startSandbox,
  type SandboxGateway,
  type SandboxMode,
} from '../../src/sandbox'
import { call, type TokenPage } from './sandbox-client'

// The mode feature table (mode-features.ts) and what it means on the wire: every feature-gated route
// exists exactly where its flag is set, and the generation quirks of docs/newapi-behaviour.md §1–§5.

const sandboxes = {} as Record<SandboxMode, SandboxGateway>
beforeAll(async () => {
  for (const mode of SANDBOX_MODES) sandboxes[mode] = await startSandbox({ mode, seedTokens: 25 })
})
afterAll(() => Promise.all(SANDBOX_MODES.map((mode) => sandboxes[mode].close())))

const OPENAI_404 = { error: expect.objectContaining({ type: 'invalid_request_error' }) }

describe('the feature table', () => {
  it('orders the generations: each older mode lacks only what came later', () => {
    const flags = (mode: SandboxMode) =>
      Object.entries(MODE_FEATURES[mode])
        .filter(([, value]) => value === true)
        .map(([name]) => name)
    expect(flags('classic').every((flag) => flags('current').includes(flag))).toBe(true)
    expect(flags('legacy').every((flag) => flags('classic').includes(flag))).toBe(true)
    expect(flags('legacy').length).toBeLessThan(flags('classic').length)
    expect(flags('classic').length).toBeLessThan(flags('current').length)
  })

  it('sets the name limit and the default global limit per generation', () => {
    expect(MODE_FEATURES.current.maxNameBytes).toBe(50)
    expect(MODE_FEATURES.classic.maxNameBytes).toBe(50)
    expect(MODE_FEATURES.legacy.maxNameBytes).toBe(30)
    expect(MODE_FEATURES.current.globalRateLimit).toEqual({ requests: 360, windowSeconds: 180 })
    expect(MODE_FEATURES.legacy.globalRateLimit).toEqual({ requests: 180, windowSeconds: 180 })
  })
})

describe.each(SANDBOX_MODES)('%s mode', (mode) => {
  const features = MODE_FEATURES[mode]
  const sandbox = () => sandboxes[mode]

  it(`${features.keyReveal ? 'has' : 'lacks'} POST /api/token/{id}/key`, async () => {
    const res = await call(sandbox(), 'POST', '/api/token/101/key')
    if (features.keyReveal)
      expect(res.json).toEqual({ success: true, message: '', data: { key: expect.any(String) } })
    else expect([res.status, res.json]).toEqual([404, OPENAI_404])
  })

  it(`${features.batchKeyReveal ? 'has' : 'lacks'} POST /api/token/batch/keys`, async () => {
    const res = await call(sandbox(), 'POST', '/api/token/batch/keys', { body: { ids: [101] } })
    if (features.batchKeyReveal)
      expect(Object.keys((res.json.data as { keys: object }).keys)).toEqual(['101'])
    else expect([res.status, res.json]).toEqual([404, OPENAI_404])
  })

  it(`${features.batchDelete ? 'has' : 'lacks'} POST /api/token/batch`, async () => {
    const res = await call(sandbox(), 'POST', '/api/token/batch', { body: { ids: [9999] } })
    if (features.batchDelete) expect(res.json).toEqual({ success: true, message: '', data: 0 })
    else expect([res.status, res.json]).toEqual([404, OPENAI_404])
  })

  it(`${features.autoGroups ? 'has' : 'lacks'} GET /api/token/auto-groups`, async () => {
    const res = await call(sandbox(), 'GET', '/api/token/auto-groups')
    expect(res.status).toBe(200)
    if (features.autoGroups) expect(res.json.success).toBe(true)
    // Older servers read the word as a token id.
    else
      expect(res.json).toEqual({
        success: false,
        message: 'strconv.Atoi: parsing "auto-groups": invalid syntax',
      })
  })

  it(`${features.versionHeader ? 'sends' : 'omits'} X-New-Api-Version`, async () => {
    const res = await call(sandbox(), 'GET', '/api/user/self')
    expect(res.headers.has('x-new-api-version')).toBe(features.versionHeader)
  })

  it(`lists with ${features.pagedLists ? '1-based pages' : '0-based bare arrays'} and ${features.maskedKeys ? 'masked' : 'plaintext'} keys`, async () => {
    const rows = sandbox().control.tokens().reverse()
    const first = (await call(sandbox(), 'GET', '/api/token/?p=0&size=5')).json.data
    const second = (await call(sandbox(), 'GET', '/api/token/?p=1&size=5')).json.data
    const ids = (data: unknown) =>
      (Array.isArray(data) ? (data as TokenPage['items']) : (data as TokenPage).items).map((item) => item.id)
    // p=0 is the first page everywhere.
    expect(ids(first)).toEqual(rows.slice(0, 5).map((row) => row.id))
    expect(ids(second)).toEqual(
      rows.slice(features.pagedLists ? 0 : 5, features.pagedLists ? 5 : 10).map((row) => row.id),
    )
    expect(Array.isArray(first)).toBe(!features.pagedLists)
    if (features.pagedLists) expect(first).toMatchObject({ page: 1, page_size: 5, total: 25 })
    const listed = Array.isArray(first) ? (first as TokenPage['items'])[0]! : (first as TokenPage).items[0]!
    const stored = rows[0]!
    expect(listed.key === stored.key).toBe(!features.maskedKeys)
    const one = (await call(sandbox(), 'GET', `/api/token/${stored.id}`)).json.data as { key: string }
    expect(one.key === stored.key).toBe(!features.maskedKeys)
  })

  it(`${features.crossGroupRetry ? 'has' : 'lacks'} the cross_group_retry column and ${features.autoGroups ? 'has' : 'lacks'} auto_groups`, async () => {
    const token = (await call(sandbox(), 'GET', '/api/token/109')).json.data as Record<string, unknown>
    expect('cross_group_retry' in token).toBe(features.crossGroupRetry)
    expect('auto_groups' in token).toBe(features.autoGroups)
  })

  it(`accepts names of ${features.maxNameBytes} bytes, not one more, on create and update`, async () => {
    const fits = 'n'.repeat(features.maxNameBytes)
    const body = { name: fits, unlimited_quota: true, expired_time: -1 }
    expect((await call(sandbox(), 'POST', '/api/token/', { body })).json).toEqual({
      success: true,
      message: '',
    })
    const tooLong = { ...body, name: `${fits}x` }
    expect((await call(sandbox(), 'POST', '/api/token/', { body: tooLong })).json).toEqual({
      success: false,
      message: '令牌名称过长',
    })
    const put = await call(sandbox(), 'PUT', '/api/token/', { body: { ...tooLong, id: 102 } })
    expect(put.json.message).toBe('令牌名称过长')
  })

  it(`authenticates ${features.auth === 'current' ? 'without' : 'only with'} New-Api-User`, async () => {
    const res = await call(sandbox(), 'GET', '/api/user/self', {
      headers: { authorization: `Bearer ${sandbox().accessToken}` },
    })
    if (features.auth === 'current') expect(res.json.success).toBe(true)
    else expect([res.status, res.json.message]).toEqual([401, '无权进行此操作，未提供 New-Api-User'])
  })
})
