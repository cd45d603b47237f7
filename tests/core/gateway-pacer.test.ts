import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Profile } from '../../src/shared/domain/profile'
import { buildUpdateBody } from '../../src/shared/domain/update-body'
import { DEFAULT_SERVER_FACTS } from '../../src/shared/domain/server-facts'
import { AppError } from '../../src/shared/result'
import { GatewayRegistry } from '../../src/main/core/gateway/gateway-registry'
import { windowLimit } from '../../src/main/core/gateway/pacing-budget'
import { ProfileStore } from '../../src/main/core/profiles/profile-store'
import { shouldRetry } from '../../src/main/core/gateway/retry-policy'
import { TransportError } from '../../src/main/core/gateway/transport-error'
import { arrivals, busiestWindow, startTransport, type TransportFixture } from './transport-fixture'

// One pacer per server — a model of the server's sliding window (the whole allowance at once, then the
// pace of the window), separate budgets for key reveal and search, a read and its write admitted
// together, Retry-After honoured up to a cap, a lower limit learned from a 429, backoff with jitter on
// 429/5xx/network errors, and repeats of reads only. Real client, real sandbox (its limiters and faults),
// small windows so it runs fast.

const TOKEN_ID = 102
const FAST_RETRY = { retries: 3, minTimeoutMs: 100, maxTimeoutMs: 1_000 }

let fixture: TransportFixture | undefined
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
})

const requestsTo = (f: TransportFixture, method: string, path: string) =>
  f.sandbox.control.requests().filter((r) => r.method === method && r.path.split('?')[0] === path)

const newToken = (name: string) => ({
  name,
  remain_quota: 1_000,
  expired_time: -1,
  unlimited_quota: false,
  model_limits_enabled: false,
  model_limits: '',
  allow_ips: '',
  group: '',
})

