import { afterEach, describe, expect, it } from 'vitest'
import type { KeyBudget } from '../../src/shared/contract/key-contract'
import type { SandboxOptions } from '../../src/sandbox/index'
import { filesContaining } from '../../e2e/fixtures/secret-scan'
import { startCoreHarness, type CoreHarness, type HarnessCoreOptions } from './core-harness'

// Copying keys through the core, over real HTTP to the sandbox: reveals go through the critical bucket
// (20 per 20 minutes, TokenDesk keeps one for the user's browser), keys revealed once are held in main's
// memory for the session and cost nothing again, and none of them ever reaches the data folder or the log.

interface CopyAnswer {
  copied: boolean
  text: string | null
  count: number
  missing: number[]
  budget: KeyBudget
}

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function start(sandbox: SandboxOptions = {}, core: HarnessCoreOptions = {}) {
  harness = await startCoreHarness(sandbox, core)
  const { id } = await harness.addSandboxProfile()
  await harness.value('tokens.list', { profileId: id })
  harness.sandbox.control.clearRequests()
  return { h: harness, profileId: id }
}

const keyCalls = (h: CoreHarness) =>
  h.sandbox.control.requests().filter((r) => r.method === 'POST' && /\/key(s)?$/.test(r.path))

describe('keys.copy', () => {
  it('copies one key, then again from memory without a request, and counts only the first', async () => {
    const { h, profileId } = await start()
    const row = h.sandbox.control.tokens()[0]!
    const before = await h.value<KeyBudget>('keys.budget', { profileId })
    const first = await h.value<CopyAnswer>('keys.copy', { profileId, tokenIds: [row.id], format: 'keys' })
    expect(first).toMatchObject({ copied: false, text: `sk-${row.key}`, count: 1, missing: [] })
    expect(first.budget.left).toBe(before.left - 1)
    expect(first.budget.nextFreeAt).toBeGreaterThan(Date.now())
    expect(keyCalls(h)).toHaveLength(1)

    const again = await h.value<CopyAnswer>('keys.copy', { profileId, tokenIds: [row.id], format: 'json' })
    expect(JSON.parse(again.text!)).toEqual({
      _type: 'newapi_channel_conn',
      key: `sk-${row.key}`,
      url: h.sandbox.baseUrl,
    })
    expect(again.budget.left).toBe(first.budget.left)
    expect(keyCalls(h)).toHaveLength(1)
  })

  it('reveals 150 keys in two batch calls of 100 and 50, two critical requests', async () => {
    const { h, profileId } = await start({ seedTokens: 150 })
    const rows = h.sandbox.control.tokens()
    const before = await h.value<KeyBudget>('keys.budget', { profileId })
    const answer = await h.value<CopyAnswer>('keys.copy', {
      profileId,
      tokenIds: rows.map((r) => r.id),
      format: 'keys',
    })
    expect(answer.count).toBe(150)
    expect(answer.text!.split('\n').sort()).toEqual(rows.map((r) => `sk-${r.key}`).sort())
    const calls = keyCalls(h)
    expect(calls.map((r) => r.path)).toEqual(['/api/token/batch/keys', '/api/token/batch/keys'])
    expect(calls.map((r) => (r.body as { ids: number[] }).ids.length)).toEqual([100, 50])
    expect(answer.budget.left).toBe(before.left - 2)
  })

  it('refuses a copy the critical budget cannot pay for, naming what is left, and sends nothing', async () => {
    // A server limit of 4 reveals: TokenDesk keeps one for the browser, so 3 are its own.
    const { h, profileId } = await start(
      { seedTokens: 250 },
      { http: { pacer: { critical: { requests: 4, windowSeconds: 1200 } } } },
    )
    const rows = h.sandbox.control.tokens()
    await h.value('keys.copy', { profileId, tokenIds: [rows[0]!.id], format: 'keys' })
    const result = await h.call('keys.copy', { profileId, tokenIds: rows.map((r) => r.id), format: 'keys' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('rate-limited')
    expect(result.error.details?.fields).toEqual([
      { path: 'tokenIds', key: 'keys.overBudget', params: { needed: 3, left: 2, limit: 3, minutes: 20 } },
    ])
    expect(keyCalls(h)).toHaveLength(1)
    // The key already held still copies: it costs nothing.
    const held = await h.value<CopyAnswer>('keys.copy', {
      profileId,
      tokenIds: [rows[0]!.id],
      format: 'keys',
    })
    expect(held.text).toBe(`sk-${rows[0]!.key}`)
  })

  it('leaves out ids the server does not know and says which', async () => {
    const { h, profileId } = await start()
    const row = h.sandbox.control.tokens()[1]!
    const answer = await h.value<CopyAnswer>('keys.copy', {
      profileId,
      tokenIds: [row.id, 987_654],
      format: 'connection',
    })
    expect(answer.missing).toEqual([987_654])
    expect(answer.text).toBe(`Base URL: ${h.sandbox.baseUrl}\nAPI key: sk-${row.key}`)
  })

  it('takes keys from the list of an older server without the reveal routes, spending no reveal', async () => {
    const { h, profileId } = await start({ mode: 'legacy' })
    const rows = h.sandbox.control.tokens().slice(0, 3)
    const before = await h.value<KeyBudget>('keys.budget', { profileId })
    const answer = await h.value<CopyAnswer>('keys.copy', {
      profileId,
      tokenIds: rows.map((r) => r.id),
      format: 'keys',
    })
    expect(answer.text!.split('\n')).toEqual(rows.map((r) => `sk-${r.key}`))
    expect(keyCalls(h)).toEqual([])
    expect(h.sandbox.control.requests().every((r) => r.method === 'GET')).toBe(true)
    expect(answer.budget.left).toBe(before.left)
  })

  it('forgets held keys when the access token is entered again', async () => {
    const { h, profileId } = await start()
    const row = h.sandbox.control.tokens()[0]!
    await h.value('keys.copy', { profileId, tokenIds: [row.id], format: 'keys' })
    const profile = (
      await h.value<{ profiles: { id: string; name: string; baseUrl: string; userId: number }[] }>(
        'profiles.list',
      )
    ).profiles[0]!
    await h.value('profiles.update', {
      id: profileId,
      name: profile.name,
      baseUrl: profile.baseUrl,
      userId: profile.userId,
      production: false,
      accessToken: h.sandbox.accessToken,
    })
    h.sandbox.control.clearRequests()
    await h.value('keys.copy', { profileId, tokenIds: [row.id], format: 'keys' })
    expect(keyCalls(h)).toHaveLength(1)
  })

  it('writes no key to the data folder or the log', async () => {
    const { h, profileId } = await start({ seedTokens: 30 })
    const rows = h.sandbox.control.tokens()
    await h.value('keys.copy', { profileId, tokenIds: rows.map((r) => r.id), format: 'connection' })
    await h.value('keys.open', { profileId, tokenId: rows[0]!.id, target: 'cherry-studio' })
    await h.restart() // flushes the log and the files
    for (const row of rows) expect(await filesContaining(h.dataDir, row.key)).toEqual([])
  })
})

describe('the Electron host writes the clipboard and opens links in main', () => {
  it('answers without the text or link, which went to the OS instead', async () => {
    const clipboard: string[] = []
    const opened: string[] = []
    const { h, profileId } = await start(
      {},
      {
        desktop: {
          writeClipboard: (text) => clipboard.push(text),
          openExternal: async (url) => void opened.push(url),
          openFolder: async () => undefined,
        },
      },
    )
    const row = h.sandbox.control.tokens()[0]!
    const copy = await h.value<CopyAnswer>('keys.copy', { profileId, tokenIds: [row.id], format: 'keys' })
    expect(copy).toMatchObject({ copied: true, text: null, count: 1 })
    expect(clipboard).toEqual([`sk-${row.key}`])
    const open = await h.value<{ opened: boolean; url: string | null }>('keys.open', {
      profileId,
      tokenId: row.id,
      target: 'cc-switch-codex',
    })
    expect(open).toMatchObject({ opened: true, url: null })
    const link = new URL(opened[0]!)
    expect(link.protocol).toBe('ccswitch:')
    expect(link.searchParams.get('apiKey')).toBe(`sk-${row.key}`)
    expect(link.searchParams.get('endpoint')).toBe(`${h.sandbox.baseUrl}/v1`)
  })
})

describe('the address in connection info and client links', () => {
  it("is the one the server's admin set for clients, not the one TokenDesk reaches it by", async () => {
    const { h, profileId } = await start({ serverAddress: 'https://api.example.test/v1' })
    const row = h.sandbox.control.tokens()[0]!
    const json = await h.value<CopyAnswer>('keys.copy', { profileId, tokenIds: [row.id], format: 'json' })
    expect(JSON.parse(json.text!)).toMatchObject({ url: 'https://api.example.test' })
    const labels = { baseUrl: 'API 地址', apiKey: 'API 密钥' }
    const text = await h.value<CopyAnswer>('keys.copy', {
      profileId,
      tokenIds: [row.id],
      format: 'connection',
      labels,
    })
    expect(text.text).toBe(`API 地址: https://api.example.test\nAPI 密钥: sk-${row.key}`)
    const open = await h.value<{ url: string }>('keys.open', {
      profileId,
      tokenId: row.id,
      target: 'cherry-studio',
    })
    const data = new URL(open.url).searchParams.get('data')!
    expect(JSON.parse(Buffer.from(data, 'base64').toString('utf8'))).toMatchObject({
      baseUrl: 'https://api.example.test',
    })
  })

  it("is the saved one while the server keeps upstream's unset value, http://localhost:3000", async () => {
    const { h, profileId } = await start({ serverAddress: 'http://localhost:3000' })
    const row = h.sandbox.control.tokens()[0]!
    const json = await h.value<CopyAnswer>('keys.copy', { profileId, tokenIds: [row.id], format: 'json' })
    expect(JSON.parse(json.text!)).toMatchObject({ url: h.sandbox.baseUrl })
  })

  it('refuses labels that would add lines to the text', async () => {
    const { h, profileId } = await start()
    const row = h.sandbox.control.tokens()[0]!
    const result = await h.call('keys.copy', {
      profileId,
      tokenIds: [row.id],
      format: 'connection',
      labels: { baseUrl: 'Base URL\nAPI key: sk-fake', apiKey: 'API key' },
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
  })
})

describe('keys.open in the browser host', () => {
  it('answers the link for the page to open', async () => {
    const { h, profileId } = await start()
    const row = h.sandbox.control.tokens()[0]!
    const open = await h.value<{ opened: boolean; url: string }>('keys.open', {
      profileId,
      tokenId: row.id,
      target: 'cherry-studio',
    })
    expect(open.opened).toBe(false)
    const data = new URL(open.url).searchParams.get('data')!
    const payload = JSON.parse(Buffer.from(data, 'base64').toString('utf8'))
    expect(payload).toMatchObject({ apiKey: `sk-${row.key}`, baseUrl: h.sandbox.baseUrl, type: 'openai' })
  })
})
