import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSandbox, type SandboxGateway, type SandboxOptions } from '../../src/sandbox'
import { call } from './sandbox-client'

// The usage log a relay call writes and the routes that read it: GET /api/log/self (filters, paging in
// both generations, upstream's quirks) and GET /api/log/self/stat (docs/newapi-behaviour.md §5).

interface LogItem {
  id: number
  created_at: number
  type: number
  token_name: string
  token_id: number
  model_name: string
  quota: number
  prompt_tokens: number
  completion_tokens: number
  channel_name: string
  other: string
}
interface LogPage {
  page: number
  page_size: number
  total: number
  items: LogItem[]
}

let sandbox: SandboxGateway
afterEach(() => sandbox.close())

const start = async (options: SandboxOptions = {}) => {
  sandbox = await startSandbox({ rateLimits: { global: false }, ...options })
}
const nowSeconds = () => Math.floor(Date.now() / 1000)
const logs = async (query: string) => {
  const answer = await call(sandbox, 'GET', `/api/log/self?${query}`)
  expect(answer.status).toBe(200)
  expect(answer.json.success).toBe(true)
  return answer.json.data as LogPage
}
const stat = async (query: string) =>
  (await call(sandbox, 'GET', `/api/log/self/stat?${query}`)).json.data as {
    quota: number
    rpm: number
    tpm: number
  }

describe('a relay call writes the usage log', () => {
  it('logs each billed use with its token, model and the quota drawn', async () => {
    await start()
    // 107: ci-runner, a whitelist of no models → the everyday mix; 112: openai-only, gpt-4o-mini only.
    expect(sandbox.control.use(112, 2_500)).toBe('used')
    expect(sandbox.control.use(106, 100)).toBe('disabled') // refused calls are not billed, not logged
    const page = await logs('token_name=openai-only')
    expect(page.total).toBe(1)
    expect(page.items[0]).toMatchObject({
      type: 2,
      token_name: 'openai-only',
      token_id: 112,
      model_name: 'gpt-4o-mini',
      quota: 2_500,
      channel_name: '',
    })
    expect(page.items[0]!.prompt_tokens + page.items[0]!.completion_tokens).toBeGreaterThan(0)
    expect(sandbox.control.usageLog()).toHaveLength(1)
  })

  it('bills a limited token only what it had left, and logs that', async () => {
    await start()
    sandbox.control.patchToken(112, { remain_quota: 700 })
    sandbox.control.use(112, 2_500)
    expect((await logs('token_name=openai-only')).items.map((item) => item.quota)).toEqual([700])
  })
})