describe('pacing budgets', () => {
  it('turns a server limit into its own window, less a reserve for the browser and a guard', () => {
    expect(windowLimit({ requests: 360, windowSeconds: 180 })).toMatchObject({
      requests: 353,
      windowMs: 180_250,
    })
    expect(windowLimit({ requests: 60, windowSeconds: 10 })).toMatchObject({ requests: 59, windowMs: 10_250 })
    expect(windowLimit({ requests: 20, windowSeconds: 1200 })).toMatchObject({
      requests: 19,
      windowMs: 1_200_250,
    })
    expect(windowLimit({ requests: 10, windowSeconds: 60 })).toMatchObject({ requests: 9, windowMs: 60_250 })
    expect(windowLimit({ requests: 1, windowSeconds: 1 })).toMatchObject({ requests: 1, windowMs: 1_250 })
    // A limit learned from a 429 replaces the configured one, reserve included.
    expect(windowLimit({ requests: 360, windowSeconds: 180 }, 180)).toMatchObject({
      requests: 177,
      windowMs: 180_250,
    })
  })

  it('keeps to the budget of the profile (through the registry), and to a changed one', async () => {
    fixture = await startTransport({ rateLimits: { global: { requests: 3, windowSeconds: 0.5 } } })
    const f = fixture
    const dir = await mkdtemp(join(tmpdir(), 'tokendesk-pacer-'))
    const profiles = await ProfileStore.open({ root: dir, now: Date.now, report: () => undefined })
    const registry = new GatewayRegistry({
      fetch: globalThis.fetch,
      now: Date.now,
      logger: f.logger,
      secrets: { get: async () => f.sandbox.accessToken },
      locale: () => 'en-US',
      profiles,
      listener: { onOutcome: () => undefined, onPause: () => undefined, onFeatures: () => undefined },
    })
    const profile: Profile = {
      id: 'p1',
      name: 'Sandbox',
      baseUrl: f.sandbox.baseUrl,
      userId: f.sandbox.userId,
      createdAt: 0,
      username: null,
      server: DEFAULT_SERVER_FACTS,
      features: null,
      pacing: { requests: 3, windowSeconds: 0.5 },
      watch: null,
      allowInsecureHttp: false,
      production: false,
      multiGroup: false,
      groupListSeen: false,
      demo: false,
      accessTokenSetAt: null,
    }
    await profiles.update((draft) => void draft.profiles.push(profile))
    const started = Date.now()
    await Promise.all(Array.from({ length: 6 }, () => registry.client('p1').getToken(TOKEN_ID)))
    // 3 per 0.5 s kept as 2 per 0.75 s: three windows, never a 429 (every request arrived once), and
    // the server's own 0.5 s window never saw more than 2.
    expect(arrivals(f.sandbox)).toHaveLength(6)
    expect(busiestWindow(arrivals(f.sandbox), 500)).toBeLessThanOrEqual(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400)

    await new Promise((resolve) => setTimeout(resolve, 800))
    f.sandbox.control.clearRequests()
    await profiles.update((draft) => void (draft.profiles[0]!.pacing = { requests: 2, windowSeconds: 0.5 }))
    await Promise.all(Array.from({ length: 3 }, () => registry.client('p1').getToken(TOKEN_ID)))
    expect(arrivals(f.sandbox)).toHaveLength(3)
    expect(busiestWindow(arrivals(f.sandbox), 500)).toBe(1)
    await rm(dir, { recursive: true, force: true })
  })

  it('spends a separate budget for key reveal and for search, and the global one keeps flowing', async () => {
    fixture = await startTransport(
      {},
      {
        pacer: {
          critical: { requests: 3, windowSeconds: 60 },
          search: { requests: 3, windowSeconds: 60 },
          maxQueueWaitMs: { critical: 200, search: 200 },
        },
      },
    )
    const { http, client, sandbox } = fixture
    const reveal = () =>
      http.request({ method: 'POST', path: `/api/token/${TOKEN_ID}/key`, bucket: 'critical' })
    const search = () =>
      http.request({
        method: 'GET',
        path: '/api/token/search',
        query: { keyword: '%dev%' },
        bucket: 'search',
      })

    await reveal()
    await reveal()
    await search()
    await search()
    sandbox.control.clearRequests()
    // Both small budgets are spent (2 of 3 each, one kept spare): the next calls are held back here,
    // without a request, and say so as rate-limited...
    await expect(reveal()).rejects.toMatchObject({ code: 'rate-limited' })
    await expect(search()).rejects.toMatchObject({ code: 'rate-limited' })
    expect(sandbox.control.requests()).toEqual([])
    // ...while ordinary calls go on at once.
    const started = Date.now()
    await Promise.all(Array.from({ length: 5 }, () => client.getToken(TOKEN_ID)))
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(arrivals(sandbox)).toHaveLength(5)
  })

  it('counts a bucket call against the global budget too', async () => {
    fixture = await startTransport({}, {}, { pacing: { requests: 3, windowSeconds: 0.5 } })
    const { http, client, sandbox } = fixture
    await Promise.all([client.getToken(TOKEN_ID), client.getToken(TOKEN_ID)])
    await http.request({ method: 'POST', path: `/api/token/${TOKEN_ID}/key`, bucket: 'critical' })
    const [first, , reveal] = arrivals(sandbox)
    // The window lets two calls through (three less the reserve): the reveal, the third, waits it out
    // (500 ms + 250 ms guard) from the first send. Arrival times are taken by the sandbox, where a busy
    // event loop can record the first one late (12 ms was seen in CI), shortening the measured gap: 50 ms
    // of that is allowed — unpaced, the gap would be a few milliseconds.
    expect(reveal! - first!).toBeGreaterThanOrEqual(700)
  })
})

