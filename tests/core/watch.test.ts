import { afterEach, describe, expect, it } from 'vitest'
import type { Attention, WatchCounts, WatchState } from '../../src/shared/contract/watch-contract'
import type { TokenList } from '../../src/shared/contract/contract'
import type { Token } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'
import { startCoreHarness, type CoreHarness } from './core-harness'

// The Watch against a real sandbox gateway and a real core: thresholds, what enters the list, the
// one-time announcement (also across a restart), and the background refresh that only uses spare room.

let h: CoreHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const DAY = 86_400
const nowSeconds = () => Math.floor(Date.now() / 1000)

/** A sandbox whose seeded tokens are all comfortably outside any threshold, and a saved server for it. */
async function start(seedTokens = 6) {
  h = await startCoreHarness({ seedTokens }, { watch: { intervalMs: null } })
  for (const row of h.sandbox.control.tokens())
    h.sandbox.control.patchToken(row.id, {
      status: 1,
      expired_time: -1,
      unlimited_quota: false,
      remain_quota: 100_000_000,
    })
  const { id: profileId } = await h.addSandboxProfile()
  await h.value('profiles.setWatch', {
    id: profileId,
    watch: { enabled: true, expiresWithinDays: 7, remainingBelow: 2_500_000 },
  })
  const [first, second, third] = h.sandbox.control.tokens()
  return { h, profileId, rows: [first!, second!, third!] as const }
}

const attentions = (harness: CoreHarness) =>
  harness.events.filter((e) => e.event === 'app.attention').map((e) => e.payload as Attention)

