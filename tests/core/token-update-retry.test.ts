import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { SandboxGateway } from '../../src/sandbox/index'
import type { StoredToken } from '../../src/sandbox/stored-token'
import type { Token } from '../../src/shared/domain/token'
import { buildUpdateBody } from '../../src/shared/domain/update-body'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { startTransport, type TransportFixture } from './transport-fixture'

// Finding 2 (docs/newapi-behaviour.md §6, "the lost update"): a failed full update is never re-sent with its
// old body — the quota in it was read before the failure. TokenService.update runs read → build → PUT
// again, and checks on the fresh read whether a failed PUT was carried out after all, so usage in
// between is never refunded and an "add" intent never lands twice. Real core, real sandbox.

let harness: CoreHarness | undefined
let fixture: TransportFixture | undefined
let raw: Server | undefined
afterEach(async () => {
  await harness?.close()
  await fixture?.close()
  await new Promise((resolve) => (raw ? raw.close(resolve) : resolve(undefined)))
  harness = undefined
  fixture = undefined
  raw = undefined
})

const USED = 777

function limitedToken(h: CoreHarness): StoredToken {
  const row = h.sandbox.control
    .tokens()
    .find((t) => !t.unlimited_quota && t.remain_quota > 10_000_000 && t.expired_time === -1)
  if (!row) throw new Error('the sandbox seeds no limited token')
  return row
}

const fullPuts = (sandbox: SandboxGateway) =>
  sandbox.control.requests().filter((r) => r.method === 'PUT' && !r.path.includes('status_only'))

/**
 * Runs `act` as soon as the sandbox has received (and, for a processed fault, carried out) the n-th
 * full PUT — while its answer is still held back by the sandbox's latency, so before any retry.
 */
function onPut(sandbox: SandboxGateway, n: number, act: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = setInterval(() => {
      if (fullPuts(sandbox).length >= n) {
        clearInterval(poll)
        act()
        resolve()
      } else if (Date.now() - started > 10_000) {
        clearInterval(poll)
        reject(new Error(`no PUT #${n} arrived`))
      }
    }, 2)
  })
}

async function start(): Promise<{ h: CoreHarness; profileId: string; row: StoredToken }> {
  harness = await startCoreHarness({ latencyMs: 100 })
  const profile = await harness.addSandboxProfile()
  const row = limitedToken(harness)
  harness.sandbox.control.clearRequests()
  return { h: harness, profileId: profile.id, row }
}

