import { afterEach, describe, expect, it } from 'vitest'
import type { GroupCatalog, GroupModels } from '../../src/shared/domain/group-catalog'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { Profile, ProfilesState } from '../../src/shared/domain/profile'
import { GROUPS, USABLE_GROUPS } from '../../src/sandbox/group-catalog'
import { startCoreHarness, type CoreHarness } from './core-harness'

// The token editor's catalog through the contract, against a real sandbox over loopback HTTP: groups with
// ratio and description, the user's own group, the Auto order, each group's models; kept for the session,
// read again on demand, and standing in when the server is gone. Then the group fields it feeds, saved.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const catalogRequests = (h: CoreHarness) =>
  h.sandbox.control
    .requests()
    .map((r) => r.path)
    .filter((path) => path.startsWith('/api/user/') || path === '/api/token/auto-groups')

describe('catalog.groups', () => {
  it('answers the groups with ratio and description, the own group and the Auto order, sorted', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const catalog = await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    const expected = [...USABLE_GROUPS].sort().map((name) => ({
      name,
      ratio: GROUPS[name]!.ratio,
      description: GROUPS[name]!.desc,
    }))
    // `auto` is a fallback, not a group: last, with the word the server gives as its ratio read as 'auto'.
    expect(catalog.groups).toEqual([...expected, expect.objectContaining({ name: 'auto', ratio: 'auto' })])
    expect(catalog).toMatchObject({
      profileId: id,
      userGroup: harness.sandbox.control.setUser({}).group,
      autoGroups: { groups: ['vip', 'default'], maxCount: 5 },
      crossGroupRetry: true,
      multiGroup: false,
      source: 'server',
      error: null,
    })
  })

  it('is read once per session, again on refresh, and the last one stands in when the server is gone', async () => {
    harness = await startCoreHarness({}, { http: { timeoutMs: 1_000, pacer: { retry: { retries: 0 } } } })
    const { id } = await harness.addSandboxProfile()
    const first = await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    harness.sandbox.control.clearRequests()
    const again = await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    expect(again).toEqual(first)
    expect(catalogRequests(harness)).toEqual([]) // answered from memory

    await harness.value<GroupCatalog>('catalog.groups', { profileId: id, refresh: true })
    expect(catalogRequests(harness).sort()).toEqual([
      '/api/token/auto-groups',
      '/api/user/self',
      '/api/user/self/groups',
    ])

    await harness.sandbox.goOffline()
    const offline = await harness.value<GroupCatalog>('catalog.groups', { profileId: id, refresh: true })
    expect(offline.groups).toEqual(first.groups)
    expect(offline).toMatchObject({ source: 'memory', error: { code: 'offline' } })
  })

  it('fails with the reason when the server was never read (the editor then takes typed names)', async () => {
    harness = await startCoreHarness({}, { http: { timeoutMs: 1_000, pacer: { retry: { retries: 0 } } } })
    const { id } = await harness.addSandboxProfile()
    await harness.sandbox.goOffline()
    const result = await harness.call('catalog.groups', { profileId: id })
    expect(result).toMatchObject({ ok: false, error: { code: 'offline' } })
  })

  it('has no Auto order nor cross-group retry on a server from before both', async () => {
    harness = await startCoreHarness({ mode: 'legacy' })
    const { id } = await harness.addSandboxProfile()
    await harness.value('tokens.list', { profileId: id })
    const catalog = await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    expect(catalog).toMatchObject({ autoGroups: null, crossGroupRetry: false })
  })

  it('takes several groups on a fork whose tokens list their groups, or where the user switched it on', async () => {
    harness = await startCoreHarness({ fork: 'anyapi' })
    const { id } = await harness.addSandboxProfile()
    await harness.value('tokens.list', { profileId: id })
    // Seen in the listing, it is the server's saved setting at once, so Edit server shows what the
    // editor offers even before an editor has read the catalog…
    const listed = async () =>
      (await harness!.value<ProfilesState>('profiles.list')).profiles.find((p) => p.id === id)!
    await expect.poll(async () => (await listed()).multiGroup).toBe(true)
    const seen = await listed()
    const fork = await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    expect(fork.multiGroup).toBe(true)
    const announced = harness.events.filter((e) => e.event === 'profiles.changed').at(-1)
      ?.payload as ProfilesState
    expect(announced.profiles.find((p) => p.id === id)?.multiGroup).toBe(true)
    // …and a user who turns it off is obeyed, by the editor too, also after the catalog is read again.
    const { name, baseUrl, userId } = seen
    await harness.value('profiles.update', {
      id,
      name,
      baseUrl,
      userId,
      production: false,
      multiGroup: false,
    })
    const off = await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    expect(off.multiGroup).toBe(false)
    const reread = await harness.value<GroupCatalog>('catalog.groups', { profileId: id, refresh: true })
    expect(reread.multiGroup).toBe(false)
    await harness.close()

    harness = await startCoreHarness()
    const plain = await harness.addSandboxProfile()
    await harness.value('tokens.list', { profileId: plain.id })
    const before = await harness.value<GroupCatalog>('catalog.groups', { profileId: plain.id })
    expect(before.multiGroup).toBe(false)
    const state = await harness.value<ProfilesState>('profiles.list')
    const saved = state.profiles.find((p) => p.id === plain.id) as Profile
    await harness.value('profiles.update', {
      id: saved.id,
      name: saved.name,
      baseUrl: saved.baseUrl,
      userId: saved.userId,
      production: false,
      multiGroup: true,
    })
    const after = await harness.value<GroupCatalog>('catalog.groups', { profileId: plain.id, refresh: true })
    expect(after.multiGroup).toBe(true)
    // An edit that does not mention the setting (a new access token, say) keeps it.
    await harness.value('profiles.update', {
      id: saved.id,
      name: 'Renamed',
      baseUrl: saved.baseUrl,
      userId: saved.userId,
    })
    const kept = (await harness.value<ProfilesState>('profiles.list')).profiles.find((p) => p.id === saved.id)
    expect(kept?.multiGroup).toBe(true)
  })
})

