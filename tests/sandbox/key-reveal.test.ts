import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// POST /api/token/{id}/key and POST /api/token/batch/keys (docs/newapi-behaviour.md §5), and the critical
// rate limit both share. Legacy servers lack them (modes.test.ts).

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox({ seedTokens: 120, rateLimits: { critical: false } })
})
afterEach(() => sandbox.close())

describe('POST /api/token/{id}/key', () => {
  it('returns the plaintext key without the sk- prefix', async () => {
    const res = await call(sandbox, 'POST', '/api/token/103/key')
    expect(res.json).toEqual({ success: true, message: '', data: { key: sandbox.control.token(103)!.key } })
    expect((res.json.data as { key: string }).key).toMatch(/^[A-Za-z0-9]{48}$/)
  })

  it('fails like get for a missing or malformed id', async () => {
    expect((await call(sandbox, 'POST', '/api/token/9999/key')).json).toEqual({
      success: false,
      message: 'record not found',
    })
    expect((await call(sandbox, 'POST', '/api/token/abc/key')).json.message).toBe(
      'strconv.Atoi: parsing "abc": invalid syntax',
    )
  })

  it('needs auth', async () => {
    const res = await call(sandbox, 'POST', '/api/token/103/key', { headers: {} })
    expect(res.status).toBe(401)
    expect(res.text).not.toContain(sandbox.control.token(103)!.key)
  })
})

describe('POST /api/token/batch/keys', () => {
  it('maps id strings to keys and omits unknown or deleted ids', async () => {
    await call(sandbox, 'DELETE', '/api/token/104')
    const res = await call(sandbox, 'POST', '/api/token/batch/keys', { body: { ids: [101, 9999, 104, 102] } })
    expect(res.json).toEqual({
      success: true,
      message: '',
      data: { keys: { '101': sandbox.control.token(101)!.key, '102': sandbox.control.token(102)!.key } },
    })
  })

  it('accepts 100 ids and refuses 101', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => 101 + i)
    const hundred = await call(sandbox, 'POST', '/api/token/batch/keys', { body: { ids: ids(100) } })
    expect(Object.keys((hundred.json.data as { keys: object }).keys)).toHaveLength(100)
    const tooMany = await call(sandbox, 'POST', '/api/token/batch/keys', { body: { ids: ids(101) } })
    expect(tooMany.json).toEqual({ success: false, message: '批量请求数量过多，最多 100 条' })
  })

  it('refuses an empty or malformed body', async () => {
    for (const body of [{ ids: [] }, { ids: 'x' }, {}]) {
      expect((await call(sandbox, 'POST', '/api/token/batch/keys', { body })).json).toEqual({
        success: false,
        message: '无效的参数',
      })
    }
  })
})

describe('the critical rate limit', () => {
  it('is one bucket for both reveal routes and leaves other routes alone', async () => {
    const limited = await startSandbox({ rateLimits: { critical: { requests: 3, windowSeconds: 60 } } })
    try {
      expect((await call(limited, 'POST', '/api/token/101/key')).status).toBe(200)
      expect((await call(limited, 'POST', '/api/token/batch/keys', { body: { ids: [101] } })).status).toBe(
        200,
      )
      expect((await call(limited, 'POST', '/api/token/102/key')).status).toBe(200)
      for (const attempt of [
        call(limited, 'POST', '/api/token/103/key'),
        call(limited, 'POST', '/api/token/batch/keys', { body: { ids: [101] } }),
      ]) {
        const res = await attempt
        expect(res.status).toBe(429)
        expect(res.text).toBe('')
        const retryAfter = Number(res.headers.get('retry-after'))
        expect(retryAfter).toBeGreaterThan(0)
        expect(retryAfter).toBeLessThanOrEqual(60)
      }
      expect((await call(limited, 'GET', '/api/token/103')).json.success).toBe(true)
    } finally {
      await limited.close()
    }
  })

  it('defaults to 20 per 1200 s', async () => {
    const defaults = await startSandbox()
    try {
      const statuses: number[] = []
      for (let i = 0; i < 21; i++) statuses.push((await call(defaults, 'POST', '/api/token/101/key')).status)
      expect(statuses.filter((status) => status === 200)).toHaveLength(20)
      expect(statuses.at(-1)).toBe(429)
    } finally {
      await defaults.close()
    }
  })
})