describe('the Watch', () => {
  it('lists tokens that expire soon, have expired or run low, from the token list as last read', async () => {
    const { h, profileId, rows } = await start()
    const [soon, low, gone] = rows
    h.sandbox.control.patchToken(soon.id, { expired_time: nowSeconds() + 2 * DAY })
    h.sandbox.control.patchToken(low.id, { remain_quota: 1_000 })
    h.sandbox.control.patchToken(gone.id, { expired_time: nowSeconds() - 60, unlimited_quota: true })
    // Nothing read yet: nothing to watch.
    expect((await h.value<WatchState>('watch.list', { profileId })).entries).toEqual([])

    await h.value<TokenList>('tokens.list', { profileId })
    const state = await h.value<WatchState>('watch.list', { profileId })
    expect(state.entries.map((e) => [e.tokenId, e.reasons])).toEqual([
      [gone.id, ['expired']],
      [soon.id, ['expiring']],
      [low.id, ['low']],
    ])
    expect(state.entries.find((e) => e.tokenId === gone.id)!.remainQuota).toBeNull()
    expect(state.checkedAt).not.toBeNull()
    expect(await h.value<WatchCounts>('watch.counts')).toEqual({
      total: 3,
      servers: [{ profileId, count: 3 }],
    })
    expect(h.events.some((e) => e.event === 'watch.changed')).toBe(true)

    // Looser thresholds: the list follows at once, without reading the server again.
    await h.value('profiles.setWatch', {
      id: profileId,
      watch: { enabled: true, expiresWithinDays: 1, remainingBelow: null },
    })
    expect((await h.value<WatchState>('watch.list', { profileId })).entries.map((e) => e.tokenId)).toEqual([
      gone.id,
    ])
  })

  it('announces a token entering the Watch once per reason, not again after a restart, again on re-entry', async () => {
    const { h, profileId, rows } = await start()
    const [soon] = rows
    h.sandbox.control.patchToken(soon.id, { expired_time: nowSeconds() + DAY, name: 'team-a' })
    await h.value('tokens.list', { profileId })
    await expect.poll(() => attentions(h).length).toBe(1)
    expect(attentions(h)[0]).toEqual({
      kind: 'watch',
      profileId,
      serverName: 'Sandbox',
      count: 1,
      tokens: [{ tokenId: soon.id, name: 'team-a', reasons: ['expiring'] }],
    })
    // Read again: still on the Watch, not announced again.
    await h.value('tokens.list', { profileId })
    await h.core.watchRound()
    expect(attentions(h)).toHaveLength(1)

    // A restart remembers what was announced.
    await h.restart()
    await h.value('tokens.list', { profileId })
    await h.core.watchRound()
    expect(attentions(h)).toEqual([])

    // A new reason is news; leaving and coming back is news again.
    h.sandbox.control.patchToken(soon.id, { remain_quota: 10 })
    await h.value('tokens.list', { profileId })
    await expect
      .poll(() => attentions(h).map((a) => (a.kind === 'watch' ? a.tokens[0]?.reasons : null)))
      .toEqual([['low']])
    h.sandbox.control.patchToken(soon.id, { expired_time: -1, remain_quota: 100_000_000 })
    await h.value('tokens.list', { profileId })
    await expect
      .poll(async () => (await h.value<WatchState>('watch.list', { profileId })).entries)
      .toEqual([])
    h.sandbox.control.patchToken(soon.id, { remain_quota: 10 })
    await h.value('tokens.list', { profileId })
    await expect.poll(() => attentions(h).length).toBe(2)
    expect(attentions(h)[1]!.tokens).toEqual([{ tokenId: soon.id, name: 'team-a', reasons: ['low'] }])
  })

  it('refreshes in the background only from the pacer’s spare room, behind the user’s requests', async () => {
    const { h, profileId, rows } = await start()
    const control = h.sandbox.control
    control.patchToken(rows[0].id, { remain_quota: 5 })
    // The user's own reads are queued (four in flight, slow answers): the round does not add to them.
    control.setLatency(1_500)
    const userReads = Array.from({ length: 10 }, () => h!.value('tokens.get', { profileId, id: rows[1].id }))
    control.clearRequests()
    expect(await h.core.watchRound()).toEqual({ [profileId]: 'busy' })
    await Promise.all(userReads)
    control.setLatency(0)
    expect(control.requests().filter((r) => r.path.startsWith('/api/token/?'))).toEqual([])
    expect((await h.value<WatchState>('watch.list', { profileId })).entries).toEqual([])

    // Idle again: the round reads the list, and the Watch follows.
    expect(await h.core.watchRound()).toEqual({ [profileId]: 'read' })
    expect(control.requests().some((r) => r.path.startsWith('/api/token/?'))).toBe(true)
    expect((await h.value<WatchState>('watch.list', { profileId })).entries.map((e) => e.tokenId)).toEqual([
      rows[0].id,
    ])

    // A window too small for a listing plus the margin it leaves the user is never used by a round.
    await h.value('profiles.setPacing', { id: profileId, pacing: { requests: 5, windowSeconds: 600 } })
    expect(await h.core.watchRound()).toEqual({ [profileId]: 'busy' })
    // Switched off: no round at all.
    await h.value('profiles.setPacing', { id: profileId, pacing: null })
    await h.value('profiles.setWatch', {
      id: profileId,
      watch: { enabled: false, expiresWithinDays: 7, remainingBelow: null },
    })
    expect(await h.core.watchRound()).toEqual({ [profileId]: 'off' })
  })

  it('skips a server that cannot be reached', async () => {
    const { h, profileId } = await start()
    await h.value('tokens.list', { profileId })
    await h.sandbox.goOffline()
    await h.value('tokens.list', { profileId }).catch(() => undefined)
    expect(await h.core.watchRound()).toEqual({ [profileId]: 'unreachable' })
  })

  it('rejects thresholds out of range with translated field keys', async () => {
    const { h, profileId } = await start()
    const result = await h.call('profiles.setWatch', {
      id: profileId,
      watch: { enabled: true, expiresWithinDays: 0, remainingBelow: -1 },
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    expect(result.error.details?.fields?.map((f) => f.key).sort()).toEqual(['watch.amount', 'watch.days'])
  })
})

describe('attention calls for drafts', () => {
  it('tells once of a draft that needs a decision and of one the server refused', async () => {
    const { h, profileId, rows } = await start()
    await h.value('tokens.list', { profileId })
    h.events.length = 0
    const [conflicted, refused] = rows
    const stale = { id: conflicted.id, status: conflicted.status, ...editableOf(conflicted as Token) }
    h.sandbox.control.patchToken(conflicted.id, { name: 'theirs' })
    await h.value('drafts.save', {
      profileId,
      draftId: null,
      tokenId: conflicted.id,
      base: stale,
      changes: { name: 'mine' },
      quota: null,
      wantStatus: null,
      mode: 'now',
    })
    h.sandbox.control.injectFault({ kind: 'status', status: 400 }, { method: 'PUT', path: '/api/token/' })
    await h.edit(profileId, refused.id, { changes: { name: 'renamed' } })
    await expect
      .poll(() =>
        attentions(h)
          .map((a) => a.kind)
          .sort(),
      )
      .toEqual(['needs-decision', 'sync-failed'])
    const byKind = Object.fromEntries(attentions(h).map((a) => [a.kind, a]))
    expect(byKind['needs-decision']).toMatchObject({
      count: 1,
      tokens: [{ tokenId: conflicted.id, name: 'mine' }],
    })
    expect(byKind['sync-failed']).toMatchObject({
      count: 1,
      tokens: [{ tokenId: refused.id, name: 'renamed' }],
    })
    // Nothing secret travels with them.
    expect(JSON.stringify(attentions(h))).not.toContain(h.sandbox.accessToken)
    // Still stopped after a restart: not news.
    await h.restart()
    await h.value('drafts.list', { profileId })
    await h.core.watchRound()
    expect(attentions(h)).toEqual([])
  })
})