describe('a failed full update is retried as a new read → PUT cycle', () => {
  it('does not refund usage between a failed attempt (502) and the retry', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault({ kind: 'status', status: 502 }, { path: '/api/token/', method: 'PUT' })
    const used = onPut(h.sandbox, 1, () => h.sandbox.control.consume(row.id, USED))
    const updated = await h.value<Token>('tokens.update', {
      profileId,
      id: row.id,
      changes: { name: 'after a 502' },
      quota: null,
    })
    await used
    const stored = h.sandbox.control.token(row.id)!
    expect(stored.name).toBe('after a 502')
    expect(stored.remain_quota).toBe(row.remain_quota - USED)
    expect(updated.remain_quota).toBe(row.remain_quota - USED)
    const lines = h.sandbox.control.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`)
    const cycle = [`GET /api/token/${row.id}`, 'PUT /api/token/']
    expect(lines).toEqual([...cycle, ...cycle])
    // The second body carries the quota read after the usage, not the first one's.
    expect((fullPuts(h.sandbox)[1]!.body as Token).remain_quota).toBe(row.remain_quota - USED)
  })

  it('does not re-send a PUT that was carried out before its answer was lost (reset)', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    const used = onPut(h.sandbox, 1, () => h.sandbox.control.consume(row.id, USED))
    const updated = await h.value<Token>('tokens.update', {
      profileId,
      id: row.id,
      changes: { name: 'answer lost' },
      quota: null,
    })
    await used
    expect(fullPuts(h.sandbox)).toHaveLength(1) // the re-read showed the change in place
    expect(updated.name).toBe('answer lost')
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota - USED)
  })

  it('never applies an "add" intent twice when the first PUT was carried out but its answer lost', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    const used = onPut(h.sandbox, 1, () => h.sandbox.control.consume(row.id, USED))
    const updated = await h.value<Token>('tokens.update', {
      profileId,
      id: row.id,
      changes: {},
      quota: { mode: 'add', delta: 1_000_000 },
    })
    await used
    expect(fullPuts(h.sandbox)).toHaveLength(1)
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota + 1_000_000 - USED)
    expect(updated.remain_quota).toBe(row.remain_quota + 1_000_000 - USED)
  })

  it('adds once, to the fresh value, when the failed PUT was not carried out', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT' })
    const used = onPut(h.sandbox, 1, () => h.sandbox.control.consume(row.id, USED))
    await h.value('tokens.update', {
      profileId,
      id: row.id,
      changes: {},
      quota: { mode: 'add', delta: 1_000_000 },
    })
    await used
    expect(fullPuts(h.sandbox)).toHaveLength(2)
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota + 1_000_000 - USED)
  })

  it('stops and reports when it cannot tell whether an "add" was carried out', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    // Someone else sets the quota meanwhile: the row no longer says whether the delta went in.
    const edited = onPut(h.sandbox, 1, () => h.sandbox.control.patchToken(row.id, { remain_quota: 42_000 }))
    const result = await h.call('tokens.update', {
      profileId,
      id: row.id,
      changes: {},
      quota: { mode: 'add', delta: 1_000_000 },
    })
    await edited
    expect(result.ok ? null : result.error.code).toBe('offline')
    expect(fullPuts(h.sandbox)).toHaveLength(1)
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(42_000)
  })

  it('ends a "set" intent at exactly the set value', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault({ kind: 'status', status: 502 }, { path: '/api/token/', method: 'PUT' })
    const used = onPut(h.sandbox, 1, () => h.sandbox.control.consume(row.id, USED))
    await h.value('tokens.update', {
      profileId,
      id: row.id,
      changes: {},
      quota: { mode: 'set', value: 12_500_000 },
    })
    await used
    expect(fullPuts(h.sandbox)).toHaveLength(2)
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(12_500_000)
  })

  it('reads again after a short 429 instead of re-sending the old body', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault(
      { kind: 'status', status: 429, retryAfter: 1 },
      { path: '/api/token/', method: 'PUT' },
    )
    const used = onPut(h.sandbox, 1, () => h.sandbox.control.consume(row.id, USED))
    await h.value('tokens.update', { profileId, id: row.id, changes: { name: 'after 429' }, quota: null })
    await used
    const stored = h.sandbox.control.token(row.id)!
    expect(stored.name).toBe('after 429')
    expect(stored.remain_quota).toBe(row.remain_quota - USED)
    expect(fullPuts(h.sandbox)).toHaveLength(2)
  })

  it('gives up after three cycles, or at once on a long Retry-After or a refusal', async () => {
    const { h, profileId, row } = await start()
    h.sandbox.control.injectFault(
      { kind: 'status', status: 502 },
      { path: '/api/token/', method: 'PUT', times: Infinity },
    )
    const failing = await h.call('tokens.update', {
      profileId,
      id: row.id,
      changes: { name: 'x' },
      quota: null,
    })
    expect(failing.ok ? null : failing.error.code).toBe('server')
    expect(fullPuts(h.sandbox)).toHaveLength(3)

    h.sandbox.control.clearFaults()
    h.sandbox.control.clearRequests()
    h.sandbox.control.injectFault(
      { kind: 'status', status: 429, retryAfter: 120 },
      { path: '/api/token/', method: 'PUT' },
    )
    const limited = await h.call('tokens.update', {
      profileId,
      id: row.id,
      changes: { name: 'y' },
      quota: null,
    })
    expect(limited.ok ? null : limited.error.code).toBe('rate-limited')
    expect(fullPuts(h.sandbox)).toHaveLength(1)
    expect(h.sandbox.control.token(row.id)!.name).toBe(row.name)
  })
})

describe('a full update answered without data', () => {
  it('reads the saved token back instead of failing with bad-response', async () => {
    const token = {
      id: 7,
      key: 'abcd**********wxyz',
      status: 1,
      name: 'saved',
      expired_time: -1,
      remain_quota: 1_000,
      unlimited_quota: false,
      used_quota: 0,
      model_limits_enabled: false,
      model_limits: '',
      allow_ips: '',
      group: '',
    }
    const seen: string[] = []
    raw = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`)
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        const body = req.method === 'PUT' ? { success: true } : { success: true, message: '', data: token }
        res.end(JSON.stringify(body))
      })
    })
    await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve))
    const { port } = raw.address() as AddressInfo
    fixture = await startTransport()
    const { client } = fixture.clientWith({ baseUrl: `http://127.0.0.1:${port}` })
    const updated = await client.updateToken(buildUpdateBody(token as Token, { name: 'saved' }, null))
    expect(updated).toMatchObject({ id: 7, name: 'saved' })
    expect(seen).toEqual(['PUT /api/token/', 'GET /api/token/7'])
  })
})
