import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// Envelope, status/self, routing (redirects, 404, index page) and the version header.

let sandbox: SandboxGateway
beforeAll(async () => {
  sandbox = await startSandbox({ quotaPerUnit: 1_000_000, displayType: 'CNY', userId: 7 })
})
afterAll(() => sandbox.close())

describe('sandbox transport', () => {
  it('binds 127.0.0.1 on an ephemeral port and generates a 32-character access token', () => {
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.baseUrl).not.toMatch(/:0$/)
    expect(sandbox.accessToken).toHaveLength(32)
    expect(sandbox.userId).toBe(7)
  })

  it('serves /api/status without auth, reporting the configured money settings', async () => {
    const res = await call(sandbox, 'GET', '/api/status', { headers: {} })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ success: true, message: '' })
    expect(res.json.data).toMatchObject({
      system_name: 'TokenDesk Sandbox',
      quota_per_unit: 1_000_000,
      quota_display_type: 'CNY',
      usd_exchange_rate: 7.3,
      custom_currency_symbol: expect.any(String),
      custom_currency_exchange_rate: expect.any(Number),
      display_in_currency: true,
      default_use_auto_group: false,
      // Upstream's value until an admin sets one.
      server_address: 'http://localhost:3000',
    })
    expect(typeof (res.json.data as { version: unknown }).version).toBe('string')
  })

  it('serves /api/user/self for the authenticated user', async () => {
    const res = await call(sandbox, 'GET', '/api/user/self')
    expect(res.json.success).toBe(true)
    expect(res.json.data).toMatchObject({
      id: 7,
      username: 'sandbox',
      role: 1,
      status: 1,
      group: 'default',
      quota: 100 * 1_000_000,
    })
    const self = res.json.data as { display_name: unknown; used_quota: unknown; request_count: unknown }
    expect(typeof self.display_name).toBe('string')
    expect(typeof self.used_quota).toBe('number')
    expect(typeof self.request_count).toBe('number')
  })

  it('stamps X-New-Api-Version in current mode', async () => {
    const res = await call(sandbox, 'GET', '/api/status')
    const data = res.json.data as { version: string }
    expect(res.headers.get('x-new-api-version')).toBe(data.version)
  })

  it('answers an unknown /api route with 404 and an OpenAI-style error, before checking auth', async () => {
    const res = await call(sandbox, 'GET', '/api/token/auto-groups/extra', { headers: {} })
    expect(res.status).toBe(404)
    expect(res.json).toEqual({
      error: {
        message: 'Invalid URL (GET /api/token/auto-groups/extra)',
        type: 'invalid_request_error',
        param: '',
        code: '',
      },
    })
    const wrongMethod = await call(sandbox, 'DELETE', '/api/status')
    expect(wrongMethod.status).toBe(404)
  })

  it('redirects /api/token to /api/token/ with 301 for GET, keeping the query', async () => {
    const res = await call(sandbox, 'GET', '/api/token?p=2&page_size=3')
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe('/api/token/?p=2&page_size=3')
  })

  it('redirects other methods with 307 so the body survives, and follows to a working PUT', async () => {
    const res = await call(sandbox, 'PUT', '/api/token?status_only=1', { body: { id: 101, status: 2 } })
    expect(res.status).toBe(307)
    expect(res.headers.get('location')).toBe('/api/token/?status_only=1')
    const followed = await fetch(`${sandbox.baseUrl}/api/token?status_only=1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sandbox.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 101, status: 2 }),
    })
    expect(((await followed.json()) as { success: boolean }).success).toBe(true)
    expect(sandbox.control.token(101)?.status).toBe(2)
  })

  it('redirects a token id with a trailing slash to the canonical path', async () => {
    const res = await call(sandbox, 'GET', '/api/token/101/')
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe('/api/token/101')
  })

  it('serves the web UI page for paths outside /api, like a real server', async () => {
    const res = await call(sandbox, 'GET', '/console/token')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
  })

  it('does not expose the control surface under /api/', async () => {
    const res = await call(sandbox, 'GET', '/api/__sandbox/tokens')
    expect(res.status).toBe(404)
  })
})

describe('sandbox older modes transport', () => {
  // The header arrived on 2026-01-30: the classic generation (from 2026-04-06) sends it, legacy does not.
  it.each([
    ['classic', true],
    ['legacy', false],
  ] as const)('%s mode: X-New-Api-Version present = %s', async (mode, present) => {
    const older = await startSandbox({ mode })
    try {
      const res = await call(older, 'GET', '/api/status')
      expect(res.json.success).toBe(true)
      const version = (res.json.data as { version: string }).version
      expect(res.headers.get('x-new-api-version')).toBe(present ? version : null)
    } finally {
      await older.close()
    }
  })

  it('close() frees the port: later requests fail to connect', async () => {
    const temporary = await startSandbox()
    await call(temporary, 'GET', '/api/status')
    await temporary.close()
    await expect(fetch(`${temporary.baseUrl}/api/status`)).rejects.toThrow()
  })
})
