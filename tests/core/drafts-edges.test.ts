import { afterEach, describe, expect, it } from 'vitest'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { TokenList } from '../../src/shared/contract/contract'
import type { DraftView } from '../../src/shared/domain/draft'
import type { ServerState } from '../../src/shared/domain/server-state'
import { type Token } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'
import type { StoredToken } from '../../src/sandbox/index'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { limitedToken } from './limited-token'

// The edges of sending drafts, where a careless engine applies something twice, loses an edit or gets
// stuck: answers that cannot be read, edits of a draft whose attempt may have landed, refused
// credentials, toggles that cancel out, listings overtaken by writes. Real core, real sandbox.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function start(options: Parameters<typeof startCoreHarness>[0] = {}) {
  harness = await startCoreHarness(options)
  const profile = await harness.addSandboxProfile()
  return { h: harness, profileId: profile.id }
}

const baseOf = (row: StoredToken) => ({ id: row.id, status: row.status, ...editableOf(row as Token) })

const drafts = async (h: CoreHarness, profileId: string) =>
  (await h.value<{ drafts: DraftView[] }>('drafts.list', { profileId })).drafts
const puts = (h: CoreHarness) => h.sandbox.control.requests().filter((r) => r.method === 'PUT')

describe('answers that cannot be read', () => {
  it.each([
    ['a success whose token has the wrong types', { kind: 'wrong-types' as const }],
    ['an HTML page with HTTP 200', { kind: 'html' as const, status: 200 }],
  ])('never adds twice after %s', async (_name, fault) => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.injectFault(fault, { path: '/api/token/', method: 'PUT', processed: true })
    const saved = await h.edit(profileId, row.id, { quota: { mode: 'add', delta: 1_000 } })
    expect(saved.ok).toBe(true)
    await expect.poll(async () => drafts(h, profileId), { timeout: 10_000 }).toEqual([])
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota + 1_000)
    expect(puts(h)).toHaveLength(1)
  })

  it('stops a draft whose server redirects (a wrong address) instead of trying forever', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.injectFault({ kind: 'status', status: 301 }, { path: '/api/token/', times: Infinity })
    const saved = await h.edit(profileId, row.id, { changes: { name: 'redirected' } })
    expect(saved).toMatchObject({
      ok: true,
      value: { outcome: 'failed', draft: { state: 'failed', lastError: { code: 'bad-response' } } },
    })
  })
})

describe('a draft whose attempt may have landed', () => {
  it('is locked: an edit of it is refused, it is sent as it was, and the add lands once', async () => {
    const { h, profileId } = await start({ latencyMs: 30 })
    const row = limitedToken(h)
    // The PUT lands but its answer is lost, and the server is gone before the next read.
    h.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    const landed = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (puts(h).length > 0) {
          clearInterval(poll)
          void h.sandbox.goOffline().then(resolve)
        }
      }, 1)
    })
    const saved = await h.edit(profileId, row.id, { quota: { mode: 'add', delta: 5_000 } })
    await landed
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'queued', draft: { locked: true } } })
    const draftId = saved.ok ? saved.value.draft!.id : ''
    const edited = await h.call<SaveOutcome>('drafts.save', {
      profileId,
      draftId,
      tokenId: row.id,
      base: baseOf(row),
      changes: { name: 'more' },
      quota: { mode: 'add', delta: 5_000 },
      wantStatus: null,
      mode: 'hold',
    })
    expect(edited.ok ? null : edited.error.code).toBe('conflict')
    await h.sandbox.comeBack()
    await h.value('app.signal', { signal: 'online' })
    await expect.poll(async () => drafts(h, profileId), { timeout: 10_000 }).toEqual([])
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota + 5_000)
    expect(puts(h)).toHaveLength(1)
  })
})

describe('the server refusing the access token', () => {
  it('waits, and "retry now" sends once the user has mended it', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.setUser({ status: 2 }) // banned
    const saved = await h.edit(profileId, row.id, { changes: { name: 'after the ban' } })
    expect(saved).toMatchObject({
      ok: true,
      value: { outcome: 'queued', draft: { lastError: { code: 'forbidden' } } },
    })
    const states = await h.value<ServerState[]>('servers.states')
    expect(states[0]!.reach.state).toBe('auth-refused')
    h.sandbox.control.setUser({ status: 1 })
    await h.value('servers.retryNow', { profileId })
    await expect.poll(() => h.sandbox.control.token(row.id)!.name, { timeout: 10_000 }).toBe('after the ban')
  })
})

describe('status toggles', () => {
  it('cancel out when disabled and enabled again before either went out', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, { wantStatus: 2 })
    expect(await drafts(h, profileId)).toHaveLength(1)
    const again = await h.value<SaveOutcome>('drafts.save', {
      profileId,
      draftId: null,
      tokenId: row.id,
      base: { ...baseOf(row), status: 2 },
      changes: {},
      quota: null,
      wantStatus: 1,
      mode: 'now',
    })
    expect(again.outcome).toBe('nothing')
    expect(await drafts(h, profileId)).toEqual([])
    await h.sandbox.comeBack()
    await h.value('app.signal', { signal: 'online' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(puts(h)).toEqual([])
  })
})

describe('the token cache', () => {
  it('keeps a row written while a listing was under way', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    // The listing's page is read by the server at once and answered 600 ms later; the edit lands meanwhile.
    h.sandbox.control.injectFault({ kind: 'slow', ms: 600 }, { path: '/api/token/', method: 'GET' })
    const listing = h.value<TokenList>('tokens.list', { profileId })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const saved = await h.edit(profileId, row.id, { changes: { name: 'written during the listing' } })
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'synced' } })
    const list = await listing
    expect(list.tokens.find((t) => t.id === row.id)?.name).toBe('written during the listing')
    await h.sandbox.goOffline()
    const cached = await h.value<TokenList>('tokens.list', { profileId })
    expect(cached.source).toBe('cache')
    expect(cached.tokens.find((t) => t.id === row.id)?.name).toBe('written during the listing')
  })

  it('keeps no plaintext key on disk', async () => {
    const { h, profileId } = await start({ mode: 'legacy' }) // legacy servers send keys in plaintext
    const list = await h.value<TokenList>('tokens.list', { profileId })
    const key = h.sandbox.control.token(list.tokens[0]!.id)!.key
    expect(list.tokens[0]!.key).toBe(key) // the UI still gets what the server sent
    const { filesContaining } = await import('../../e2e/fixtures/secret-scan')
    expect(await filesContaining(h.dataDir, key)).toEqual([])
  })
})