describe('GET /api/log/self', () => {
  it('filters by exact token name — every token of that name — and callers tell them apart by token_id', async () => {
    await start()
    sandbox.control.patchToken(103, { name: 'openai-only' })
    sandbox.control.use(112, 1_000)
    sandbox.control.use(103, 2_000)
    sandbox.control.use(102, 3_000)
    const page = await logs('token_name=openai-only')
    expect(page.items.map((item) => item.token_id)).toEqual([103, 112]) // newest first
    expect((await logs('token_name=openai')).total).toBe(0) // not a substring match
    expect((await logs('')).total).toBe(3)
  })

  it('filters by model (SQL LIKE), type and an inclusive time range', async () => {
    await start()
    const added = sandbox.control.seedUsageHistory({ tokenIds: [112, 109], days: 10, callsPerDay: 20 })
    const all = sandbox.control.usageLog()
    expect(all).toHaveLength(added)
    const middle = all[Math.floor(all.length / 2)]!.created_at
    const last = all.at(-1)!.created_at
    const inRange = all.filter((row) => row.created_at >= middle && row.created_at <= last).length
    expect((await logs(`start_timestamp=${middle}&end_timestamp=${last}&page_size=1`)).total).toBe(inRange)
    const mini = all.filter((row) => row.model_name === 'gpt-4o-mini').length
    expect((await logs('model_name=gpt-4o-mini&page_size=1')).total).toBe(mini)
    expect((await logs('model_name=gpt-4o%25&page_size=1')).total).toBe(
      all.filter((row) => row.model_name.startsWith('gpt-4o')).length,
    )
    expect((await logs('type=2&page_size=1')).total).toBe(all.length)
    expect((await logs('type=1&page_size=1')).total).toBe(0)
  })

  it('pages newest first with the paged object, ids shown modulo 1024 as upstream does', async () => {
    await start()
    sandbox.control.seedUsageHistory({ tokenIds: [101], days: 30, callsPerDay: 60 })
    const all = sandbox.control.usageLog()
    expect(all.length).toBeGreaterThan(1024)
    const first = await logs('token_name=生产-主账号&p=1&page_size=100')
    const second = await logs('token_name=生产-主账号&p=2&page_size=100')
    expect(first).toMatchObject({ page: 1, page_size: 100, total: all.length })
    const newest = all.slice(-200).reverse()
    expect([...first.items, ...second.items].map((item) => item.created_at)).toEqual(
      newest.map((row) => row.created_at),
    )
    expect(first.items[0]!.id).toBe(all.length % 1024)
    // A page size above 100 is capped; `p=0` means the first page.
    expect((await logs('p=0&page_size=500')).items).toHaveLength(100)
  })

  it('answers a bare array with 0-based pages on servers before 2025-06-12', async () => {
    await start({ mode: 'legacy' })
    for (let i = 0; i < 5; i++) sandbox.control.use(112, 1_000 + i)
    const answer = await call(sandbox, 'GET', '/api/log/self?token_name=openai-only&p=1&page_size=2')
    expect((answer.json.data as LogItem[]).map((item) => item.quota)).toEqual([1_002, 1_001])
  })

  it('is an unknown route (404) on a build without it, and counts against the global limit', async () => {
    sandbox = await startSandbox({ usageLogs: false })
    const missing = await call(sandbox, 'GET', '/api/log/self?token_name=x')
    expect(missing.status).toBe(404)
    expect(JSON.stringify(missing.json)).toContain('Invalid URL')
    await sandbox.close()
    sandbox = await startSandbox({ rateLimits: { global: { requests: 2, windowSeconds: 60 } } })
    expect((await call(sandbox, 'GET', '/api/log/self')).status).toBe(200)
    expect((await call(sandbox, 'GET', '/api/log/self/stat')).status).toBe(200)
    expect((await call(sandbox, 'GET', '/api/log/self')).status).toBe(429)
  })
})

describe('GET /api/log/self/stat', () => {
  it('sums the quota of the filtered range and counts the last minute as rpm/tpm', async () => {
    await start()
    sandbox.control.seedUsageHistory({ tokenIds: [112], days: 5, callsPerDay: 10 })
    const past = sandbox.control.usageLog()
    sandbox.control.use(112, 4_000)
    sandbox.control.use(112, 6_000)
    const now = nowSeconds()
    const dayAgo = now - 86_400
    const expected = past.filter((row) => row.created_at >= dayAgo).reduce((sum, row) => sum + row.quota, 0)
    const answer = await stat(`token_name=openai-only&start_timestamp=${dayAgo}&end_timestamp=${now + 5}`)
    expect(answer.quota).toBe(expected + 10_000)
    expect(answer.rpm).toBe(2)
    const live = sandbox.control.usageLog().slice(-2)
    expect(answer.tpm).toBe(live.reduce((sum, row) => sum + row.prompt_tokens + row.completion_tokens, 0))
    expect((await stat('token_name=nobody')).quota).toBe(0)
  })
})

describe('seeded history', () => {
  it('is the same for the same tokens, options and second, within the days asked, busier on working hours', async () => {
    await start()
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-09-01T12:00:00Z'))
      sandbox.control.seedUsageHistory({ tokenIds: [101, 112], days: 30, callsPerDay: 40 })
      const first = sandbox.control.usageLog()
      const other = await startSandbox()
      other.control.seedUsageHistory({ tokenIds: [101, 112], days: 30, callsPerDay: 40 })
      expect(other.control.usageLog()).toEqual(first)
      await other.close()
      const now = Math.floor(Date.now() / 1000)
      expect(first.every((row) => row.created_at > now - 30 * 86_400 && row.created_at <= now - 60)).toBe(
        true,
      )
      const hourOf = (at: number) => Math.floor((at % 86_400) / 3_600)
      const working = first.filter((row) => hourOf(row.created_at) >= 9 && hourOf(row.created_at) < 17)
      const night = first.filter((row) => hourOf(row.created_at) < 8)
      expect(working.length).toBeGreaterThan(night.length * 2)
      // Rows are in time order with ids in that order, as the table writes them.
      expect(first.map((row) => row.id)).toEqual(first.map((_, index) => index + 1))
      expect([...first].sort((a, b) => a.created_at - b.created_at)).toEqual(first)
    } finally {
      vi.useRealTimers()
    }
  })
})