describe('Retry-After and backoff', () => {
  it('pauses the whole server for Retry-After and a guard: no request before it elapses', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY } })
    const { client, sandbox } = fixture
    sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 1 }, { path: '/api/user/self' })
    const self = client.userSelf()
    await new Promise((resolve) => setTimeout(resolve, 150))
    // Asked for while the server is paused: waits too.
    const token = client.getToken(TOKEN_ID)
    await expect(self).resolves.toMatchObject({ id: sandbox.userId })
    await expect(token).resolves.toMatchObject({ id: TOKEN_ID })
    const [refused, ...later] = arrivals(sandbox)
    expect(later).toHaveLength(2)
    // Retry-After is rounded to whole seconds: a quarter second more, so the first request after it is
    // not refused again.
    for (const at of later) expect(at - refused!).toBeGreaterThanOrEqual(1_250)
  })

  it('fails at once when Retry-After is longer than worth waiting, and sends nothing until then', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY, maxPauseWaitMs: { global: 2_000 } } })
    const { client, sandbox } = fixture
    sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 30 })
    const started = Date.now()
    await expect(client.getToken(TOKEN_ID)).rejects.toMatchObject({
      code: 'rate-limited',
      details: { retryAfterSeconds: 30 },
    })
    expect(Date.now() - started).toBeLessThan(1_000)
    const next = await client.getToken(TOKEN_ID).catch((error: unknown) => error)
    expect(next).toBeInstanceOf(AppError)
    expect((next as AppError).toData()).toMatchObject({ code: 'rate-limited' })
    expect((next as AppError).details?.retryAfterSeconds).toBeGreaterThanOrEqual(29)
    expect(sandbox.control.requests()).toHaveLength(1)
  })

  it('backs off on a 429 without Retry-After (a classic server) and then succeeds', async () => {
    fixture = await startTransport({ mode: 'classic' }, { pacer: { retry: FAST_RETRY } })
    const { client, sandbox } = fixture
    sandbox.control.injectFault({ kind: 'status', status: 429 })
    await expect(client.getToken(TOKEN_ID)).resolves.toMatchObject({ id: TOKEN_ID })
    const [refused, retried] = arrivals(sandbox)
    expect(retried! - refused!).toBeGreaterThanOrEqual(1_000)
  })

  it('recovers from a real limiter it was not told about, without hammering it', async () => {
    // The profile claims far more than the server allows; the server (classic: no Retry-After) refuses.
    fixture = await startTransport(
      { mode: 'classic', rateLimits: { global: { requests: 4, windowSeconds: 1 } } },
      { pacer: { retry: { retries: 6, minTimeoutMs: 100, maxTimeoutMs: 1_000 } } },
      { pacing: { requests: 100, windowSeconds: 1 } },
    )
    const { client, sandbox } = fixture
    await Promise.all(Array.from({ length: 8 }, () => client.getToken(TOKEN_ID)))
    const refused = sandbox.control.requests().length - 8
    expect(refused).toBeGreaterThan(0)
    expect(refused).toBeLessThanOrEqual(4)
  })

  it('retries a GET with growing, jittered delays after 5xx, a reset and a cut-off answer', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY } })
    const { client, sandbox } = fixture
    sandbox.control.injectFault({ kind: 'html', status: 502 })
    sandbox.control.injectFault({ kind: 'reset' })
    sandbox.control.injectFault({ kind: 'truncated' })
    await expect(client.getToken(TOKEN_ID)).resolves.toMatchObject({ id: TOKEN_ID })
    const times = arrivals(sandbox)
    expect(times).toHaveLength(4)
    const gaps = times.slice(1).map((at, index) => at - times[index]!)
    // minTimeout × 2^n × a random 1–2.
    expect(gaps[0]).toBeGreaterThanOrEqual(100)
    expect(gaps[1]).toBeGreaterThanOrEqual(200)
    expect(gaps[2]).toBeGreaterThanOrEqual(400)
  })

  it('never re-sends a write: the write cycle decides (a full update, a status change alike)', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY } })
    const { client, sandbox } = fixture
    const rename = (name: string) =>
      client.readThenUpdate(TOKEN_ID, (fresh) => ({ body: buildUpdateBody(fresh, { name }, null) }))
    sandbox.control.injectFault({ kind: 'reset' }, { method: 'PUT', processed: true })
    expect((await rename('sent once')).outcome).toMatchObject({ ok: false, error: { code: 'offline' } })
    sandbox.control.injectFault({ kind: 'html', status: 502 }, { method: 'PUT' })
    expect((await rename('502')).outcome).toMatchObject({ ok: false, error: { code: 'server' } })
    sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 1 }, { method: 'PUT' })
    expect((await rename('429')).outcome).toMatchObject({ ok: false, error: { code: 'rate-limited' } })
    expect(requestsTo(fixture, 'PUT', '/api/token/')).toHaveLength(3)
    expect(sandbox.control.token(TOKEN_ID)?.name).toBe('sent once') // the reset one was applied, once

    const seen = sandbox.control.token(TOKEN_ID)!
    sandbox.control.injectFault({ kind: 'html', status: 502 }, { method: 'PUT' })
    await expect(client.updateTokenStatus(seen, 2)).rejects.toMatchObject({ code: 'server' })
    expect(requestsTo(fixture, 'PUT', '/api/token/')).toHaveLength(4)
  })

  it('gives up on a timeout after one repeat', async () => {
    fixture = await startTransport({}, { timeoutMs: 300, pacer: { retry: FAST_RETRY } })
    const { client, sandbox } = fixture
    sandbox.control.injectFault({ kind: 'hang' }, { times: Infinity })
    await expect(client.getToken(TOKEN_ID)).rejects.toMatchObject({ code: 'timeout' })
    expect(arrivals(sandbox)).toHaveLength(2)
  })

  it('honours a Retry-After of days only up to 15 minutes, and "retry now" lifts the pause', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY, maxPauseWaitMs: { global: 1_000 } } })
    const { client, http, sandbox } = fixture
    sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 99_999_999 })
    await expect(client.getToken(TOKEN_ID)).rejects.toMatchObject({ code: 'rate-limited' })
    const pause = http.pacing.pausedUntil() - Date.now()
    expect(pause).toBeGreaterThan(14 * 60_000)
    expect(pause).toBeLessThanOrEqual(15 * 60_000)
    // Held back without a request while paused...
    await expect(client.getToken(TOKEN_ID)).rejects.toMatchObject({ code: 'rate-limited' })
    expect(sandbox.control.requests()).toHaveLength(1)
    // ...until the user says otherwise.
    http.pacing.clearPauses()
    await expect(client.getToken(TOKEN_ID)).resolves.toMatchObject({ id: TOKEN_ID })
  })
})

