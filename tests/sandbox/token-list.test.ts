import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call, type TokenPage } from './sandbox-client'

// Listing, paging, masking and reading one token (docs/newapi-behaviour.md §4–5), plus the seed data.

const MASKED = /^[A-Za-z0-9]{4}\*{10}[A-Za-z0-9]{4}$/

let sandbox: SandboxGateway
beforeAll(async () => {
  sandbox = await startSandbox({ seedTokens: 125 })
})
afterAll(() => sandbox.close())

async function page(query: string): Promise<TokenPage> {
  const res = await call(sandbox, 'GET', `/api/token/${query}`)
  expect(res.status).toBe(200)
  expect(res.json.success).toBe(true)
  return res.json.data as TokenPage
}

describe('GET /api/token/', () => {
  it('returns 1-based pages newest first with total, default size 10', async () => {
    const first = await page('')
    expect(first).toMatchObject({ page: 1, page_size: 10, total: 125 })
    const ids = first.items.map((item) => item.id)
    expect(ids).toHaveLength(10)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    const newest = Math.max(...sandbox.control.tokens().map((token) => token.id))
    expect(ids[0]).toBe(newest)
    const second = await page('?p=2&page_size=10')
    expect(second.items[0]?.id).toBe(ids[9]! - 1)
  })

  it('maps p=0 to page 1 and accepts the `size` alias', async () => {
    const zero = await page('?p=0&size=5')
    const one = await page('?p=1&page_size=5')
    expect(zero.page).toBe(1)
    expect(zero.page_size).toBe(5)
    expect(zero.items.map((item) => item.id)).toEqual(one.items.map((item) => item.id))
  })

  it('caps page_size at 100', async () => {
    const big = await page('?p=1&page_size=500')
    expect(big.page_size).toBe(100)
    expect(big.items).toHaveLength(100)
    const rest = await page('?p=2&page_size=100')
    expect(rest.items).toHaveLength(25)
  })

  it('returns an empty page past the end', async () => {
    const past = await page('?p=99&page_size=50')
    expect(past).toMatchObject({ page: 99, total: 125, items: [] })
  })

  it('masks every key: first 4 + ten stars + last 4 of the stored key', async () => {
    const all = await page('?p=1&page_size=100')
    for (const item of all.items) {
      expect(item.key).toMatch(MASKED)
      const stored = sandbox.control.token(item.id)!.key
      expect(item.key).toBe(`${stored.slice(0, 4)}**********${stored.slice(-4)}`)
    }
  })
})

describe('GET /api/token/{id}', () => {
  it('returns one token with its fields, key masked', async () => {
    const stored = sandbox.control.token(103)!
    const res = await call(sandbox, 'GET', '/api/token/103')
    expect(res.json.success).toBe(true)
    const data = res.json.data as Record<string, unknown>
    expect(data).toMatchObject({ ...stored, key: expect.stringMatching(MASKED) })
    expect(data.key).not.toBe(stored.key)
  })

  it('answers success:false "record not found" (HTTP 200) for a missing id', async () => {
    const res = await call(sandbox, 'GET', '/api/token/999999')
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ success: false, message: 'record not found' })
  })

  it('treats a non-numeric id as a failed conversion, not a 404', async () => {
    const res = await call(sandbox, 'GET', '/api/token/abc')
    expect(res.status).toBe(200)
    expect(res.json.success).toBe(false)
    expect(res.json.message).toContain('invalid syntax')
  })
})

describe('seed data', () => {
  it('is deterministic across runs except for times', async () => {
    const other = await startSandbox({ seedTokens: 125 })
    try {
      const strip = (rows: ReturnType<SandboxGateway['control']['tokens']>) =>
        rows.map(({ created_time: _c, accessed_time: _a, expired_time, ...rest }) => ({
          ...rest,
          never: expired_time === -1,
        }))
      expect(strip(other.control.tokens())).toEqual(strip(sandbox.control.tokens()))
    } finally {
      await other.close()
    }
  })

  it('covers the cases a client must handle', async () => {
    const small = await startSandbox()
    try {
      const rows = small.control.tokens()
      const now = Date.now() / 1000
      expect(rows).toHaveLength(12)
      expect(rows.every((row) => /^[A-Za-z0-9]{48}$/.test(row.key))).toBe(true)
      expect(new Set(rows.map((row) => row.key)).size).toBe(12)
      expect(rows.some((row) => row.name === '生产-主账号' && row.unlimited_quota)).toBe(true)
      expect(rows.some((row) => row.remain_quota === 250_000_000_000 && !row.unlimited_quota)).toBe(true)
      expect(rows.some((row) => row.expired_time === -1)).toBe(true)
      expect(rows.some((row) => row.expired_time > now)).toBe(true)
      expect(rows.some((row) => row.expired_time !== -1 && row.expired_time < now)).toBe(true)
      expect(rows.some((row) => !row.unlimited_quota && row.remain_quota <= 0)).toBe(true)
      expect(rows.some((row) => row.status === 2)).toBe(true)
      expect(rows.some((row) => row.model_limits === 'gpt-4o,claude-3-5-sonnet')).toBe(true)
      expect(rows.some((row) => row.allow_ips === '10.0.0.0/8\n192.168.1.7')).toBe(true)
      expect(new Set(rows.map((row) => row.group))).toEqual(
        new Set(['', 'default', 'vip,default', 'vip', 'auto']),
      )
      expect(rows.some((row) => Buffer.byteLength(row.name) === 50)).toBe(true)
      // Plain new-api has no fork columns at all.
      expect(rows.some((row) => 'mj_image_mode' in row || 'selected_groups' in row)).toBe(false)
    } finally {
      await small.close()
    }
  })

  it('gives every row the fork columns when it plays the AnyAPI-like fork', async () => {
    const fork = await startSandbox({ fork: 'anyapi' })
    try {
      const rows = fork.control.tokens()
      for (const row of rows) {
        expect(typeof row.mj_image_mode).toBe('string')
        expect(typeof row.mj_custom_proxy).toBe('string')
        expect(Array.isArray(row.selected_groups)).toBe(true)
      }
      expect(rows.some((row) => row.mj_image_mode === 'default')).toBe(true)
      expect(rows.some((row) => row.mj_image_mode !== 'default')).toBe(true)
      expect(rows.some((row) => (row.selected_groups as string[]).length > 1)).toBe(true)
    } finally {
      await fork.close()
    }
  })
})
