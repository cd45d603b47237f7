import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { authHeaders, call } from './sandbox-client'

// The test levers: consume(), request recording, patchToken(), and their HTTP face under /__sandbox/.

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

describe('control.consume', () => {
  it('draws quota like real usage and the API reports it', async () => {
    const before = sandbox.control.token(102)!
    const selfBefore = (await call(sandbox, 'GET', '/api/user/self')).json.data as {
      used_quota: number
      quota: number
    }
    sandbox.control.consume(102, 1_000_000)
    const after = sandbox.control.token(102)!
    expect(after.remain_quota).toBe(before.remain_quota - 1_000_000)
    expect(after.used_quota).toBe(before.used_quota + 1_000_000)
    expect(after.accessed_time).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 1)
    expect(after.accessed_time).toBeGreaterThan(before.accessed_time)
    const api = (await call(sandbox, 'GET', '/api/token/102')).json.data as { remain_quota: number }
    expect(api.remain_quota).toBe(after.remain_quota)
    const selfAfter = (await call(sandbox, 'GET', '/api/user/self')).json.data as {
      used_quota: number
      quota: number
    }
    expect(selfAfter.used_quota).toBe(selfBefore.used_quota + 1_000_000)
    expect(selfAfter.quota).toBe(selfBefore.quota - 1_000_000)
  })

  it('lets an unlimited token go negative and leaves the stored status alone', () => {
    sandbox.control.consume(101, 5)
    expect(sandbox.control.token(101)).toMatchObject({ unlimited_quota: true, remain_quota: -5, status: 1 })
  })

  it('throws for an unknown id', () => {
    expect(() => sandbox.control.consume(9999, 1)).toThrow(/9999/)
  })

  it('shows why a stale full update refunds usage (the lost update of §6)', async () => {
    const stale = (await call(sandbox, 'GET', '/api/token/102')).json.data as Record<string, unknown>
    sandbox.control.consume(102, 7)
    await call(sandbox, 'PUT', '/api/token/', { body: stale })
    expect(sandbox.control.token(102)!.remain_quota).toBe(stale.remain_quota)
  })
})

describe('control.tokens / patchToken', () => {
  it('returns deep copies with unmasked keys', () => {
    const rows = sandbox.control.tokens()
    expect(rows[0]!.key).toMatch(/^[A-Za-z0-9]{48}$/)
    rows[0]!.name = 'mutated'
    const auto = rows.find((row) => row.group === 'auto')!
    auto.auto_groups!.push('x')
    expect(sandbox.control.token(rows[0]!.id)!.name).not.toBe('mutated')
    expect(sandbox.control.token(auto.id)!.auto_groups).toEqual(['vip', 'default'])
  })

  it('patchToken changes a row as a concurrent editor would, but never its id', async () => {
    const patched = sandbox.control.patchToken(104, { name: 'theirs', id: 1 })
    expect(patched).toMatchObject({ id: 104, name: 'theirs' })
    const api = (await call(sandbox, 'GET', '/api/token/104')).json.data as { name: string }
    expect(api.name).toBe('theirs')
  })
})

describe('request recording', () => {
  it('records method, path with query, lower-cased headers and the parsed body', async () => {
    sandbox.control.clearRequests()
    await call(sandbox, 'GET', '/api/token/?p=1&page_size=5')
    await call(sandbox, 'PUT', '/api/token/?status_only=true', { body: { id: 101, status: 2 } })
    await call(sandbox, 'PUT', '/api/token/', { rawBody: 'not json' })
    const recorded = sandbox.control.requests()
    expect(recorded.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/token/?p=1&page_size=5',
      'PUT /api/token/?status_only=true',
      'PUT /api/token/',
    ])
    const [list, put, raw] = recorded
    expect(list!.headers.authorization).toBe(`Bearer ${sandbox.accessToken}`)
    expect(list!.headers['new-api-user']).toBe(String(sandbox.userId))
    expect(list!.body).toBeNull()
    expect(put!.body).toEqual({ id: 101, status: 2 })
    expect(put!.headers['content-type']).toBe('application/json')
    expect(raw!.body).toBe('not json')
    expect(typeof list!.at).toBe('number')
    expect(list!.at).toBeLessThanOrEqual(put!.at)
  })

  it('records failed and unknown requests too, and clearRequests() empties the log', async () => {
    await call(sandbox, 'GET', '/api/nope', { headers: {} })
    expect(sandbox.control.requests().some((r) => r.path === '/api/nope')).toBe(true)
    sandbox.control.clearRequests()
    expect(sandbox.control.requests()).toEqual([])
  })
})

describe('HTTP control surface', () => {
  it('GET /__sandbox/tokens returns raw rows without auth', async () => {
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/tokens`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(sandbox.control.tokens())
  })

  it('POST /__sandbox/tokens/{id}/consume draws quota', async () => {
    const before = sandbox.control.token(102)!.remain_quota
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/tokens/102/consume`, {
      method: 'POST',
      body: JSON.stringify({ quota: 123 }),
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { remain_quota: number }).remain_quota).toBe(before - 123)
    expect(sandbox.control.token(102)!.remain_quota).toBe(before - 123)
  })

  it('rejects a bad consume body or an unknown token', async () => {
    const bad = await fetch(`${sandbox.baseUrl}/__sandbox/tokens/102/consume`, {
      method: 'POST',
      body: '{"quota":"x"}',
    })
    expect(bad.status).toBe(400)
    const missing = await fetch(`${sandbox.baseUrl}/__sandbox/tokens/9999/consume`, {
      method: 'POST',
      body: '{"quota":1}',
    })
    expect(missing.status).toBe(404)
  })

  it('GET /__sandbox/requests lists client requests but not control calls', async () => {
    sandbox.control.clearRequests()
    await call(sandbox, 'GET', '/api/status', { headers: authHeaders(sandbox) })
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/requests`)
    const recorded = (await res.json()) as Array<{ path: string }>
    expect(recorded.map((r) => r.path)).toEqual(['/api/status'])
    await fetch(`${sandbox.baseUrl}/__sandbox/requests`, { method: 'DELETE' })
    expect(sandbox.control.requests()).toEqual([])
  })
})

describe('going offline and coming back', () => {
  it('refuses connections while offline, keeps every token and usage, and answers again on the same port', async () => {
    const sandbox = await startSandbox()
    try {
      const url = `${sandbox.baseUrl}/api/status`
      expect((await fetch(url)).status).toBe(200)
      const before = sandbox.control.token(102)!
      await sandbox.goOffline()
      await expect(fetch(url)).rejects.toThrow()
      // The server's state lives on: someone uses a key, an admin edits a token.
      sandbox.control.consume(102, 1_000)
      sandbox.control.patchToken(103, { name: 'changed while down' })
      await sandbox.comeBack()
      expect((await fetch(url)).status).toBe(200)
      expect(sandbox.control.token(102)!.remain_quota).toBe(before.remain_quota - 1_000)
      expect(sandbox.control.token(103)!.name).toBe('changed while down')
    } finally {
      await sandbox.close()
    }
  })

  it('closes cleanly while offline', async () => {
    const sandbox = await startSandbox()
    await sandbox.goOffline()
    await expect(sandbox.close()).resolves.toBeUndefined()
  })
})
