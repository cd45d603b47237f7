import { afterEach, describe, expect, it } from 'vitest'
import type { TokenList } from '../../src/shared/contract/contract'
import type { TokenUsage, UsageRange } from '../../src/shared/domain/token-usage'
import type { LogRow, SandboxOptions } from '../../src/sandbox/index'
import { startCoreHarness, type CoreHarness } from './core-harness'

// `usage.token` end to end inside the core: a real core reading a real sandbox's usage log over loopback
// HTTP, through the server's pacer. The expected numbers come from the sandbox's own log rows.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const BUSY = 112 // 'openai-only' in the test seed: limited, plenty of quota, a gpt-4o-mini whitelist

async function start(sandbox: SandboxOptions = {}) {
  harness = await startCoreHarness(sandbox, { http: { pacer: { retry: { retries: 0 } } } })
  const profile = await harness.addSandboxProfile()
  return { h: harness, profileId: profile.id }
}

const ask = (h: CoreHarness, profileId: string, range: UsageRange, extra: Record<string, unknown> = {}) =>
  h.call<TokenUsage>('usage.token', {
    profileId,
    tokenId: BUSY,
    tokenName: h.sandbox.control.token(BUSY)!.name,
    range,
    ...extra,
  })
const value = async (...args: Parameters<typeof ask>) => {
  const result = await ask(...args)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

const logRequests = (h: CoreHarness) =>
  h.sandbox.control.requests().filter((request) => request.path.startsWith('/api/log/'))
const rowsOf = (h: CoreHarness, id: number, from: number, to: number): LogRow[] =>
  h.sandbox.control
    .usageLog()
    .filter((row) => row.token_id === id && row.created_at >= from && row.created_at <= to)
const sum = (rows: { quota: number }[]) => rows.reduce((total, row) => total + row.quota, 0)

describe('usage of one token', () => {
  it("counts the token's requests and quota per range, as a series and its recent calls, from the server's log", async () => {
    const { h, profileId } = await start()
    h.sandbox.control.seedUsageHistory({ tokenIds: [BUSY, 101], days: 30, callsPerDay: 12 })
    for (let i = 0; i < 3; i++) h.sandbox.control.use(BUSY, 1_000 + i)
    for (const range of ['24h', '7d', '30d'] as const) {
      const usage = await value(h, profileId, range)
      const rows = rowsOf(h, BUSY, usage.from, usage.to)
      expect(usage.totals).toEqual({ requests: rows.length, quota: sum(rows) })
      expect(usage.totalsFrom).toBe('server')
      expect(usage.partialBefore).toBeNull()
      expect(usage.buckets).toHaveLength({ '24h': 24, '7d': 7, '30d': 30 }[range])
      expect(usage.unit).toBe(range === '24h' ? 'hour' : 'day')
      expect(usage.buckets.reduce((total, bucket) => total + bucket.requests, 0)).toBe(rows.length)
      expect(sum(usage.buckets)).toBe(sum(rows))
      // Newest first: the three live calls lead, with their model and quota.
      expect(usage.recent.slice(0, 3).map((call) => [call.model, call.quota])).toEqual([
        ['gpt-4o-mini', 1_002],
        ['gpt-4o-mini', 1_001],
        ['gpt-4o-mini', 1_000],
      ])
      expect(usage.recent.length).toBe(Math.min(20, rows.length))
    }
    // The series covers a month: days with calls before the last week.
    const month = await value(h, profileId, '30d')
    expect(month.buckets.slice(0, 20).some((bucket) => bucket.requests > 0)).toBe(true)
  })

  it('costs one request per 100 calls, and nothing when looked at again within a minute', async () => {
    const { h, profileId } = await start()
    h.sandbox.control.seedUsageHistory({ tokenIds: [BUSY], days: 30, callsPerDay: 8 })
    h.sandbox.control.clearRequests()
    const first = await value(h, profileId, '30d')
    const pages = Math.ceil(first.totals.requests / 100)
    expect(pages).toBeGreaterThan(1)
    expect(logRequests(h)).toHaveLength(pages)
    expect(first.requestsSpent).toBe(pages)
    h.sandbox.control.clearRequests()
    const again = await value(h, profileId, '30d')
    expect(again.requestsSpent).toBe(0)
    expect(again.totals).toEqual(first.totals)
    expect(logRequests(h)).toHaveLength(0)
    // "Refresh" reads again and sees a call made meanwhile.
    h.sandbox.control.use(BUSY, 5_000)
    const fresh = await value(h, profileId, '30d', { fresh: true })
    expect(fresh.totals.requests).toBe(first.totals.requests + 1)
    expect(logRequests(h)).toHaveLength(fresh.requestsSpent)
  })

  it('reads at most 10 pages of a very busy token: exact totals from the server, the series marked partial', async () => {
    const { h, profileId } = await start()
    h.sandbox.control.seedUsageHistory({ tokenIds: [BUSY], days: 30, callsPerDay: 60 })
    h.sandbox.control.clearRequests()
    const usage = await value(h, profileId, '30d')
    const rows = rowsOf(h, BUSY, usage.from, usage.to)
    expect(rows.length).toBeGreaterThan(1000)
    expect(usage.totals).toEqual({ requests: rows.length, quota: sum(rows) })
    expect(usage.totalsFrom).toBe('server')
    const newest = rows.slice(-1000)
    expect(usage.partialBefore).toBe(newest[0]!.created_at)
    expect(usage.buckets.reduce((total, bucket) => total + bucket.requests, 0)).toBe(1000)
    // 10 pages and the server's quota sum.
    const sent = logRequests(h)
    expect(sent.filter((request) => request.path.startsWith('/api/log/self?'))).toHaveLength(10)
    expect(sent.filter((request) => request.path.startsWith('/api/log/self/stat'))).toHaveLength(1)
    expect(usage.requestsSpent).toBe(11)
  })

  it('counts only its own calls when another token has the same name', async () => {
    const { h, profileId } = await start()
    h.sandbox.control.patchToken(103, { name: 'openai-only' })
    await h.value<TokenList>('tokens.list', { profileId })
    h.sandbox.control.seedUsageHistory({ tokenIds: [BUSY, 103], days: 3, callsPerDay: 10 })
    const usage = await value(h, profileId, '7d')
    const mine = rowsOf(h, BUSY, usage.from, usage.to)
    expect(rowsOf(h, 103, usage.from, usage.to).length).toBeGreaterThan(0)
    expect(usage).toMatchObject({ sharedName: true, separated: true, totalsFrom: 'read' })
    expect(usage.totals).toEqual({ requests: mine.length, quota: sum(mine) })
  })
})

describe('when the log cannot be read', () => {
  it('says the server has no usage log (404), and the tokens still list', async () => {
    const { h, profileId } = await start({ usageLogs: false })
    const result = await ask(h, profileId, '24h')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('not-found')
    expect(result.error.details?.routeMissing).toBe(true)
    expect((await h.value<TokenList>('tokens.list', { profileId })).source).toBe('server')
  })

  it('answers offline when the server is gone, and rate-limited when it says so', async () => {
    const { h, profileId } = await start()
    h.sandbox.control.injectFault({ kind: 'status', status: 429, retryAfter: 600 }, { path: '/api/log/self' })
    const limited = await ask(h, profileId, '24h')
    expect(limited.ok ? null : limited.error.code).toBe('rate-limited')
    await h.call('servers.retryNow', { profileId })
    await h.sandbox.goOffline()
    const offline = await ask(h, profileId, '7d')
    expect(offline.ok ? null : offline.error.code).toBe('offline')
  })

  it('refuses input that is not a token of a saved server', async () => {
    const { h, profileId } = await start()
    const bad = await h.call('usage.token', { profileId, tokenId: -1, tokenName: 'x', range: '1y' })
    expect(bad.ok ? null : bad.error.code).toBe('validation')
    const unknown = await h.call('usage.token', {
      profileId: 'nope',
      tokenId: 1,
      tokenName: 'x',
      range: '7d',
    })
    expect(unknown.ok ? null : unknown.error.code).toBe('not-found')
  })
})