describe("the server's window, modelled", () => {
  it('lets the whole allowance go at once, then keeps to the window', async () => {
    const limit = { requests: 10, windowSeconds: 1 }
    fixture = await startTransport({ rateLimits: { global: limit } }, {}, { pacing: limit })
    const { client, sandbox } = fixture
    const started = Date.now()
    await Promise.all(Array.from({ length: 9 }, () => client.getToken(TOKEN_ID)))
    expect(Date.now() - started).toBeLessThan(500) // 9 of 10 (one kept for the browser): no waiting
    await Promise.all(Array.from({ length: 9 }, () => client.getToken(TOKEN_ID)))
    const times = arrivals(sandbox)
    expect(times).toHaveLength(18) // not one refused
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(9)
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1_000)
  })

  it('admits a read and its write together: nothing queued comes between them', async () => {
    const limit = { requests: 6, windowSeconds: 1 }
    fixture = await startTransport({ rateLimits: { global: limit }, latencyMs: 20 }, {}, { pacing: limit })
    const { client, sandbox } = fixture
    // Far more requests than the window holds, all asked for at once: reads of one token, and pairs
    // (read + update) of six others.
    const paired = [103, 104, 105, 106, 107, 108]
    const work = [
      ...paired.map((id) =>
        client.readThenUpdate(id, (fresh) => ({
          body: buildUpdateBody(fresh, { name: `pair ${id}` }, null),
        })),
      ),
      ...paired.map(() => client.getToken(TOKEN_ID)),
    ]
    await Promise.all(work)
    const log = sandbox.control.requests()
    expect(log.filter((r) => r.method === 'PUT')).toHaveLength(6)
    for (const id of paired) {
      const read = log.find((r) => r.method === 'GET' && r.path === `/api/token/${id}`)!
      const put = log.find((r) => r.method === 'PUT' && (r.body as { id: number }).id === id)!
      // One round trip (20 ms of latency and a little), never a wait for the window.
      expect(put.at - read.at).toBeLessThan(200)
    }
    // Never a refusal: a pair's write may reach into the browser's reserve, but never past the limit.
    expect(log).toHaveLength(18)
    expect(busiestWindow(arrivals(sandbox), 1_000)).toBeLessThanOrEqual(6)
  })

  it('gives back the write slot a pair did not need', async () => {
    const limit = { requests: 4, windowSeconds: 2 }
    fixture = await startTransport({ rateLimits: { global: limit } }, {}, { pacing: limit })
    const { client, sandbox } = fixture
    const started = Date.now()
    // 3 per window: two pairs that send nothing leave room for one more read at once.
    await client.readThenUpdate(TOKEN_ID, () => ({ body: null }))
    await client.readThenUpdate(TOKEN_ID, () => ({ body: null }))
    await client.getToken(TOKEN_ID)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(arrivals(sandbox)).toHaveLength(3)
  })

  it('learns a lower limit from a 429: what the server admitted before refusing', async () => {
    // The server allows 5 per 2 s; the profile claims 12.
    fixture = await startTransport(
      { mode: 'classic', rateLimits: { global: { requests: 5, windowSeconds: 2 } } },
      { pacer: { retry: { retries: 6, minTimeoutMs: 100, maxTimeoutMs: 1_000 } } },
      { pacing: { requests: 12, windowSeconds: 2 } },
    )
    const { client, http, sandbox } = fixture
    await Promise.all(Array.from({ length: 8 }, () => client.getToken(TOKEN_ID)))
    // 5, or a little less: requests in flight together may arrive out of order.
    expect(http.pacing.globalLimit().requests).toBeLessThanOrEqual(5)
    expect(http.pacing.globalLimit().requests).toBeGreaterThanOrEqual(3)
    sandbox.control.clearRequests()
    await new Promise((resolve) => setTimeout(resolve, 2_300))
    await Promise.all(Array.from({ length: 8 }, () => client.getToken(TOKEN_ID)))
    // Paced at the learned limit: no refusal this time.
    expect(sandbox.control.requests()).toHaveLength(8)
  })
})

