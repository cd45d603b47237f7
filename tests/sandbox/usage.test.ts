import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type SandboxGateway } from '../../src/sandbox'
import { call } from './sandbox-client'

// Usage simulation: control.use() (one relay call with the key), startUsage() (a background consumer)
// and status-on-use, i.e. a server without Redis storing status 3/4 when a use finds them
// (docs/newapi-behaviour.md §4). By default the stored status never changes.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until `done` holds (timers run late on a busy machine), failing after two seconds. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not reached in 2 s')
    await sleep(10)
  }
}

let sandbox: SandboxGateway
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

const apiStatus = async (id: number) =>
  ((await call(sandbox, 'GET', `/api/token/${id}`)).json.data as { status: number }).status

describe('control.use', () => {
  it('draws quota from a usable token like consume()', () => {
    const before = sandbox.control.token(102)!
    expect(sandbox.control.use(102, 1000)).toBe('used')
    expect(sandbox.control.token(102)).toMatchObject({
      remain_quota: before.remain_quota - 1000,
      used_quota: before.used_quota + 1000,
    })
    expect(sandbox.control.use(101, 1000)).toBe('used')
    expect(sandbox.control.token(101)!.remain_quota).toBe(-1000)
  })

  it('refuses disabled, expired, exhausted and missing tokens without drawing', () => {
    const before = sandbox.control.tokens()
    expect(sandbox.control.use(106, 10)).toBe('disabled')
    expect(sandbox.control.use(104, 10)).toBe('expired')
    expect(sandbox.control.use(105, 10)).toBe('exhausted')
    expect(sandbox.control.use(9999, 10)).toBe('missing')
    expect(sandbox.control.tokens()).toEqual(before)
  })

  it('leaves the stored status alone by default, like a server with Redis', async () => {
    sandbox.control.patchToken(102, { remain_quota: 0 })
    expect(sandbox.control.use(102, 1)).toBe('exhausted')
    expect(sandbox.control.use(104, 1)).toBe('expired')
    expect(await apiStatus(102)).toBe(1)
    expect(await apiStatus(104)).toBe(1)
  })

  it('with markStatusOnUse(true) stores 3 for expired and 4 for exhausted', async () => {
    sandbox.control.markStatusOnUse(true)
    sandbox.control.patchToken(102, { remain_quota: 0 })
    expect(sandbox.control.use(102, 1)).toBe('exhausted')
    expect(sandbox.control.use(104, 1)).toBe('expired')
    expect(await apiStatus(102)).toBe(4)
    expect(await apiStatus(104)).toBe(3)
    // Usable tokens and consume() are unaffected.
    expect(sandbox.control.use(103, 1)).toBe('used')
    expect(sandbox.control.token(103)!.status).toBe(1)
    sandbox.control.patchToken(107, { remain_quota: 0 })
    sandbox.control.consume(107, 1)
    expect(sandbox.control.token(107)!.status).toBe(1)
    sandbox.control.markStatusOnUse(false)
    sandbox.control.patchToken(112, { remain_quota: 0 })
    sandbox.control.use(112, 1)
    expect(sandbox.control.token(112)!.status).toBe(1)
  })

  it('expired wins over exhausted, as upstream checks expiry first', () => {
    sandbox.control.markStatusOnUse(true)
    sandbox.control.patchToken(104, { remain_quota: 0 })
    expect(sandbox.control.use(104, 1)).toBe('expired')
    expect(sandbox.control.token(104)!.status).toBe(3)
  })
})

