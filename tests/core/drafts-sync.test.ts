import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { TokenList } from '../../src/shared/contract/contract'
import type { DraftView, SyncRecord } from '../../src/shared/domain/draft'
import type { ServerState } from '../../src/shared/domain/server-state'
import { type Token } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'
import { serverFolder } from '../../src/main/core/storage/server-folder'
import type { StoredToken } from '../../src/sandbox/index'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { limitedToken } from './limited-token'

// Every edit is a draft first, synced safely (issue: offline drafts and conflict-safe sync). Real core,
// real files, real keychain, real sandbox over loopback — which goes offline and comes back.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function start(options: Parameters<typeof startCoreHarness>[0] = {}) {
  harness = await startCoreHarness({ fork: 'anyapi', ...options })
  const profile = await harness.addSandboxProfile()
  return { h: harness, profileId: profile.id }
}

const baseOf = (row: StoredToken) => ({ id: row.id, status: row.status, ...editableOf(row as Token) })

async function outbox(h: CoreHarness, profileId: string) {
  return h.value<{ drafts: DraftView[]; history: SyncRecord[] }>('drafts.list', { profileId })
}

async function state(h: CoreHarness, profileId: string): Promise<ServerState> {
  const all = await h.value<ServerState[]>('servers.states')
  return all.find((s) => s.profileId === profileId)!
}

