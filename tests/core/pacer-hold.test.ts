import { afterEach, expect, it } from 'vitest'
import type { SaveOutcome } from '../../src/shared/contract/draft-contract'
import type { ServerState } from '../../src/shared/domain/server-state'
import { startCoreHarness, type CoreHarness } from './core-harness'

// When TokenDesk has used the server's request window up, what waits for room is said, not left to look
// like a stuck "sending": the server's state carries when room is expected, "Save" answers at once
// instead of after its 15 s, and the state is cleared once the waiting requests went out. Real core,
// real sandbox; a small window so the wait is a few seconds.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const heldStates = (h: CoreHarness, profileId: string) =>
  h.events
    .filter((e) => e.event === 'servers.changed')
    .map((e) => e.payload as ServerState)
    .filter((state) => state.profileId === profileId)
    .map((state) => state.heldUntil)

it('says how long requests wait for the server’s window, answers Save at once, and clears it after', async () => {
  // The sandbox limits as the server would: had TokenDesk not waited, the sixth request would get a 429.
  harness = await startCoreHarness({ rateLimits: { global: { requests: 5, windowSeconds: 3 } } })
  const h = harness
  const { id: profileId } = await h.addSandboxProfile()
  // 5 per 3 s: TokenDesk keeps to 4 per 3.25 s (a reserve for the user's browser and a guard).
  await h.value('profiles.setPacing', { id: profileId, pacing: { requests: 5, windowSeconds: 3 } })
  const row = h.sandbox.control.tokens().find((t) => t.status === 1)!
  // Let the requests of adding the server leave the window, then use it up with reads.
  await new Promise((resolve) => setTimeout(resolve, 3_500))
  for (let i = 0; i < 4; i += 1) await h.value('tokens.get', { profileId, id: row.id })
  const filled = Date.now()

  const saved = await h.edit(profileId, row.id, { changes: { name: 'held then sent' } })
  const answeredAfter = Date.now() - filled
  expect(saved).toMatchObject({ ok: true, value: { outcome: 'syncing' } })
  // Answered when the hold was known (well before room came, and long before Save's own 15 s).
  expect(answeredAfter).toBeLessThan(2_500)
  const state = (await h.value<ServerState[]>('servers.states')).find((s) => s.profileId === profileId)!
  expect(state.heldUntil).toBeGreaterThan(Date.now())
  expect(state.heldUntil! - filled).toBeLessThan(3_500)

  // Room comes, the edit goes out by itself, and the hold is taken back.
  await expect
    .poll(() => h.sandbox.control.tokens().find((t) => t.id === row.id)!.name, { timeout: 8_000 })
    .toBe('held then sent')
  await expect.poll(() => heldStates(h, profileId).at(-1), { timeout: 2_000 }).toBeNull()
  expect(heldStates(h, profileId).some((until) => until !== null)).toBe(true)
  const after = (await h.value<ServerState[]>('servers.states')).find((s) => s.profileId === profileId)!
  expect(after).toMatchObject({ heldUntil: null, unsynced: 0 })
  expect((saved as { value: SaveOutcome }).value.draft).not.toBeNull()
  // Kept to the window: the server never refused (a 429 would have made the server "rate limited").
  const reaches = h.events
    .filter((e) => e.event === 'servers.changed')
    .map((e) => (e.payload as ServerState).reach.state)
  expect(reaches).not.toContain('rate-limited')
})
