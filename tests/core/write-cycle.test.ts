import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { SandboxGateway } from '../../src/sandbox/index'
import type { StoredToken } from '../../src/sandbox/stored-token'
import type { QuotaIntent } from '../../src/shared/domain/quota-intent'
import { type Token, type TokenChanges } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'
import { buildUpdateBody } from '../../src/shared/domain/update-body'
import { runWriteCycle, type CycleOptions } from '../../src/main/core/writes/write-cycle'
import { WriteFailure } from '../../src/main/core/writes/write-failure'
import { startTransport, type TransportFixture } from './transport-fixture'

// The one write cycle (docs/newapi-behaviour.md §6, "the lost update"): a failed full update is never
// re-sent with its old body — the quota in it was read before the failure. The cycle runs read → build →
// PUT again, and checks on the fresh read whether a failed PUT was carried out after all, so usage in
// between is never refunded and an "add" intent never lands twice. Each write reports the usage it
// refunded, measured from the PUT's answer. Real client, real sandbox.

let fixture: TransportFixture | undefined
let raw: Server | undefined
afterEach(async () => {
  await fixture?.close()
  await new Promise((resolve) => (raw ? raw.close(resolve) : resolve(undefined)))
  fixture = undefined
  raw = undefined
})

const USED = 777

function limitedToken(f: TransportFixture): StoredToken {
  const row = f.sandbox.control
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

async function start(): Promise<{ f: TransportFixture; row: StoredToken }> {
  fixture = await startTransport({ latencyMs: 100 })
  const row = limitedToken(fixture)
  fixture.sandbox.control.clearRequests()
  return { f: fixture, row }
}

/** An edit through the write cycle, as the sync of a draft sends it (without the merge). */
function edit(
  f: TransportFixture,
  id: number,
  changes: TokenChanges,
  quota: QuotaIntent | null,
  options: Partial<CycleOptions> = {},
) {
  return runWriteCycle(
    f.client,
    id,
    (fresh) => ({ kind: 'send', body: buildUpdateBody(fresh, changes, quota) }),
    {
      relative: quota?.mode === 'add',
      ...options,
    },
  )
}

describe('a failed full update is retried as a new read → PUT cycle', () => {
  it('does not refund usage between a failed attempt (502) and the retry', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault({ kind: 'status', status: 502 }, { path: '/api/token/', method: 'PUT' })
    const used = onPut(f.sandbox, 1, () => f.sandbox.control.consume(row.id, USED))
    const result = await edit(f, row.id, { name: 'after a 502' }, null)
    await used
    const stored = f.sandbox.control.token(row.id)!
    expect(stored.name).toBe('after a 502')
    expect(stored.remain_quota).toBe(row.remain_quota - USED)
    expect(result).toMatchObject({ kind: 'written', requests: 4, refund: 0 })
    expect(result.kind === 'written' && result.token.remain_quota).toBe(row.remain_quota - USED)
    const lines = f.sandbox.control.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`)
    const cycle = [`GET /api/token/${row.id}`, 'PUT /api/token/']
    expect(lines).toEqual([...cycle, ...cycle])
    // The second body carries the quota read after the usage, not the first one's.
    expect((fullPuts(f.sandbox)[1]!.body as Token).remain_quota).toBe(row.remain_quota - USED)
  })

  it('does not re-send a PUT that was carried out before its answer was lost (reset)', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    const used = onPut(f.sandbox, 1, () => f.sandbox.control.consume(row.id, USED))
    const result = await edit(f, row.id, { name: 'answer lost' }, null)
    await used
    expect(fullPuts(f.sandbox)).toHaveLength(1) // the re-read showed the change in place
    // Reported as the write it was: the usage came after it, so it handed nothing back.
    expect(result).toMatchObject({ kind: 'written', token: { name: 'answer lost' }, refund: 0 })
    expect(f.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota - USED)
  })

  it('never applies an "add" intent twice when the first PUT was carried out but its answer lost', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    const used = onPut(f.sandbox, 1, () => f.sandbox.control.consume(row.id, USED))
    const result = await edit(f, row.id, {}, { mode: 'add', delta: 1_000_000 })
    await used
    expect(fullPuts(f.sandbox)).toHaveLength(1)
    expect(f.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota + 1_000_000 - USED)
    expect(result).toMatchObject({ kind: 'written', refund: 0 })
    expect(result.kind === 'written' && result.token.remain_quota).toBe(row.remain_quota + 1_000_000 - USED)
  })

  it('adds once, to the fresh value, when the failed PUT was not carried out', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT' })
    const used = onPut(f.sandbox, 1, () => f.sandbox.control.consume(row.id, USED))
    await edit(f, row.id, {}, { mode: 'add', delta: 1_000_000 })
    await used
    expect(fullPuts(f.sandbox)).toHaveLength(2)
    expect(f.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota + 1_000_000 - USED)
  })

  it('stops and reports when it cannot tell whether an "add" was carried out', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    // Someone else sets the quota meanwhile: the row no longer says whether the delta went in.
    const edited = onPut(f.sandbox, 1, () => f.sandbox.control.patchToken(row.id, { remain_quota: 42_000 }))
    const failure = await edit(f, row.id, {}, { mode: 'add', delta: 1_000_000 }).catch(
      (error: unknown) => error,
    )
    await edited
    expect(failure).toBeInstanceOf(WriteFailure)
    expect(failure).toMatchObject({ code: 'conflict', requests: 3 })
    // The attempt that may have landed travels with the failure, for whoever decides next.
    expect((failure as WriteFailure).earlier?.sent.remain_quota).toBe(row.remain_quota + 1_000_000)
    expect(fullPuts(f.sandbox)).toHaveLength(1)
    expect(f.sandbox.control.token(row.id)!.remain_quota).toBe(42_000)
  })

  it('judges an attempt from before a restart on its first read', async () => {
    const { f, row } = await start()
    // The attempt before the restart: read, body, PUT carried out, answer lost with the process.
    const before = f.sandbox.control.token(row.id)!
    const sent = buildUpdateBody(before as Token, {}, { mode: 'add', delta: 5_000 })
    f.sandbox.control.patchToken(row.id, { remain_quota: before.remain_quota + 5_000 })
    f.sandbox.control.consume(row.id, USED)
    const earlier = {
      before: { ...before, ...editableOf(before) },
      sent,
    }
    const result = await edit(f, row.id, {}, { mode: 'add', delta: 5_000 }, { earlier })
    expect(result).toMatchObject({ kind: 'written', refund: 0, readGiven: true })
    expect(fullPuts(f.sandbox)).toHaveLength(0)
    expect(f.sandbox.control.token(row.id)!.remain_quota).toBe(before.remain_quota + 5_000 - USED)
  })

  it('measures what an attempt from before a restart handed back: usage between its read and its PUT', async () => {
    const { f, row } = await start()
    const before = f.sandbox.control.token(row.id)!
    const sent = buildUpdateBody(before as Token, {}, { mode: 'add', delta: 5_000 })
    // Usage after the attempt's read, overwritten by its PUT (handed back), then usage after the PUT.
    const handedBack = 3 * USED
    f.sandbox.control.consume(row.id, handedBack)
    f.sandbox.control.patchToken(row.id, { remain_quota: before.remain_quota + 5_000 })
    f.sandbox.control.consume(row.id, USED)
    const earlier = { before: { ...before, ...editableOf(before) }, sent }
    const result = await edit(f, row.id, {}, { mode: 'add', delta: 5_000 }, { earlier })
    expect(result).toMatchObject({ kind: 'written', refund: handedBack, readGiven: true })
    expect(fullPuts(f.sandbox)).toHaveLength(0)
  })

  it('ends a "set" intent at exactly the set value', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault({ kind: 'status', status: 502 }, { path: '/api/token/', method: 'PUT' })
    const used = onPut(f.sandbox, 1, () => f.sandbox.control.consume(row.id, USED))
    await edit(f, row.id, {}, { mode: 'set', value: 12_500_000 })
    await used
    expect(fullPuts(f.sandbox)).toHaveLength(2)
    expect(f.sandbox.control.token(row.id)!.remain_quota).toBe(12_500_000)
  })

  it('reads again after a short 429 instead of re-sending the old body', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault(
      { kind: 'status', status: 429, retryAfter: 1 },
      { path: '/api/token/', method: 'PUT' },
    )
    const used = onPut(f.sandbox, 1, () => f.sandbox.control.consume(row.id, USED))
    await edit(f, row.id, { name: 'after 429' }, null)
    await used
    const stored = f.sandbox.control.token(row.id)!
    expect(stored.name).toBe('after 429')
    expect(stored.remain_quota).toBe(row.remain_quota - USED)
    expect(fullPuts(f.sandbox)).toHaveLength(2)
  })

  it('gives up after three cycles, or at once on a long Retry-After or a refusal', async () => {
    const { f, row } = await start()
    f.sandbox.control.injectFault(
      { kind: 'status', status: 502 },
      { path: '/api/token/', method: 'PUT', times: Infinity },
    )
    await expect(edit(f, row.id, { name: 'x' }, null)).rejects.toMatchObject({ code: 'server', requests: 6 })
    expect(fullPuts(f.sandbox)).toHaveLength(3)

    f.sandbox.control.clearFaults()
    f.sandbox.control.clearRequests()
    f.sandbox.control.injectFault(
      { kind: 'status', status: 429, retryAfter: 120 },
      { path: '/api/token/', method: 'PUT' },
    )
    await expect(edit(f, row.id, { name: 'y' }, null)).rejects.toMatchObject({ code: 'rate-limited' })
    expect(fullPuts(f.sandbox)).toHaveLength(1)
    expect(f.sandbox.control.token(row.id)!.name).toBe(row.name)
  })
})

describe('what the cycle reports', () => {
  it("measures the refund of each write from the PUT's answer, exactly", async () => {
    const { f, row } = await start()
    // Usage that lands between the read and the PUT (the sandbox answers the read, then holds it back
    // for its latency: that is when this usage lands).
    const read = new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (f.sandbox.control.requests().some((r) => r.method === 'GET')) {
          clearInterval(poll)
          f.sandbox.control.consume(row.id, 4_321)
          resolve()
        }
      }, 1)
      setTimeout(() => reject(new Error('no read')), 5_000)
    })
    const result = await edit(f, row.id, { name: 'measured' }, null)
    await read
    expect(result).toMatchObject({ kind: 'written', refund: 4_321, requests: 2 })
    // That usage was handed back: the row holds the quota the read saw.
    expect(f.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota)
  })

  it('sends nothing when the build says so, and stops with the reason it gives', async () => {
    const { f, row } = await start()
    const nothing = await runWriteCycle(f.client, row.id, () => ({ kind: 'nothing' }), { relative: false })
    expect(nothing).toMatchObject({ kind: 'unchanged', requests: 1 })
    const stopped = await runWriteCycle(f.client, row.id, () => ({ kind: 'stop', reason: 'conflict' }), {
      relative: false,
    })
    expect(stopped).toMatchObject({ kind: 'stopped', reason: 'conflict', requests: 1 })
    expect(fullPuts(f.sandbox)).toHaveLength(0)
  })
})

describe('a full update answered without data', () => {
  it('takes what it sent as the saved token instead of failing with bad-response', async () => {
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
    const result = await runWriteCycle(
      client,
      7,
      (fresh) => ({ kind: 'send', body: buildUpdateBody(fresh, { name: 'renamed' }, null) }),
      { relative: false },
    )
    expect(result).toMatchObject({ kind: 'written', token: { id: 7, name: 'renamed' }, refund: null })
    expect(seen).toEqual(['GET /api/token/7', 'PUT /api/token/'])
  })
})
