import { afterEach, describe, expect, it } from 'vitest'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { DraftView, SyncRecord } from '../../src/shared/domain/draft'
import { NEW_TOKEN_FIELDS } from '../../src/shared/domain/token-values'
import { startCoreHarness, type CoreHarness } from './core-harness'

// A create of several tokens ("Quantity") kept as a draft keeps its quantity, and becomes one numbered
// create per token when it is sent — numbered after the names the server and the outbox hold by then.
// Real core, real files, real keychain, real sandbox over loopback.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function start(options: Parameters<typeof startCoreHarness>[0] = {}) {
  harness = await startCoreHarness({ fork: 'anyapi', ...options })
  const profile = await harness.addSandboxProfile()
  await harness.value('tokens.list', { profileId: profile.id })
  return { h: harness, profileId: profile.id }
}

// A new token's fields, limited: the quota is given apart (remainQuota).
const { remain_quota: _given, ...FIELDS } = { ...NEW_TOKEN_FIELDS, unlimited_quota: false }

function create(h: CoreHarness, profileId: string, name: string, quantity: number, mode: string) {
  const input = {
    profileId,
    draftId: null,
    fields: { ...FIELDS, name },
    remainQuota: 1_000_000,
    quantity,
    mode,
  }
  return h.value<SaveOutcome>('drafts.create', input)
}

const outbox = (h: CoreHarness, profileId: string) =>
  h.value<{ drafts: DraftView[]; history: SyncRecord[] }>('drafts.list', { profileId })

const namesOnServer = (h: CoreHarness, prefix: string) =>
  h.sandbox.control
    .tokens()
    .map((t) => t.name)
    .filter((name) => name.startsWith(prefix))
    .sort()

describe('a create of several tokens', () => {
  it('kept as a draft keeps its quantity, and sending it makes every token, numbered', async () => {
    const { h, profileId } = await start()
    // A token the server already numbers: the batch continues after it.
    const existing = h.sandbox.control.tokens()[0]!
    h.sandbox.control.patchToken(existing.id, { name: 'bot-7' })
    await h.value('tokens.list', { profileId })

    const kept = await create(h, profileId, 'bot', 3, 'hold')
    expect(kept).toMatchObject({ outcome: 'held', draft: { kind: 'create', quantity: 3, state: 'held' } })
    expect(namesOnServer(h, 'bot')).toEqual(['bot-7'])
    // It stays one draft across a restart: the quantity is on disk.
    await h.restart()
    const { drafts } = await outbox(h, profileId)
    expect(drafts).toEqual([
      expect.objectContaining({ quantity: 3, changes: expect.objectContaining({ name: 'bot' }) }),
    ])

    const sent = await h.value<SaveOutcome>('drafts.sync', { profileId, draftId: drafts[0]!.id })
    expect(sent.outcome).toBe('synced')
    await expect.poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 }).toEqual([])
    expect(namesOnServer(h, 'bot')).toEqual(['bot-10', 'bot-7', 'bot-8', 'bot-9'])
    const made = h.sandbox.control.tokens().filter((t) => /^bot-(8|9|10)$/.test(t.name))
    expect(made.every((t) => t.remain_quota === 1_000_000 && !t.unlimited_quota)).toBe(true)
    const { history } = await outbox(h, profileId)
    expect(history.filter((r) => r.outcome === 'created').map((r) => r.name)).toEqual([
      'bot-8',
      'bot-9',
      'bot-10',
    ])
  })

  it('saved at once makes every token, even with automatic sending off', async () => {
    const { h, profileId } = await start()
    await h.value('settings.set', { autoSync: false })
    const saved = await create(h, profileId, 'now', 2, 'now')
    expect(saved.outcome).toBe('synced')
    await expect.poll(() => namesOnServer(h, 'now'), { timeout: 10_000 }).toEqual(['now-1', 'now-2'])
  })

  it('queued offline behind another batch of the same name, continues its numbers', async () => {
    const { h, profileId } = await start()
    await h.sandbox.goOffline()
    const first = await create(h, profileId, 'team', 2, 'queue')
    expect(first.outcome).toBe('queued')
    const kept = await create(h, profileId, 'team', 2, 'hold')
    expect(kept.outcome).toBe('held')
    await h.value('drafts.sync', { profileId, draftId: null })
    const queued = (await outbox(h, profileId)).drafts.map((d) => d.changes.name)
    expect(queued).toEqual(['team-1', 'team-2', 'team-3', 'team-4'])

    await h.sandbox.comeBack()
    await h.value('app.signal', { signal: 'online' })
    await expect.poll(async () => (await outbox(h, profileId)).drafts, { timeout: 10_000 }).toEqual([])
    expect(namesOnServer(h, 'team')).toEqual(['team-1', 'team-2', 'team-3', 'team-4'])
  })

  it('refuses numbered names past the server limit and keeps the draft with its quantity', async () => {
    const { h, profileId } = await start({ mode: 'legacy' })
    // A legacy server takes 30-byte names: 28 bytes fit, "-10" does not.
    const name = 'n'.repeat(28)
    const refused = await create(h, profileId, name, 10, 'now')
    expect(refused).toMatchObject({
      outcome: 'invalid',
      issues: [{ path: 'name', key: 'name.tooLong', params: { max: 30 } }],
      draft: { state: 'held', quantity: 10 },
    })
    expect(namesOnServer(h, name)).toEqual([])
    expect((await outbox(h, profileId)).drafts).toHaveLength(1)
  })
})
