import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import { startSandbox } from '../../src/sandbox/index'
import { type Token } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'
import type { TokenList } from '../../src/shared/contract/contract'
import type { Profile, ProfilesState } from '../../src/shared/domain/profile'
import type { ImportPlan } from '../../src/shared/domain/server-list-document'
import type { ServerState } from '../../src/shared/domain/server-state'
import type { AppErrorData } from '../../src/shared/result'
import { startCoreHarness, type CoreHarness } from './core-harness'

// Managing saved servers end to end through the core: edit (verified), duplicate, reorder, unique
// names, export and import without secrets, and the production guard.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const list = () => harness!.value<ProfilesState>('profiles.list')
const keysOf = (error: AppErrorData) => error.details?.fields?.map((f) => `${f.path}:${f.key}`)

function edit(profile: { id: string }, changes: Record<string, unknown>) {
  return harness!.call<Profile>('profiles.update', {
    id: profile.id,
    name: 'Sandbox',
    baseUrl: harness!.sandbox.baseUrl,
    userId: harness!.sandbox.userId,
    ...changes,
  })
}

describe('managing saved servers', () => {
  it('edits the name without asking the server, and verifies a changed address or user id first', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    harness.sandbox.control.clearRequests()
    const renamed = await edit(profile, { name: 'Renamed', production: true })
    expect(renamed.ok && renamed.value).toMatchObject({ name: 'Renamed', production: true })
    expect(harness.sandbox.control.requests()).toEqual([])

    const wrongUser = await edit(profile, { name: 'Renamed', userId: harness.sandbox.userId + 3 })
    expect(wrongUser.ok ? null : keysOf(wrongUser.error)).toEqual(['userId:connection.userIdIsOther'])
    const wrongToken = await edit(profile, { name: 'Renamed', accessToken: 'nope' })
    expect(wrongToken.ok ? null : keysOf(wrongToken.error)).toEqual(['accessToken:connection.tokenRejected'])
    // Nothing of a refused edit was kept: the saved server is as it was.
    const saved = (await list()).profiles[0]!
    expect(saved).toMatchObject({ name: 'Renamed', userId: harness.sandbox.userId })
    expect((await harness.value<TokenList>('tokens.list', { profileId: profile.id })).source).toBe('server')
  })

  it('keeps server names unique, whatever the case or spacing', async () => {
    harness = await startCoreHarness()
    const first = await harness.addSandboxProfile()
    await harness.addSandboxProfile()
    const clash = await harness.call('profiles.add', {
      name: ' sandbox ',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      accessToken: harness.sandbox.accessToken,
    })
    expect(clash.ok ? null : keysOf(clash.error)).toEqual(['name:profileName.taken'])
    const renamed = await edit(first, { name: 'SANDBOX 2' })
    expect(renamed.ok ? null : keysOf(renamed.error)).toEqual(['name:profileName.taken'])
  })

  it('duplicates a server with its own keychain entry, and reorders the list as asked', async () => {
    harness = await startCoreHarness()
    const first = await harness.addSandboxProfile()
    const second = await harness.addSandboxProfile()
    const copy = await harness.value<Profile>('profiles.duplicate', { id: first.id })
    expect(copy.name).toBe('Sandbox (2)')
    expect((await list()).profiles.map((p) => p.id)).toEqual([first.id, copy.id, second.id])
    expect((await harness.value<TokenList>('tokens.list', { profileId: copy.id })).source).toBe('server')

    const order = [second.id, first.id, copy.id]
    expect(
      (await harness.value<ProfilesState>('profiles.reorder', { ids: order })).profiles.map((p) => p.id),
    ).toEqual(order)
    await harness.restart()
    expect((await list()).profiles.map((p) => p.id)).toEqual(order)
    const stale = await harness.call('profiles.reorder', { ids: [first.id, second.id] })
    expect(stale.ok ? null : stale.error.code).toBe('conflict')
  })

  it('removes a server with its drafts and cache files', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const [row] = harness.sandbox.control.tokens()
    await harness.value('tokens.list', { profileId: id })
    await harness.edit(id, row!.id, { changes: { name: 'kept only' } }, 'hold')
    await harness.value('profiles.remove', { id })
    const serverDir = join(harness.dataDir, 'servers', id)
    await expect(readFile(join(serverDir, 'outbox.json'), 'utf8')).rejects.toThrow()
  })

  it('exports the list without secrets and imports it on a fresh data folder, asking for the tokens', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    await edit({ id }, { name: 'Sandbox', production: true })
    const { text } = await harness.value<{ text: string }>('profiles.export')
    expect(text).not.toContain(harness.sandbox.accessToken)
    expect(JSON.parse(text)).toMatchObject({
      format: 'tokendesk.servers',
      servers: [
        {
          name: 'Sandbox',
          baseUrl: harness.sandbox.baseUrl,
          userId: harness.sandbox.userId,
          production: true,
        },
      ],
    })
    // The same list again here: recognised as already saved.
    const again = await harness.value<ImportPlan>('profiles.importPreview', { text })
    expect(again.candidates[0]?.duplicateOf).toBe(id)
    expect(await harness.value('profiles.import', { text })).toEqual({
      added: [],
      templates: { added: [], replaced: [] },
    })

    const { core: fresh } = await harness.otherCore()
    const plan = await fresh.dispatch('profiles.importPreview', { text })
    expect(plan).toMatchObject({ ok: true, value: { candidates: [{ duplicateOf: null }], invalid: [] } })
    const imported = await fresh.dispatch('profiles.import', { text })
    const [newId] = imported.ok ? (imported.value as { added: string[] }).added : []
    const listing = await fresh.dispatch('tokens.list', { profileId: newId })
    expect(listing.ok ? null : listing.error.code).toBe('access-token-missing')
    const stored = await fresh.dispatch('profiles.update', {
      id: newId,
      name: 'Sandbox',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      production: true,
      accessToken: harness.sandbox.accessToken,
    })
    expect(stored.ok).toBe(true)
    expect((await fresh.dispatch('tokens.list', { profileId: newId })).ok).toBe(true)

    const junk = await harness.call('profiles.importPreview', { text: '{"servers": 1}' })
    expect(junk.ok ? null : keysOf(junk.error)).toEqual(['file:serverList.invalid'])
  })

  it('sends nothing to a production server until the user pushes it from the outbox', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    await edit(profile, { production: true })
    const [row] = harness.sandbox.control.tokens()
    await harness.value('tokens.list', { profileId: profile.id })
    harness.sandbox.control.clearRequests()
    const saved = await harness.edit(profile.id, row!.id, { changes: { name: 'reviewed first' } }, 'now')
    expect(saved.ok && saved.value.outcome).toBe('review')
    const states = await harness.value<ServerState[]>('servers.states')
    expect(states[0]).toMatchObject({ unsynced: 1, autoSync: false })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(harness.sandbox.control.requests().filter((r) => r.method === 'PUT')).toEqual([])
    expect(harness.sandbox.control.token(row!.id)?.name).toBe(row!.name)

    const draftId = saved.ok ? saved.value.draft?.id : undefined
    const pushed = await harness.value<SaveOutcome>('drafts.sync', { profileId: profile.id, draftId })
    expect(pushed.outcome).toBe('synced')
    expect(harness.sandbox.control.token(row!.id)?.name).toBe('reviewed first')
  })

  it('on production, a pushed draft changed afterwards waits for a push of its own', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    await edit(profile, { production: true })
    const [row] = harness.sandbox.control.tokens()
    await harness.value('tokens.list', { profileId: profile.id })
    const first = await harness.edit(profile.id, row!.id, { changes: { name: 'pushed' } }, 'now')
    const draftId = first.ok ? first.value.draft?.id : undefined
    // The push finds the server gone: the draft waits, still asked for.
    await harness.sandbox.goOffline()
    const pushed = await harness.value<SaveOutcome>('drafts.sync', { profileId: profile.id, draftId })
    expect(pushed.outcome).not.toBe('synced')
    // Changed after the push: answered "review", and it must not go out with the old push.
    const base = { id: row!.id, status: row!.status, ...editableOf(row as Token) }
    const revised = await harness.value<SaveOutcome>('drafts.save', {
      profileId: profile.id,
      draftId,
      tokenId: row!.id,
      base,
      changes: { name: 'changed after the push' },
      quota: null,
      wantStatus: null,
      mode: 'now',
    })
    expect(revised.outcome).toBe('review')
    await harness.sandbox.comeBack()
    await harness.value('servers.retryNow', { profileId: profile.id })
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(harness.sandbox.control.token(row!.id)?.name).toBe(row!.name)
  })

  it('moves a server to another address only with its token typed again and no drafts waiting', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    const other = await startSandbox()
    try {
      const [row] = harness.sandbox.control.tokens()
      await harness.value('tokens.list', { profileId: profile.id })
      await harness.edit(profile.id, row!.id, { changes: { name: 'for the old server' } }, 'hold')
      const moving = { baseUrl: other.baseUrl, userId: other.userId }
      const withDrafts = await edit(profile, { ...moving, accessToken: other.accessToken })
      expect(withDrafts.ok ? null : keysOf(withDrafts.error)).toEqual(['baseUrl:profile.draftsWaiting'])
      const [draft] = (
        await harness.value<{ drafts: { id: string }[] }>('drafts.list', { profileId: profile.id })
      ).drafts
      await harness.value('drafts.discard', { profileId: profile.id, draftId: draft!.id })

      const storedTokenElsewhere = await edit(profile, moving)
      expect(storedTokenElsewhere.ok ? null : keysOf(storedTokenElsewhere.error)).toEqual([
        'accessToken:accessToken.newAddress',
      ])
      other.control.clearRequests()
      const test = await harness.call('profiles.test', { profileId: profile.id, ...moving })
      expect(test.ok ? null : keysOf(test.error)).toEqual(['accessToken:accessToken.required'])
      expect(other.control.requests()).toEqual([]) // the stored token never went to the new address

      expect((await edit(profile, { ...moving, accessToken: other.accessToken })).ok).toBe(true)
      const list = await harness.value<TokenList>('tokens.list', { profileId: profile.id })
      expect(list.tokens.map((t) => t.id).sort()).toEqual(
        other.control
          .tokens()
          .map((t) => t.id)
          .sort(),
      )
      expect(list.tokens.map((t) => t.name).sort()).toEqual(
        other.control
          .tokens()
          .map((t) => t.name)
          .sort(),
      )
    } finally {
      await other.close()
    }
  })

  it('imports no plain-http address to another computer and no nonsensical rate limit', async () => {
    harness = await startCoreHarness()
    const text = JSON.stringify({
      format: 'tokendesk.servers',
      version: 1,
      exportedAt: '2026-12-01T00:00:00.000Z',
      servers: [
        { name: 'Plain', baseUrl: 'http://gw.example.com', userId: 3, allowInsecureHttp: true },
        {
          name: 'Fast',
          baseUrl: 'https://fast.example.com',
          userId: 4,
          pacing: { requests: 5, windowSeconds: 0.001 },
        },
      ],
    })
    const plan = await harness.value<ImportPlan>('profiles.importPreview', { text })
    expect(plan.invalid).toEqual([{ index: 0, key: 'serverList.insecure' }])
    await harness.value('profiles.import', { text })
    const saved = (await list()).profiles
    expect(saved.map((p) => [p.name, p.pacing, p.allowInsecureHttp])).toEqual([['Fast', null, false]])
  })
})
