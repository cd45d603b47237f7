import type { ChannelOutput } from '@shared/contract/contract'
import type { ServerState } from '@shared/domain/server-state'
import type { Profile } from '@shared/domain/profile'
import type { CoreHostApi } from '../core/core-types'

// "Sync Now" of the menu, tray and dock: what each server's Outbox "send all" does, for every server with
// drafts — through the same contract calls the window makes, so there is one way to send. A production
// server is left out: nothing goes to one until the user has looked at its outbox and pushed from there.

export function syncTargets(
  profiles: readonly Pick<Profile, 'id' | 'production'>[],
  states: readonly Pick<ServerState, 'profileId' | 'unsynced'>[],
): string[] {
  const waiting = new Set(states.filter((state) => state.unsynced > 0).map((state) => state.profileId))
  return profiles.filter((profile) => !profile.production && waiting.has(profile.id)).map((p) => p.id)
}

export interface SyncNowReport {
  sent: string[]
  /** Servers whose send was refused at once (the code says why); the outbox shows the rest. */
  failed: { profileId: string; code: string }[]
}

export async function syncNow(core: CoreHostApi): Promise<SyncNowReport> {
  const profiles = await core.dispatch('profiles.list', undefined)
  const states = await core.dispatch('servers.states', undefined)
  if (!profiles.ok || !states.ok) return { sent: [], failed: [] }
  const targets = syncTargets(
    (profiles.value as ChannelOutput<'profiles.list'>).profiles,
    states.value as ChannelOutput<'servers.states'>,
  )
  const report: SyncNowReport = { sent: [], failed: [] }
  await Promise.all(
    targets.map(async (profileId) => {
      const result = await core.dispatch('drafts.sync', { profileId, draftId: null })
      if (result.ok) report.sent.push(profileId)
      else report.failed.push({ profileId, code: result.error.code })
    }),
  )
  return report
}
