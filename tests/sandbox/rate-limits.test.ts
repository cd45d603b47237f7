import { describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway, type SandboxOptions } from '../../src/sandbox'
import { RateLimiter } from '../../src/sandbox/rate-limiter'
import { call } from './sandbox-client'

// Rate limits (docs/newapi-behaviour.md §3): 429 with an empty body; Retry-After only in current mode.
// Small configured limits keep these fast.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function withSandbox(options: SandboxOptions, run: (sandbox: SandboxGateway) => Promise<void>) {
  const sandbox = await startSandbox(options)
  try {
    await run(sandbox)
  } finally {
    await sandbox.close()
  }
}

describe('RateLimiter', () => {
  it('accepts `requests` calls per sliding window and says when the next one fits', () => {
    let now = 10_000
    const limiter = new RateLimiter({ requests: 2, windowSeconds: 10 }, () => now)
    expect(limiter.take('a')).toBeNull()
    now += 4_000
    expect(limiter.take('a')).toBeNull()
    expect(limiter.take('b')).toBeNull()
    now += 1_000
    expect(limiter.take('a')).toBe(5) // the first call leaves the window 5 s from now
    now += 4_500
    expect(limiter.take('a')).toBe(1) // rounded up
    now += 500
    expect(limiter.take('a')).toBeNull()
    expect(limiter.take('a')).toBe(4)
  })

  it('does nothing when off', () => {
    const limiter = new RateLimiter(false)
    for (let i = 0; i < 1000; i++) expect(limiter.take('a')).toBeNull()
  })
})

describe.each([
  ['current', true],
  ['classic', false],
  ['legacy', false],
] as const)('global limit in %s mode', (mode, retryAfter) => {
  it(`answers the call over the limit with an empty 429 ${retryAfter ? 'with' : 'without'} Retry-After`, async () => {
    await withSandbox(
      { mode, rateLimits: { global: { requests: 5, windowSeconds: 1 } } },
      async (sandbox) => {
        for (let i = 0; i < 5; i++) expect((await call(sandbox, 'GET', '/api/token/')).status).toBe(200)
        const refused = await call(sandbox, 'GET', '/api/token/102')
        expect(refused.status).toBe(429)
        expect(refused.text).toBe('')
        expect(refused.headers.get('retry-after')).toBe(retryAfter ? '1' : null)
        // Even the public status route counts; it is refused too.
        expect((await call(sandbox, 'GET', '/api/status', { headers: {} })).status).toBe(429)
      },
    )
  })
})

describe('global limit', () => {
  it('lets calls in again once the window has passed', async () => {
    await withSandbox({ rateLimits: { global: { requests: 2, windowSeconds: 1 } } }, async (sandbox) => {
      await call(sandbox, 'GET', '/api/status')
      await call(sandbox, 'GET', '/api/status')
      expect((await call(sandbox, 'GET', '/api/status')).status).toBe(429)
      await sleep(1050)
      expect((await call(sandbox, 'GET', '/api/status')).status).toBe(200)
    })
  })

  it('counts matched /api routes only: not 404s, redirects, web pages or control calls', async () => {
    await withSandbox({ rateLimits: { global: { requests: 2, windowSeconds: 60 } } }, async (sandbox) => {
      await call(sandbox, 'GET', '/api/nope')
      await call(sandbox, 'GET', '/api/token')
      await call(sandbox, 'GET', '/console')
      await fetch(`${sandbox.baseUrl}/__sandbox/tokens`)
      expect((await call(sandbox, 'GET', '/api/status')).status).toBe(200)
      expect((await call(sandbox, 'GET', '/api/user/self')).status).toBe(200)
      const refused = await call(sandbox, 'GET', '/api/user/self')
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(55)
    })
  })

  it('counts calls that then fail auth', async () => {
    await withSandbox({ rateLimits: { global: { requests: 2, windowSeconds: 60 } } }, async (sandbox) => {
      expect((await call(sandbox, 'GET', '/api/token/', { headers: {} })).status).toBe(401)
      expect((await call(sandbox, 'GET', '/api/token/', { headers: {} })).status).toBe(401)
      expect((await call(sandbox, 'GET', '/api/token/')).status).toBe(429)
    })
  })

  it('can be turned off', async () => {
    await withSandbox({ rateLimits: { global: false } }, async (sandbox) => {
      for (let i = 0; i < 30; i++) expect((await call(sandbox, 'GET', '/api/status')).status).toBe(200)
    })
  })

  it('defaults to the limit of the mode (legacy: 180 per 180 s)', async () => {
    await withSandbox({ mode: 'legacy' }, async (sandbox) => {
      const statuses = await Promise.all(
        Array.from({ length: 181 }, () => fetch(`${sandbox.baseUrl}/api/status`).then((res) => res.status)),
      )
      expect(statuses.filter((status) => status === 429)).toHaveLength(1)
    })
  })
})

describe('search limit', () => {
  const search = (sandbox: SandboxGateway, headers?: Record<string, string>) =>
    call(sandbox, 'GET', '/api/token/search?keyword=ci-runner', headers ? { headers } : {})

  it('limits searches per user after auth, leaving other routes alone', async () => {
    await withSandbox({ rateLimits: { search: { requests: 2, windowSeconds: 60 } } }, async (sandbox) => {
      // Refused logins never reach the search limiter.
      for (let i = 0; i < 3; i++) expect((await search(sandbox, {})).status).toBe(401)
      expect((await search(sandbox)).json.success).toBe(true)
      expect((await search(sandbox)).json.success).toBe(true)
      const refused = await search(sandbox)
      expect([refused.status, refused.text]).toEqual([429, ''])
      expect(refused.headers.get('retry-after')).not.toBeNull()
      expect((await call(sandbox, 'GET', '/api/token/')).status).toBe(200)
    })
  })

  it('defaults to 10 per 60 s', async () => {
    await withSandbox({}, async (sandbox) => {
      const statuses: number[] = []
      for (let i = 0; i < 11; i++) statuses.push((await search(sandbox)).status)
      expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true)
      expect(statuses[10]).toBe(429)
    })
  })

  it('sends no Retry-After in classic mode', async () => {
    await withSandbox(
      { mode: 'classic', rateLimits: { search: { requests: 1, windowSeconds: 60 } } },
      async (sandbox) => {
        expect((await search(sandbox)).status).toBe(200)
        const refused = await search(sandbox)
        expect(refused.status).toBe(429)
        expect(refused.headers.get('retry-after')).toBeNull()
      },
    )
  })
})
