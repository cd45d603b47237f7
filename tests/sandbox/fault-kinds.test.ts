import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { rawGet, rawPut } from './sandbox-client'

// Fault injection: what a raw fetch sees for each kind of control.injectFault (fault-control.test.ts
// covers matching, lifetime, latency and the HTTP control surface).

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

const get = (path: string, init: RequestInit = {}) => rawGet(sandbox, path, init)
const put = (body: unknown) => rawPut(sandbox, body)

describe('fault kinds', () => {
  it('status: that status, an empty body, Retry-After when given', async () => {
    sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 7 })
    sandbox.control.injectFault({ kind: 'status', status: 503 })
    const first = await get('/api/token/102')
    expect([first.status, await first.text(), first.headers.get('retry-after')]).toEqual([429, '', '7'])
    const second = await get('/api/token/102')
    expect([second.status, await second.text(), second.headers.get('retry-after')]).toEqual([503, '', null])
  })

  it.each([
    [502, 'nginx', '502 Bad Gateway'],
    [503, 'nginx', '503 Service Temporarily Unavailable'],
    [500, 'nginx', '500 Internal Server Error'],
    [522, 'cloudflare', 'Cloudflare'],
  ])('html %i: a %s error page that is not JSON', async (status, server, text) => {
    sandbox.control.injectFault({ kind: 'html', status })
    const res = await get('/api/token/')
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.headers.get('server')).toBe(server)
    const body = await res.text()
    expect(body).toContain(text)
    expect(() => JSON.parse(body) as unknown).toThrow()
  })

  it('invalid-json: 200 with a JSON content type and a cut-off body', async () => {
    sandbox.control.injectFault({ kind: 'invalid-json' })
    const res = await get('/api/token/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    await expect(res.json()).rejects.toThrow(SyntaxError)
  })

  it('truncated: headers arrive, reading the body fails, and the update did happen', async () => {
    sandbox.control.injectFault({ kind: 'truncated' })
    const res = await put({ id: 101, name: 'renamed', unlimited_quota: true, expired_time: -1 })
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(10)
    await expect(res.text()).rejects.toThrow()
    expect(sandbox.control.token(101)!.name).toBe('renamed')
  })

  it('reset: fetch rejects and, by default, the request never reached the gateway', async () => {
    sandbox.control.injectFault({ kind: 'reset' })
    await expect(put({ id: 101, name: 'lost', unlimited_quota: true, expired_time: -1 })).rejects.toThrow()
    expect(sandbox.control.token(101)!.name).toBe('生产-主账号')
    expect(sandbox.control.requests().map((r) => r.method)).toEqual(['PUT'])
  })

  it('reset with processed:true: the update went through although the client saw an error', async () => {
    sandbox.control.injectFault({ kind: 'reset' }, { processed: true })
    await expect(put({ id: 101, name: 'applied', unlimited_quota: true, expired_time: -1 })).rejects.toThrow()
    expect(sandbox.control.token(101)!.name).toBe('applied')
  })

  it('hang: no answer until the client gives up', async () => {
    sandbox.control.injectFault({ kind: 'hang' })
    const started = Date.now()
    await expect(get('/api/token/', { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i)
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect((await get('/api/token/')).status).toBe(200)
  })

  it('slow: the real answer, late', async () => {
    sandbox.control.injectFault({ kind: 'slow', ms: 250 })
    const started = Date.now()
    const res = await get('/api/token/102')
    expect(Date.now() - started).toBeGreaterThanOrEqual(240)
    expect(((await res.json()) as { data: { id: number } }).data.id).toBe(102)
  })

  it('oversized: a valid success envelope of the requested size', async () => {
    const bytes = 3 * 1024 * 1024
    sandbox.control.injectFault({ kind: 'oversized', bytes })
    const res = await get('/api/token/')
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('content-length'))).toBe(bytes)
    const text = await res.text()
    expect(Buffer.byteLength(text)).toBe(bytes)
    expect(JSON.parse(text)).toMatchObject({ success: true, data: { items: [] } })
  })

  it('oversized: a client that aborts mid-body does not upset the sandbox', async () => {
    sandbox.control.injectFault({ kind: 'oversized', bytes: 50 * 1024 * 1024 })
    const controller = new AbortController()
    const res = await get('/api/token/', { signal: controller.signal })
    controller.abort()
    await expect(res.text()).rejects.toThrow()
    expect((await get('/api/token/102')).status).toBe(200)
  })

  it('envelope-missing: the real data without success or message', async () => {
    sandbox.control.injectFault({ kind: 'envelope-missing' })
    const res = await get('/api/token/?page_size=3')
    const body = (await res.json()) as Record<string, unknown>
    expect(res.status).toBe(200)
    expect(Object.keys(body)).toEqual(['data'])
    expect(body.data).toMatchObject({ page: 1, page_size: 3, total: 12 })
  })

  it('wrong-types: success with a token whose numbers and booleans are strings', async () => {
    sandbox.control.injectFault({ kind: 'wrong-types' }, { times: 2 })
    const one = (await (await get('/api/token/102')).json()) as {
      success: boolean
      data: Record<string, unknown>
    }
    expect(one.success).toBe(true)
    expect(typeof one.data.remain_quota).toBe('string')
    expect(typeof one.data.unlimited_quota).toBe('string')
    expect(typeof one.data.id).toBe('string')
    const list = (await (await get('/api/token/')).json()) as {
      data: { items: Array<Record<string, unknown>> }
    }
    expect(typeof list.data.items[0]!.remain_quota).toBe('string')
  })
})