describe('catalog.models', () => {
  it("answers a group's models sorted, the own group's for '', and every model of several groups", async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    const sorted = (names: readonly string[]) => [...new Set(names)].sort((a, b) => a.localeCompare(b, 'en'))

    const vip = await harness.value<GroupModels>('catalog.models', { profileId: id, group: 'vip' })
    expect(vip.models).toEqual(sorted(GROUPS.vip!.models))
    harness.sandbox.control.clearRequests()
    const own = await harness.value<GroupModels>('catalog.models', { profileId: id, group: '' })
    expect(own.models).toEqual(sorted(GROUPS[harness.sandbox.control.setUser({}).group]!.models))
    const ownGroup = harness.sandbox.control.setUser({}).group
    expect(catalogRequests(harness)).toEqual([`/api/user/models?group=${ownGroup}`])
    const both = await harness.value<GroupModels>('catalog.models', { profileId: id, group: 'default,vip' })
    expect(both.models).toEqual(sorted([...GROUPS.default!.models, ...GROUPS.vip!.models]))
    // A group the user may not use offers nothing.
    const svip = await harness.value<GroupModels>('catalog.models', { profileId: id, group: 'svip' })
    expect(svip.models).toEqual([])
  })

  it('keeps each group for the session and answers the kept models when the server is gone', async () => {
    harness = await startCoreHarness({}, { http: { timeoutMs: 1_000, pacer: { retry: { retries: 0 } } } })
    const { id } = await harness.addSandboxProfile()
    const vip = await harness.value<GroupModels>('catalog.models', { profileId: id, group: 'vip' })
    harness.sandbox.control.clearRequests()
    await harness.value<GroupModels>('catalog.models', { profileId: id, group: 'vip' })
    expect(catalogRequests(harness)).toEqual([])
    await harness.sandbox.goOffline()
    const offline = await harness.value<GroupModels>('catalog.models', {
      profileId: id,
      group: 'vip',
      refresh: true,
    })
    expect(offline).toMatchObject({ models: vip.models, source: 'memory', error: { code: 'offline' } })
    const unknown = await harness.call('catalog.models', { profileId: id, group: 'default' })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'offline' } })
  })
})

