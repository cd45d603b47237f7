import type { ChannelOutput } from '@shared/contract/contract'
import type { ServerState } from '@shared/domain/server-state'
import type { Profile } from '@shared/domain/profile'
import type { CoreHostApi } from '../core/core-types'
import type { NativeLocale, Translate } from './native-text/native-text'

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
  failed: { profileId: string; name: string; code: string }[]
}

/**
 * What the user is told after Sync Now, which they may have chosen from the tray with no window open:
 * nothing when every server took its drafts (the tray's count goes down), the servers that refused
 * otherwise, with where to see why.
 */
export function syncNowNotice(
  report: SyncNowReport,
  t: Translate,
  locale: NativeLocale,
): { title: string; body: string } | null {
  if (report.failed.length === 0) return null
  // “Main” and “Backup” / “Main”和“Backup”: the names quoted, listed as the language lists.
  const servers = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    report.failed.map((failure) => `“${failure.name}”`),
  )
  return {
    title: t('syncNow.refusedTitle', { count: report.failed.length }),
    body: t('syncNow.refused', { servers, count: report.failed.length }),
  }
}

export async function syncNow(core: CoreHostApi): Promise<SyncNowReport> {
  const profiles = await core.dispatch('profiles.list', undefined)
  const states = await core.dispatch('servers.states', undefined)
  if (!profiles.ok || !states.ok) return { sent: [], failed: [] }
  const listed = (profiles.value as ChannelOutput<'profiles.list'>).profiles
  const targets = syncTargets(listed, states.value as ChannelOutput<'servers.states'>)
  const nameOf = (profileId: string) => listed.find((profile) => profile.id === profileId)?.name ?? profileId
  const report: SyncNowReport = { sent: [], failed: [] }
  await Promise.all(
    targets.map(async (profileId) => {
      const result = await core.dispatch('drafts.sync', { profileId, draftId: null })
      if (result.ok) report.sent.push(profileId)
      else report.failed.push({ profileId, name: nameOf(profileId), code: result.error.code })
    }),
  )
  return report
}