describe('control.startUsage', () => {
  it('spends quota on each token every tick until stopped', async () => {
    const before = [102, 103].map((id) => sandbox.control.token(id)!.remain_quota)
    const stop = sandbox.control.startUsage({ tokenIds: [102, 103], quotaPerTick: 1000, intervalMs: 20 })
    const spent = () => [102, 103].map((id, i) => before[i]! - sandbox.control.token(id)!.remain_quota)
    await until(() => spent().every((amount) => amount >= 3000))
    stop()
    // Every tick spends on both tokens, in whole ticks.
    const [first, second] = spent()
    expect(first).toBe(second)
    expect(first! % 1000).toBe(0)
    const frozen = sandbox.control.tokens()
    await sleep(60)
    expect(sandbox.control.tokens()).toEqual(frozen)
  })

  it('drains a limited token to 0 and, without Redis, marks it exhausted on the next use', async () => {
    const noRedis = await startSandbox({ statusOnUse: true })
    try {
      noRedis.control.patchToken(103, { remain_quota: 2500 })
      noRedis.control.startUsage({ tokenIds: [103], quotaPerTick: 1000, intervalMs: 10 })
      await until(() => noRedis.control.token(103)!.status !== 1)
      expect(noRedis.control.token(103)).toMatchObject({ remain_quota: 0, status: 4 })
      const listed = (await call(noRedis, 'GET', '/api/token/103')).json.data as { status: number }
      expect(listed.status).toBe(4)
    } finally {
      await noRedis.close()
    }
  })

  it('is stopped by close()', async () => {
    const temporary = await startSandbox()
    temporary.control.startUsage({ tokenIds: [102], quotaPerTick: 1, intervalMs: 10 })
    await sleep(30)
    await temporary.close()
    const after = temporary.control.token(102)!.remain_quota
    await sleep(50)
    expect(temporary.control.token(102)!.remain_quota).toBe(after)
  })

  it('stopUsage() stops every consumer; bad options throw', async () => {
    sandbox.control.startUsage({ tokenIds: [102], quotaPerTick: 1, intervalMs: 10 })
    sandbox.control.startUsage({ tokenIds: [103], quotaPerTick: 1, intervalMs: 10 })
    await sleep(30)
    sandbox.control.stopUsage()
    const frozen = sandbox.control.tokens()
    await sleep(40)
    expect(sandbox.control.tokens()).toEqual(frozen)
    expect(() => sandbox.control.startUsage({ tokenIds: [102], quotaPerTick: -1, intervalMs: 10 })).toThrow()
    expect(() => sandbox.control.startUsage({ tokenIds: [102], quotaPerTick: 1, intervalMs: 0 })).toThrow()
  })
})

describe('HTTP control surface for usage', () => {
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.baseUrl}/__sandbox/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  it('POST /__sandbox/tokens/{id}/use reports the outcome; status-on-use toggles marking', async () => {
    let res = await control('POST', 'tokens/104/use', { quota: 5 })
    expect(await res.json()).toMatchObject({ outcome: 'expired', token: { id: 104, status: 1 } })
    expect((await control('POST', 'status-on-use', { enabled: true })).status).toBe(200)
    res = await control('POST', 'tokens/104/use', { quota: 5 })
    expect(await res.json()).toMatchObject({ outcome: 'expired', token: { status: 3 } })
    expect((await control('POST', 'status-on-use', { enabled: 'yes' })).status).toBe(400)
    expect((await control('POST', 'tokens/9999/use', { quota: 5 })).status).toBe(404)
  })

  it('POST /__sandbox/usage starts a consumer and DELETE stops it', async () => {
    const before = sandbox.control.token(102)!.remain_quota
    const started = await control('POST', 'usage', { tokenIds: [102], quotaPerTick: 7, intervalMs: 10 })
    expect(started.status).toBe(200)
    await until(() => before - sandbox.control.token(102)!.remain_quota >= 14)
    await control('DELETE', 'usage')
    const after = sandbox.control.token(102)!.remain_quota
    expect(before - after).toBeGreaterThanOrEqual(14)
    expect((before - after) % 7).toBe(0)
    await sleep(30)
    expect(sandbox.control.token(102)!.remain_quota).toBe(after)
    expect((await control('POST', 'usage', { tokenIds: [102] })).status).toBe(400)
  })

  it('GET /__sandbox/tokens/deleted lists soft-deleted rows', async () => {
    await call(sandbox, 'DELETE', '/api/token/105')
    const rows = (await (await control('GET', 'tokens/deleted')).json()) as Array<{ id: number }>
    expect(rows.map((row) => row.id)).toEqual([105])
  })
})