const requestLines = (h: CoreHarness) =>
  h.sandbox.control.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`)

describe('saving online', () => {
  it('sends at once, reads right before the PUT, and records the write in the history', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.clearRequests()
    const saved = await h.edit(profileId, row.id, { changes: { name: 'saved now' } })
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'synced', draft: null } })
    expect(requestLines(h)).toEqual([`GET /api/token/${row.id}`, 'PUT /api/token/'])
    const { drafts, history } = await outbox(h, profileId)
    expect(drafts).toEqual([])
    expect(history).toEqual([
      expect.objectContaining({
        tokenId: row.id,
        outcome: 'written',
        fields: ['name'],
        requests: 2,
        refund: 0,
      }),
    ])
  })

  it('enables or disables in one request, without reading first', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.clearRequests()
    const saved = await h.edit(profileId, row.id, { wantStatus: 2 })
    expect(saved).toMatchObject({
      ok: true,
      value: { outcome: 'synced', record: { requests: 1, fields: ['status'] } },
    })
    expect(requestLines(h)).toEqual(['PUT /api/token/'])
    expect(h.sandbox.control.token(row.id)!.status).toBe(2)
  })

  it('sends nothing when the server already holds the change (one read)', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.patchToken(row.id, { name: 'same on both' })
    h.sandbox.control.clearRequests()
    const saved = await h.call<SaveOutcome>('drafts.save', {
      profileId,
      draftId: null,
      tokenId: row.id,
      base: baseOf(row),
      changes: { name: 'same on both' },
      quota: null,
      wantStatus: null,
      mode: 'now',
    })
    expect(saved).toMatchObject({
      ok: true,
      value: { outcome: 'synced', record: { outcome: 'unchanged', requests: 1 } },
    })
    expect(requestLines(h)).toEqual([`GET /api/token/${row.id}`])
  })

  it('revives an exhausted token: the update first, then the enable', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.patchToken(row.id, { remain_quota: 0, status: 4 })
    const saved = await h.edit(profileId, row.id, { quota: { mode: 'set', value: 5_000_000 }, wantStatus: 1 })
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'synced' } })
    expect(h.sandbox.control.token(row.id)).toMatchObject({ remain_quota: 5_000_000, status: 1 })
    const puts = h.sandbox.control
      .requests()
      .filter((r) => r.method === 'PUT')
      .map((r) => r.path)
    expect(puts).toEqual(['/api/token/', '/api/token/?status_only=true'])
  })

  it('creates a token once and deletes one, and the token cache follows both', async () => {
    const { h, profileId } = await start()
    await h.value('tokens.list', { profileId })
    const created = await h.value<SaveOutcome>('drafts.create', {
      profileId,
      draftId: null,
      fields: {
        name: 'made by a draft',
        expired_time: -1,
        unlimited_quota: false,
        model_limits_enabled: false,
        model_limits: '',
        allow_ips: '',
        group: '',
      },
      remainQuota: 2_500_000,
      mode: 'now',
    })
    expect(created.outcome).toBe('synced')
    const made = h.sandbox.control.tokens().filter((t) => t.name === 'made by a draft')
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({ remain_quota: 2_500_000, unlimited_quota: false })
    const row = limitedToken(h)
    await h.value('drafts.delete', { profileId, tokenId: row.id, base: baseOf(row), mode: 'now' })
    expect(h.sandbox.control.token(row.id)).toBeUndefined()
    const changes = h.events.filter((e) => e.event === 'tokens.changed').map((e) => e.payload)
    expect(changes).toEqual([
      expect.objectContaining({ tokens: [expect.objectContaining({ id: made[0]!.id })], removedIds: [] }),
      expect.objectContaining({ tokens: [], removedIds: [row.id] }),
    ])
    // Deleting a token already gone counts as done.
    const again = await h.value<SaveOutcome>('drafts.delete', {
      profileId,
      tokenId: row.id,
      base: baseOf(row),
      mode: 'now',
    })
    expect(again).toMatchObject({ outcome: 'synced', record: { outcome: 'already-deleted' } })
  })

  it('stops a draft the server refuses, with its words, and goes on with the others', async () => {
    const { h, profileId } = await start({ mode: 'legacy' })
    const [first, second] = [limitedToken(h), limitedToken(h, [limitedToken(h).id])]
    // Detection knows a legacy server takes 30-byte names: 40 is refused before anything is sent.
    const checked = await h.edit(profileId, first!.id, { changes: { name: 'x'.repeat(40) } })
    expect(checked).toMatchObject({
      ok: true,
      value: { outcome: 'invalid', issues: [{ path: 'name', key: 'name.tooLong', params: { max: 30 } }] },
    })
    await h.value('drafts.discard', { profileId, draftId: (checked.ok && checked.value.draft?.id) || '' })

    // A server TokenDesk could not date (saved as taking 50) refuses the name itself: the draft stops
    // with the server's words, the others go on — and the limit the refusal teaches is kept.
    const file = join(h.dataDir, 'profiles.json')
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      profiles: { features: { maxNameBytes: number }; server: { maxNameBytes: number } }[]
    }
    for (const profile of saved.profiles) profile.features.maxNameBytes = profile.server.maxNameBytes = 50
    await writeFile(file, JSON.stringify(saved))
    await h.restart()
    const refused = await h.edit(profileId, first!.id, { changes: { name: 'x'.repeat(40) } })
    expect(refused).toMatchObject({
      ok: true,
      value: {
        outcome: 'failed',
        draft: { state: 'failed', lastError: { code: 'validation', message: '令牌名称过长' } },
      },
    })
    const fine = await h.edit(profileId, second!.id, { changes: { name: 'short' } })
    expect(fine).toMatchObject({ ok: true, value: { outcome: 'synced' } })
    expect((await state(h, profileId)).needsAttention).toBe(1)
    const learned = await h.value<{ profiles: { id: string; server: { maxNameBytes: number } }[] }>(
      'profiles.list',
    )
    expect(learned.profiles.find((profile) => profile.id === profileId)?.server.maxNameBytes).toBe(30)
  })
})

describe('offline', () => {
  it('queues edits while the server is down and sends them by itself when it is back', async () => {
    const { h, profileId } = await start()
    await h.value('tokens.list', { profileId })
    const row = limitedToken(h)
    await h.sandbox.goOffline()
    const saved = await h.edit(profileId, row.id, { changes: { name: 'written offline' } })
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'queued', draft: { state: 'pending' } } })
    expect((await state(h, profileId)).reach.state).toBe('offline')
    // Browsing still works: the list as last fetched.
    const list = await h.value<TokenList>('tokens.list', { profileId })
    expect(list).toMatchObject({ source: 'cache', error: { code: 'offline' } })
    expect(list.tokens.length).toBeGreaterThan(0)

    await h.sandbox.comeBack()
    // The page says the network is back: TokenDesk looks at once instead of waiting for its probe.
    await h.value('app.signal', { signal: 'online' })
    await expect
      .poll(() => h.sandbox.control.token(row.id)!.name, { timeout: 10_000 })
      .toBe('written offline')
    await expect.poll(async () => (await outbox(h, profileId)).drafts).toEqual([])
    expect((await state(h, profileId)).reach.state).toBe('online')
  })

  it('keeps drafts across a restart and sends them afterwards', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, { changes: { name: 'queued before the restart' } }, 'queue')
    await h.edit(profileId, limitedToken(h, [row.id]).id, { changes: { name: 'kept, not queued' } }, 'hold')
    await h.restart()
    expect((await outbox(h, profileId)).drafts.map((d) => d.state).sort()).toEqual(['held', 'pending'])
    await h.sandbox.comeBack()
    await h.value('app.signal', { signal: 'online' })
    await expect
      .poll(() => h.sandbox.control.token(row.id)!.name, { timeout: 10_000 })
      .toBe('queued before the restart')
    // The held draft waits for the user. (The server shows the name as soon as its PUT lands; the sent
    // draft leaves the outbox a moment later, once its record is on disk.)
    await expect
      .poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 })
      .toEqual([expect.objectContaining({ state: 'held', changes: { name: 'kept, not queued' } })])
  })

  it('waits for the user when automatic sending is off', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.value('settings.set', { autoSync: false })
    await h.sandbox.goOffline()
    // Queued (not "Save": pressing Save asks for that draft to be sent whatever the setting says).
    await h.edit(profileId, row.id, { changes: { name: 'sent when asked' } }, 'queue')
    await h.sandbox.comeBack()
    // The server answers again (a listing says so) and the draft still waits.
    await h.value('tokens.list', { profileId })
    expect((await state(h, profileId)).reach.state).toBe('online')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(h.sandbox.control.token(row.id)!.name).toBe(row.name)
    await h.value('drafts.sync', { profileId, draftId: null })
    await expect.poll(() => h.sandbox.control.token(row.id)!.name).toBe('sent when asked')
  })

  it('sends a conflict as soon as it is answered, with automatic sending off too ("Apply and send")', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.value('settings.set', { autoSync: false })
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, { changes: { name: 'mine' } }, 'queue')
    h.sandbox.control.patchToken(row.id, { name: 'theirs' })
    await h.sandbox.comeBack()
    await h.value('drafts.sync', { profileId, draftId: null })
    await expect
      .poll(async () => (await outbox(h, profileId)).drafts[0]?.state, { timeout: 10_000 })
      .toBe('conflict')
    const [draft] = (await outbox(h, profileId)).drafts
    await h.value('drafts.resolve', {
      profileId,
      draftId: draft!.id,
      resolution: { kind: 'fields', choices: [{ field: 'name', take: 'mine' }] },
    })
    await expect.poll(() => h.sandbox.control.token(row.id)!.name, { timeout: 10_000 }).toBe('mine')
    await expect.poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 }).toEqual([])
  })

  it("sends one token's drafts in the order they were made", async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, { changes: { name: 'first' } })
    const shown = { ...baseOf(row), name: 'first' }
    await h.value('drafts.save', {
      profileId,
      draftId: null,
      tokenId: row.id,
      base: shown,
      changes: { name: 'second' },
      quota: null,
      wantStatus: 2,
      mode: 'now',
    })
    h.sandbox.control.clearRequests()
    await h.sandbox.comeBack()
    await h.value('app.signal', { signal: 'online' })
    await expect.poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 }).toEqual([])
    const puts = h.sandbox.control.requests().filter((r) => r.method === 'PUT')
    expect(puts.map((r) => [(r.body as { name: string }).name, r.path])).toEqual([
      ['first', '/api/token/'],
      ['second', '/api/token/'],
      ['second', '/api/token/?status_only=true'],
    ])
    expect(h.sandbox.control.token(row.id)).toMatchObject({ name: 'second', status: 2 })
  })
})

describe('merging with what changed on the server', () => {
  it('keeps their change of another field, and stops for the field both changed', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.value('tokens.list', { profileId }) // the table holds the token as it was
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, { changes: { name: 'mine', group: 'vip' } })
    h.sandbox.control.patchToken(row.id, {
      name: 'theirs',
      model_limits: 'gpt-4o',
      model_limits_enabled: true,
    })
    h.sandbox.control.consume(row.id, 4_000)
    await h.sandbox.comeBack()
    await h.value('app.signal', { signal: 'online' })
    await expect
      .poll(async () => (await outbox(h, profileId)).drafts[0]?.state, { timeout: 10_000 })
      .toBe('conflict')
    const [draft] = (await outbox(h, profileId)).drafts
    expect(draft!.conflict).toEqual({
      kind: 'fields',
      fields: [{ field: 'name', base: row.name, mine: 'mine', theirs: 'theirs' }],
      theirs: expect.objectContaining({ name: 'theirs' }),
    })
    // Nothing was written while the draft is in conflict.
    expect(h.sandbox.control.token(row.id)!.group).toBe(row.group)
    // The table shows the token as the merge read it, not the listing from before ("theirs").
    const cached = await h.value<TokenList>('tokens.cached', { profileId })
    expect(cached.tokens.find((token) => token.id === row.id)).toMatchObject({
      name: 'theirs',
      model_limits: 'gpt-4o',
    })

    const resolved = await h.value<SaveOutcome>('drafts.resolve', {
      profileId,
      draftId: draft!.id,
      resolution: { kind: 'fields', choices: [{ field: 'name', take: 'mine' }] },
    })
    expect(resolved.outcome).toBe('queued')
    await expect.poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 }).toEqual([])
    expect(h.sandbox.control.token(row.id)).toMatchObject({
      name: 'mine', // resolved: mine
      group: 'vip', // untouched by them: mine
      model_limits: 'gpt-4o', // untouched by me: theirs
      model_limits_enabled: true,
      remain_quota: row.remain_quota - 4_000, // usage is never refunded by the merge
      mj_image_mode: row.mj_image_mode, // fork fields ride along
      selected_groups: row.selected_groups,
    })
  })

  it('takes theirs, or another value, when the user says so', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, { changes: { name: 'mine', allow_ips: '10.0.0.1' } })
    h.sandbox.control.patchToken(row.id, { name: 'theirs', allow_ips: '192.168.0.0/16' })
    await h.sandbox.comeBack()
    await h.value('app.signal', { signal: 'online' })
    await expect
      .poll(async () => (await outbox(h, profileId)).drafts[0]?.state, { timeout: 10_000 })
      .toBe('conflict')
    const [draft] = (await outbox(h, profileId)).drafts
    const refused = await h.call('drafts.resolve', {
      profileId,
      draftId: draft!.id,
      resolution: { kind: 'fields', choices: [{ field: 'name', take: 'theirs' }] },
    })
    expect(refused.ok ? null : refused.error.code).toBe('validation') // every conflicting field needs a choice
    // A value typed in is checked as the editor checks it: a bad line is named, and the draft still waits.
    const invalid = await h.call('drafts.resolve', {
      profileId,
      draftId: draft!.id,
      resolution: {
        kind: 'fields',
        choices: [
          { field: 'name', take: 'theirs' },
          { field: 'allow_ips', take: 'value', value: '10.0.0.1\nbad-ip' },
        ],
      },
    })
    expect(invalid.ok ? null : invalid.error.details?.fields).toEqual([
      expect.objectContaining({ path: 'allow_ips', params: expect.objectContaining({ line: 2 }) }),
    ])
    expect((await outbox(h, profileId)).drafts[0]?.state).toBe('conflict')
    await h.value('drafts.resolve', {
      profileId,
      draftId: draft!.id,
      resolution: {
        kind: 'fields',
        choices: [
          { field: 'name', take: 'theirs' },
          { field: 'allow_ips', take: 'value', value: '10.0.0.1\n192.168.0.0/16' },
        ],
      },
    })
    await expect.poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 }).toEqual([])
    expect(h.sandbox.control.token(row.id)).toMatchObject({
      name: 'theirs',
      allow_ips: '10.0.0.1\n192.168.0.0/16',
    })
  })

  it('turns a draft of a token deleted on the server into a choice, and recreates it', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, {
      changes: { name: 'still wanted' },
      quota: { mode: 'set', value: 7_000_000 },
    })
    await h.sandbox.comeBack()
    // Someone else deleted it on the server meanwhile.
    await fetch(`${h.sandbox.baseUrl}/api/token/${row.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${h.sandbox.accessToken}`, 'New-Api-User': String(h.sandbox.userId) },
    })
    await h.value('app.signal', { signal: 'online' })
    await expect
      .poll(async () => (await outbox(h, profileId)).drafts.map((d) => d.conflict?.kind), { timeout: 10_000 })
      .toEqual(['deleted'])
    const [draft] = (await outbox(h, profileId)).drafts
    await h.value('drafts.resolve', {
      profileId,
      draftId: draft!.id,
      resolution: { kind: 'deleted', action: 'recreate' },
    })
    await expect.poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 }).toEqual([])
    const recreated = h.sandbox.control.tokens().filter((t) => t.name === 'still wanted')
    expect(recreated).toHaveLength(1)
    expect(recreated[0]).toMatchObject({
      remain_quota: 7_000_000,
      group: row.group,
      model_limits: row.model_limits,
    })
  })
})

describe('quota intents and unknown outcomes', () => {
  it('saves the attempt of an "add" before its PUT leaves, and never adds twice after a lost answer', async () => {
    const { h, profileId } = await start({ latencyMs: 80 })
    const row = limitedToken(h)
    h.sandbox.control.injectFault({ kind: 'reset' }, { path: '/api/token/', method: 'PUT', processed: true })
    // When the PUT arrives, the outbox on disk already says what it carries.
    let onDisk = ''
    const file = `${serverFolder(h.dataDir, profileId)}/outbox.json`
    const watching = new Promise<void>((resolve) => {
      const poll = setInterval(async () => {
        if (h.sandbox.control.requests().some((r) => r.method === 'PUT')) {
          clearInterval(poll)
          onDisk = await readFile(file, 'utf8')
          resolve()
        }
      }, 2)
    })
    const saved = await h.edit(profileId, row.id, { quota: { mode: 'add', delta: 1_000_000 } })
    await watching
    expect(JSON.parse(onDisk).drafts[0].inFlight.earlier.sent.remain_quota).toBe(row.remain_quota + 1_000_000)
    // Recorded as the write it was (what an undo needs), with nothing handed back.
    expect(saved).toMatchObject({
      ok: true,
      value: {
        outcome: 'synced',
        record: {
          outcome: 'written',
          fields: ['remain_quota'],
          refund: 0,
          quota: { before: row.remain_quota, after: row.remain_quota + 1_000_000 },
        },
      },
    })
    expect(h.sandbox.control.token(row.id)!.remain_quota).toBe(row.remain_quota + 1_000_000)
    expect(h.sandbox.control.requests().filter((r) => r.method === 'PUT')).toHaveLength(1)
  })

  it('backs off after a 429 and a 5xx, then sends', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.injectFault(
      { kind: 'status', status: 502 },
      { path: '/api/token/', method: 'PUT', times: 3 },
    )
    const saved = await h.edit(profileId, row.id, { changes: { name: 'after a bad gateway' } })
    expect(saved).toMatchObject({
      ok: true,
      value: { outcome: 'queued', draft: { lastError: { code: 'server' } } },
    })
    const retryAt = saved.ok ? saved.value.draft!.retryAt! : 0
    expect(retryAt).toBeGreaterThan(Date.now())
    await expect
      .poll(() => h.sandbox.control.token(row.id)!.name, { timeout: 15_000 })
      .toBe('after a bad gateway')
  })
})

describe('what main holds', () => {
  it('reads the access token from the keychain once per server and run', async () => {
    let reads = 0
    harness = await startCoreHarness(
      {},
      {
        wrapSecrets: (store) => ({
          ...store,
          get: (account) => {
            reads += 1
            return store.get(account)
          },
        }),
      },
    )
    const profile = await harness.addSandboxProfile()
    const row = limitedToken(harness)
    await harness.value('tokens.list', { profileId: profile.id })
    await harness.edit(profile.id, row.id, { changes: { name: 'one read' } })
    await harness.value('tokens.get', { profileId: profile.id, id: row.id })
    expect(harness.sandbox.control.requests().length).toBeGreaterThan(4)
    expect(reads).toBe(1)
  })

  it('announces drafts with their rows, so the UI never reads them again', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.edit(profileId, row.id, { changes: { name: 'held here' } }, 'hold')
    const announced = h.events.filter((e) => e.event === 'drafts.changed').map((e) => e.payload)
    expect(announced).toEqual([
      expect.objectContaining({
        profileId,
        drafts: [expect.objectContaining({ tokenId: row.id, state: 'held', changes: { name: 'held here' } })],
      }),
    ])
    expect(JSON.stringify(announced)).not.toContain('inFlight')
  })
})
