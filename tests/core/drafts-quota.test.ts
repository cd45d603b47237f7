import { afterEach, describe, expect, it } from 'vitest'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { DraftView } from '../../src/shared/domain/draft'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { limitedToken } from './limited-token'

// A "set to" amount kept offline meets a quota that moved on the server meanwhile. Usage alone is no
// reason to ask (it is what "set to" overrides); a top-up is: writing over it would undo it silently.
// TokenDesk's own earlier drafts of the token are not "the server's change" either. Real core, real
// sandbox.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const DOLLAR = 500_000

/** The core with a server, its tokens listed (what the editor's base and main's sums come from). */
async function start() {
  harness = await startCoreHarness()
  const profile = await harness.addSandboxProfile()
  await harness.value('tokens.list', { profileId: profile.id })
  return { h: harness, profileId: profile.id }
}

const drafts = async (h: CoreHarness, profileId: string) =>
  (await h.value<{ drafts: DraftView[] }>('drafts.list', { profileId })).drafts

async function backOnline(h: CoreHarness) {
  await h.sandbox.comeBack()
  await h.value('app.signal', { signal: 'online' })
}

async function conflicted(h: CoreHarness, profileId: string): Promise<DraftView> {
  await expect.poll(async () => (await drafts(h, profileId))[0]?.state, { timeout: 10_000 }).toBe('conflict')
  return (await drafts(h, profileId))[0]!
}

/** $7 set while the server is down; then the token is used for 40,000 units. */
async function setWhileOffline(h: CoreHarness, profileId: string, tokenId: number) {
  await h.sandbox.goOffline()
  await h.edit(profileId, tokenId, { quota: { mode: 'set', value: 7 * DOLLAR } })
  h.sandbox.control.consume(tokenId, 40_000)
}

const remain = (h: CoreHarness, id: number) => h.sandbox.control.token(id)!.remain_quota
const quotaPuts = (h: CoreHarness, id: number) =>
  h.sandbox.control.requests().filter((r) => r.method === 'PUT' && (r.body as { id: number }).id === id)

describe('a "set to" amount against the quota on the server', () => {
  it('writes over usage alone without asking', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await setWhileOffline(h, profileId, row.id)
    await backOnline(h)
    await expect.poll(async () => drafts(h, profileId), { timeout: 10_000 }).toEqual([])
    expect(remain(h, row.id)).toBe(7 * DOLLAR)
  })

  it('stops for a top-up made meanwhile, shows both amounts, and keeps both when asked', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await setWhileOffline(h, profileId, row.id)
    h.sandbox.control.patchToken(row.id, { remain_quota: remain(h, row.id) + 10 * DOLLAR })
    await backOnline(h)

    const draft = await conflicted(h, profileId)
    expect(draft.conflict).toMatchObject({
      kind: 'fields',
      fields: [],
      quota: {
        base: row.remain_quota,
        mine: 7 * DOLLAR,
        theirs: row.remain_quota - 40_000 + 10 * DOLLAR,
        moved: 10 * DOLLAR,
      },
    })
    expect(quotaPuts(h, row.id)).toEqual([]) // nothing was written over the top-up
    // An answer without the quota's choice is refused, and the draft still waits.
    const refused = await h.call('drafts.resolve', {
      profileId,
      draftId: draft.id,
      resolution: { kind: 'fields', choices: [] },
    })
    expect(refused.ok ? null : refused.error.code).toBe('validation')

    const resolved = await h.value<SaveOutcome>('drafts.resolve', {
      profileId,
      draftId: draft.id,
      resolution: { kind: 'fields', choices: [], quota: 'both' },
    })
    expect(resolved.outcome).not.toBe('conflict')
    await expect.poll(async () => drafts(h, profileId), { timeout: 10_000 }).toEqual([])
    expect(remain(h, row.id)).toBe(17 * DOLLAR)
  })

  it("keeps the amount set, or the server's, as the user chooses", async () => {
    const { h, profileId } = await start()
    const mineRow = limitedToken(h)
    const theirsRow = limitedToken(h, [mineRow.id])
    await h.sandbox.goOffline()
    await h.edit(profileId, mineRow.id, { quota: { mode: 'set', value: 7 * DOLLAR } })
    await h.edit(profileId, theirsRow.id, { quota: { mode: 'set', value: 7 * DOLLAR } })
    for (const row of [mineRow, theirsRow])
      h.sandbox.control.patchToken(row.id, { remain_quota: row.remain_quota + 3 * DOLLAR })
    await backOnline(h)
    await expect
      .poll(async () => (await drafts(h, profileId)).map((d) => d.state), { timeout: 10_000 })
      .toEqual(['conflict', 'conflict'])

    const [first, second] = await drafts(h, profileId)
    // Usage while the user decides is no new change of the server's: "mine" is written after it.
    h.sandbox.control.consume(mineRow.id, 25_000)
    await h.value('drafts.resolve', {
      profileId,
      draftId: first!.id,
      resolution: { kind: 'fields', choices: [], quota: 'mine' },
    })
    await h.value('drafts.resolve', {
      profileId,
      draftId: second!.id,
      resolution: { kind: 'fields', choices: [], quota: 'theirs' },
    })
    await expect.poll(async () => drafts(h, profileId), { timeout: 10_000 }).toEqual([])
    expect(remain(h, mineRow.id)).toBe(7 * DOLLAR)
    expect(remain(h, theirsRow.id)).toBe(theirsRow.remain_quota + 3 * DOLLAR)
    expect(quotaPuts(h, theirsRow.id)).toEqual([])
  })

  it('measures a later draft from what the earlier one wrote: its own drafts never conflict', async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    await h.sandbox.goOffline()
    await h.edit(profileId, row.id, { quota: { mode: 'set', value: 7 * DOLLAR } })
    h.sandbox.control.consume(row.id, 30_000)
    // The editor's second draft is built on the token as the first will leave it.
    const shown = { remain_quota: 7 * DOLLAR }
    await h.edit(profileId, row.id, { quota: { mode: 'set', value: 9 * DOLLAR }, shown }, 'queue')
    // The token is in use while both are sent: the first write hands back what the round trip used.
    const stop = h.sandbox.control.startUsage({ tokenIds: [row.id], quotaPerTick: 1_000, intervalMs: 2 })
    try {
      await backOnline(h)
      await expect.poll(async () => drafts(h, profileId), { timeout: 10_000 }).toEqual([])
    } finally {
      stop()
    }
    const written = quotaPuts(h, row.id).map((r) => (r.body as { remain_quota: number }).remain_quota)
    expect(written).toEqual([7 * DOLLAR, 9 * DOLLAR])
  })

  it("takes the sum from main's own read, not from the row the editor shows", async () => {
    const { h, profileId } = await start()
    const row = limitedToken(h)
    h.sandbox.control.consume(row.id, 30_000)
    const first = await h.edit(profileId, row.id, { quota: { mode: 'set', value: 7 * DOLLAR } })
    expect(first).toMatchObject({ ok: true, value: { outcome: 'synced' } })
    h.sandbox.control.consume(row.id, 20_000)
    // The editor still shows the listed row with its amount laid over it (used as listed).
    const shown = { remain_quota: 7 * DOLLAR, quota_total: 7 * DOLLAR + row.used_quota }
    const second = await h.edit(profileId, row.id, { quota: { mode: 'set', value: 9 * DOLLAR }, shown })
    expect(second).toMatchObject({ ok: true, value: { outcome: 'synced' } })
    expect(remain(h, row.id)).toBe(9 * DOLLAR)
  })
})