describe('saving the group fields', () => {
  it("sends the token's own Auto order and cross-group retry, and leaves the order out otherwise", async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const row = harness.sandbox.control.tokens().find((t) => t.group !== 'auto')!
    const saved = await harness.edit(id, row.id, {
      changes: { group: 'auto', auto_groups: 'default,vip', cross_group_retry: true },
    })
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'synced' } })
    expect(harness.sandbox.control.token(row.id)).toMatchObject({
      group: 'auto',
      auto_groups: ['default', 'vip'],
      cross_group_retry: true,
    })

    // A rename: the full update carries cross-group retry as stored, and no Auto order (the server keeps it).
    harness.sandbox.control.clearRequests()
    await harness.edit(id, row.id, { changes: { name: 'renamed' } })
    const put = harness.sandbox.control.requests().find((r) => r.method === 'PUT')!
    expect(put.body).toMatchObject({ group: 'auto', cross_group_retry: true })
    expect(put.body).not.toHaveProperty('auto_groups')
    expect(harness.sandbox.control.token(row.id)).toMatchObject({
      name: 'renamed',
      auto_groups: ['default', 'vip'],
      cross_group_retry: true,
    })

    // Cleared order: sent as an empty list.
    await harness.edit(id, row.id, { changes: { auto_groups: '' } })
    expect(harness.sandbox.control.token(row.id)?.auto_groups).toBeNull()
  })

  it('refuses an Auto order over the limit or with a repeat before sending anything', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const row = harness.sandbox.control.tokens()[0]!
    harness.sandbox.control.clearRequests()
    const repeated = await harness.edit(id, row.id, { changes: { group: 'auto', auto_groups: 'vip,vip' } })
    expect(repeated).toMatchObject({ ok: true, value: { outcome: 'invalid' } })
    const issues = (repeated as { value: SaveOutcome }).value.issues
    expect(issues).toEqual([expect.objectContaining({ path: 'auto_groups', key: 'autoGroups.repeated' })])
    const mixed = await harness.edit(id, row.id, { changes: { group: 'auto,vip' } })
    expect((mixed as { value: SaveOutcome }).value.issues).toEqual([
      expect.objectContaining({ path: 'group', key: 'group.autoAlone' }),
    ])
    // Once the catalog was read, main knows the server's limit on the order too.
    const catalog = await harness.value<GroupCatalog>('catalog.groups', { profileId: id })
    const tooLong = Array.from({ length: catalog.autoGroups!.maxCount + 1 }, (_, i) => `g${i}`).join(',')
    const long = await harness.edit(id, row.id, { changes: { group: 'auto', auto_groups: tooLong } })
    expect((long as { value: SaveOutcome }).value.issues).toEqual([
      expect.objectContaining({ path: 'auto_groups', key: 'autoGroups.tooMany' }),
    ])
    expect(harness.sandbox.control.requests().filter((r) => r.method === 'PUT')).toEqual([])
  })

  it('creates an auto token with its own order on the server', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const created = await harness.value<SaveOutcome>('drafts.create', {
      profileId: id,
      draftId: null,
      fields: {
        name: 'auto token',
        expired_time: -1,
        unlimited_quota: true,
        model_limits_enabled: true,
        model_limits: 'gpt-4o,o3-mini',
        allow_ips: '',
        group: 'auto',
        cross_group_retry: true,
        auto_groups: 'vip,default',
      },
      remainQuota: 0,
      mode: 'now',
    })
    expect(created.outcome).toBe('synced')
    const stored = harness.sandbox.control.tokens().find((t) => t.name === 'auto token')
    expect(stored).toMatchObject({
      group: 'auto',
      auto_groups: ['vip', 'default'],
      cross_group_retry: true,
      model_limits: 'gpt-4o,o3-mini',
    })
  })
})
