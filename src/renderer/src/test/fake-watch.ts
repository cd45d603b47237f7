import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { ChannelName, EventName } from '@shared/contract/channel-names'
import type { EventPayload } from '@shared/contract/contract'
import type { WatchState } from '@shared/contract/watch-contract'
import type { Profile } from '@shared/domain/profile'
import type { Token } from '@shared/domain/token'
import { watchList } from '@shared/domain/watch-rule'
import { watchSettingsOf } from '@shared/domain/watch-settings'
import { ok, type AppErrorData } from '@shared/result'

// The Watch as main answers it, computed with the real rule from the fake's tokens (every token known
// counts as read). `announce` plays main's events: the state after a change, and an attention call.

interface FakeWatchDeps {
  profiles: Profile[]
  tokens: Record<string, Token[]>
  record: (channel: ChannelName, input: unknown) => AppErrorData | undefined
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
}

export function createFakeWatch({ profiles, tokens, record, emit }: FakeWatchDeps) {
  const stateOf = (profileId: string): WatchState => {
    const profile = profiles.find((p) => p.id === profileId)
    const settings = watchSettingsOf(profile?.watch ?? null, profile?.server ?? { quotaPerUnit: 500_000 })
    const rows = tokens[profileId]
    return {
      profileId,
      settings,
      custom: (profile?.watch ?? null) !== null,
      entries: watchList(rows ?? [], settings, Math.floor(Date.now() / 1000)),
      checkedAt: rows ? Date.now() : null,
    }
  }
  const api: Pick<TokenDeskApi, 'watch'> = {
    watch: {
      list: async (input) => {
        const f = record('watch.list', input)
        return f ? { ok: false, error: f } : ok(stateOf(input.profileId))
      },
      counts: async (input) => {
        const f = record('watch.counts', input)
        if (f) return { ok: false, error: f }
        const servers = profiles.map((p) => ({ profileId: p.id, count: stateOf(p.id).entries.length }))
        return ok({ total: servers.reduce((sum, s) => sum + s.count, 0), servers })
      },
    },
  }
  /** Main looked again (the tokens or thresholds changed): the new state goes out. */
  const announce = (profileId: string) => emit('watch.changed', stateOf(profileId))
  return { api, announce }
}
