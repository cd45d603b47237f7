import { afterEach, expect, it } from 'vitest'
import type { ServerState } from '../../src/shared/domain/server-state'
import { startCoreHarness, type CoreHarness } from './core-harness'

// A server stricter than the limit TokenDesk keeps to for it refuses (429) long before that limit: the
// server's state says after how many requests, so the user can be offered that as the server's limit; a
// limit set since makes it moot. Real core, real sandbox limiting 5 requests per 3 s.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const stateOf = async (h: CoreHarness, profileId: string) =>
  (await h.value<ServerState[]>('servers.states')).find((s) => s.profileId === profileId)!

it('notes a refusal earlier than the kept limit, and forgets it once another limit is set', async () => {
  harness = await startCoreHarness({ rateLimits: { global: { requests: 5, windowSeconds: 3 } } })
  const h = harness
  const { id: profileId } = await h.addSandboxProfile()
  const row = h.sandbox.control.tokens().find((t) => t.status === 1)!
  expect((await stateOf(h, profileId)).refusedEarly).toBeNull()
  await new Promise((resolve) => setTimeout(resolve, 3_500))

  // TokenDesk keeps to new-api's default (360 per 180 s): the sixth read in 3 s is refused.
  await Promise.allSettled(Array.from({ length: 7 }, () => h.call('tokens.get', { profileId, id: row.id })))
  const noted = (await stateOf(h, profileId)).refusedEarly
  expect(noted).toMatchObject({ limit: 360, windowSeconds: 180 })
  // No more than the server let through (a limit set to it keeps to the server's), and not nothing.
  expect(noted!.admitted).toBeGreaterThan(0)
  expect(noted!.admitted).toBeLessThanOrEqual(5)

  // Its own limit, from the send times and Retry-After: no more than 5 requests, in a window of about
  // 3 s (Retry-After is whole seconds), not TokenDesk's 180 s.
  expect(noted!.suggested.requests).toBeGreaterThan(0)
  expect(noted!.suggested.requests).toBeLessThanOrEqual(5)
  expect(noted!.suggested.windowSeconds).toBeGreaterThanOrEqual(3)
  expect(noted!.suggested.windowSeconds).toBeLessThanOrEqual(5)

  // The user sets the server's limit: the early refusal no longer applies.
  await h.value('profiles.setPacing', { id: profileId, pacing: noted!.suggested })
  expect((await stateOf(h, profileId)).refusedEarly).toBeNull()
})
