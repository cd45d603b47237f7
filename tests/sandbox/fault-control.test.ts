import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call, rawGet, rawPut } from './sandbox-client'

// Fault injection: how faults are matched and used up, that close() never waits for a hung answer,
// latency, and the HTTP control surface (fault-kinds.test.ts covers what each kind looks like).

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

const get = (path: string, init: RequestInit = {}) => rawGet(sandbox, path, init)
const put = (body: unknown) => rawPut(sandbox, body)

describe('matching and lifetime', () => {
  it('applies to `times` matching requests, by path prefix and method, then stops', async () => {
    sandbox.control.injectFault(
      { kind: 'status', status: 500 },
      { times: 2, path: '/api/token/', method: 'get' },
    )
    expect((await get('/api/status')).status).toBe(200)
    expect((await put({ id: 101, unlimited_quota: true, expired_time: -1 })).status).toBe(200)
    expect(sandbox.control.pendingFaults()).toBe(2)
    expect((await get('/api/token/102')).status).toBe(500)
    expect((await get('/api/token/')).status).toBe(500)
    expect((await get('/api/token/')).status).toBe(200)
    expect(sandbox.control.pendingFaults()).toBe(0)
  })

  it('answers in queue order and clearFaults() drops the rest', async () => {
    sandbox.control.injectFault({ kind: 'status', status: 502 })
    sandbox.control.injectFault({ kind: 'status', status: 504 }, { times: Infinity })
    expect((await get('/api/status')).status).toBe(502)
    expect((await get('/api/status')).status).toBe(504)
    expect((await get('/api/status')).status).toBe(504)
    sandbox.control.clearFaults()
    expect(sandbox.control.pendingFaults()).toBe(0)
    expect((await get('/api/status')).status).toBe(200)
  })

  it('hits web pages too but never the control surface; faulted requests are still recorded', async () => {
    sandbox.control.injectFault({ kind: 'status', status: 418 }, { times: 2 })
    expect((await fetch(`${sandbox.baseUrl}/__sandbox/tokens`)).status).toBe(200)
    expect((await fetch(`${sandbox.baseUrl}/console`)).status).toBe(418)
    expect((await get('/api/token/')).status).toBe(418)
    expect(sandbox.control.requests().map((r) => r.path)).toEqual(['/console', '/api/token/'])
  })

  it('rejects a fault count below one', () => {
    expect(() => sandbox.control.injectFault({ kind: 'reset' }, { times: 0 })).toThrow()
  })

  it('close() returns at once even with hung and slow answers pending', async () => {
    sandbox.control.injectFault({ kind: 'hang' })
    sandbox.control.injectFault({ kind: 'slow', ms: 60_000 })
    const hung = get('/api/status').then(
      () => 'answered',
      () => 'failed',
    )
    const slow = get('/api/status').then(
      () => 'answered',
      () => 'failed',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await sandbox.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await hung).toBe('failed')
    expect(await slow).toBe('failed')
  })
})

describe('latency', () => {
  it('delays every client answer but not control calls, and can change at run time', async () => {
    const delayed = await startSandbox({ latencyMs: 300 })
    try {
      let started = Date.now()
      await call(delayed, 'GET', '/api/status')
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
      started = Date.now()
      await fetch(`${delayed.baseUrl}/__sandbox/tokens`)
      expect(Date.now() - started).toBeLessThan(250)
      delayed.control.setLatency(0)
      started = Date.now()
      await call(delayed, 'GET', '/api/status')
      expect(Date.now() - started).toBeLessThan(250)
    } finally {
      await delayed.close()
    }
  })
})

describe('HTTP control surface for faults', () => {
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.baseUrl}/__sandbox/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  it('POST /__sandbox/faults queues, GET counts, DELETE clears', async () => {
    const queued = await control('POST', 'faults', {
      fault: { kind: 'html', status: 503 },
      times: 3,
      path: '/api/',
    })
    expect([queued.status, await queued.json()]).toEqual([200, { pending: 3 }])
    expect((await get('/api/token/')).status).toBe(503)
    expect(await (await control('GET', 'faults')).json()).toEqual({ pending: 2 })
    await control('DELETE', 'faults')
    expect((await get('/api/token/')).status).toBe(200)
  })

  it.each([
    [{}],
    [{ fault: { kind: 'explode' } }],
    [{ fault: { kind: 'slow' } }],
    [{ fault: { kind: 'status', status: 429, retryAfter: 'soon' } }],
    [{ fault: { kind: 'reset' }, times: 0 }],
    [{ fault: { kind: 'reset' }, processed: 'yes' }],
  ])('refuses %j with 400', async (body) => {
    const res = await control('POST', 'faults', body)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toEqual(expect.any(String))
    expect(sandbox.control.pendingFaults()).toBe(0)
  })

  it('POST /__sandbox/latency sets the latency', async () => {
    expect((await control('POST', 'latency', { ms: 120 })).status).toBe(200)
    const started = Date.now()
    await get('/api/status')
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
    expect((await control('POST', 'latency', { ms: -1 })).status).toBe(400)
  })
})