describe('what is never repeated', () => {
  it('does not repeat a refusal of the input, the credentials or a missing record', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY } })
    const { client, sandbox, clientWith } = fixture
    sandbox.control.clearRequests()
    const long = await client.readThenUpdate(TOKEN_ID, (fresh) => ({
      body: buildUpdateBody(fresh, { name: 'n'.repeat(60) }, null),
    }))
    expect(long.outcome).toMatchObject({ ok: false, error: { code: 'validation' } })
    await expect(client.getToken(999_999)).rejects.toMatchObject({ code: 'not-found' })
    await expect(
      clientWith({ accessToken: async () => 'wrong' }).client.getToken(TOKEN_ID),
    ).rejects.toMatchObject({ code: 'auth' })
    expect(sandbox.control.requests()).toHaveLength(4) // the pair's read and PUT, then one each
  })

  it('does not repeat a create or a delete, not even after a 429', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY } })
    const { http, sandbox } = fixture
    const count = () => sandbox.control.tokens().length
    const before = count()
    const create = (name: string) =>
      http.request({ method: 'POST', path: '/api/token/', body: newToken(name) })

    sandbox.control.injectFault({ kind: 'html', status: 502 }, { method: 'POST' })
    await expect(create('after 502')).rejects.toMatchObject({ code: 'server' })
    sandbox.control.injectFault({ kind: 'reset' }, { method: 'POST', processed: true })
    await expect(create('after reset')).rejects.toMatchObject({ code: 'offline' })
    sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 1 }, { method: 'POST' })
    await expect(create('after 429')).rejects.toMatchObject({ code: 'rate-limited' })
    expect(requestsTo(fixture, 'POST', '/api/token/')).toHaveLength(3)
    expect(count()).toBe(before + 1) // the reset one was created, once

    sandbox.control.injectFault({ kind: 'html', status: 503 }, { method: 'DELETE' })
    await expect(http.request({ method: 'DELETE', path: `/api/token/${TOKEN_ID}` })).rejects.toMatchObject({
      code: 'server',
    })
    expect(sandbox.control.requests().filter((r) => r.method === 'DELETE')).toHaveLength(1)
  })

  it('repeats reads only: a GET on any passing failure, a key reveal only when nothing was done', () => {
    const refused = new TransportError('offline', 'refused', 'not-sent')
    const reset = new TransportError('offline', 'reset', 'maybe-processed')
    const timeout = new TransportError('timeout', 'slow', 'maybe-processed')
    const tls = new TransportError('tls', 'cert', 'not-sent')
    const server = new AppError('server', '502', { httpStatus: 502 })
    const limited = new AppError('rate-limited', '429', { httpStatus: 429, retryAfterSeconds: 5 })
    const GET = { method: 'GET' } as const
    const REVEAL = { method: 'POST', bucket: 'critical' } as const
    const PUT = { method: 'PUT' } as const
    const POST = { method: 'POST' } as const
    const DELETE = { method: 'DELETE' } as const
    const table = [
      // error, request, retries made, lane's max wait → repeat?
      [refused, GET, 0, 60_000, true],
      [refused, GET, 1, 60_000, false],
      [refused, REVEAL, 0, 60_000, true],
      [refused, POST, 0, 60_000, false],
      [refused, PUT, 0, 60_000, false],
      [reset, GET, 2, 60_000, true],
      [reset, REVEAL, 0, 60_000, false],
      [reset, PUT, 0, 60_000, false],
      [reset, DELETE, 0, 60_000, false],
      [timeout, GET, 0, 60_000, true],
      [timeout, GET, 1, 60_000, false],
      [tls, GET, 0, 60_000, false],
      [server, GET, 0, 60_000, true],
      [server, REVEAL, 0, 60_000, false],
      [server, PUT, 0, 60_000, false],
      [limited, GET, 0, 60_000, true],
      [limited, REVEAL, 0, 60_000, true],
      [limited, POST, 0, 60_000, false],
      [limited, PUT, 0, 60_000, false],
      [limited, GET, 0, 1_000, false],
      [limited, GET, 0, 0, false],
      [new AppError('validation', 'x'), GET, 0, 60_000, false],
      [new AppError('bad-response', 'x'), GET, 0, 60_000, false],
    ] as const
    for (const [error, request, made, maxWait, expected] of table) {
      const label = `${error.code} ${request.method}${'bucket' in request ? ' reveal' : ''}`
      expect([label, made, maxWait, shouldRetry(error, request, made, maxWait)]).toEqual([
        label,
        made,
        maxWait,
        expected,
      ])
    }
  })
})

describe('a pair refused halfway', () => {
  it('pauses the server when the PUT of a read-and-write pair meets a 429', async () => {
    fixture = await startTransport({}, { pacer: { retry: FAST_RETRY } })
    const { client, http, sandbox } = fixture
    sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 1 }, { method: 'PUT' })
    const paired = await client.readThenUpdate(TOKEN_ID, (fresh) => ({
      body: buildUpdateBody(fresh, { name: 'refused' }, null),
    }))
    expect(paired.outcome).toMatchObject({ ok: false, error: { code: 'rate-limited' } })
    // The caller dealt with the failure, and still the whole server waits as the server asked.
    expect(http.pacing.pausedUntil()).toBeGreaterThan(Date.now() + 500)
    await client.getToken(TOKEN_ID)
    const [, put, next] = arrivals(sandbox)
    expect(next! - put!).toBeGreaterThanOrEqual(900)
  })
})
