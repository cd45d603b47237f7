import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { ChannelName } from '@shared/contract/channel-names'
import type { CatalogGroup } from '@shared/domain/group-catalog'
import { splitNameList } from '@shared/domain/name-list'
import { fail, ok, type AppErrorData } from '@shared/result'

// The catalog calls of the fake bridge (fake-api.ts): one server's groups, its user's own group, the Auto
// order and each group's models — like main, '' asks for the user's own group and several groups answer
// every model any of them offers. `offline` makes the calls fail the way main does with nothing kept.

export interface FakeCatalogSeed {
  groups: CatalogGroup[]
  userGroup: string | null
  autoGroups: { groups: string[]; maxCount: number } | null
  multiGroup: boolean
  crossGroupRetry: boolean
  /** Models per group name. */
  models: Record<string, string[]>
}

export const DEFAULT_FAKE_CATALOG: FakeCatalogSeed = {
  groups: [
    { name: 'default', ratio: 1, description: 'Default group' },
    { name: 'vip', ratio: 0.8, description: 'VIP group' },
    { name: 'auto', ratio: 'auto', description: 'Falls back across groups' },
  ],
  userGroup: 'default',
  autoGroups: { groups: ['vip', 'default'], maxCount: 3 },
  multiGroup: false,
  crossGroupRetry: true,
  models: {
    default: ['gpt-4o-mini', 'gpt-4o'],
    vip: ['gpt-4o', 'claude-3-5-sonnet', 'o3-mini'],
    auto: ['gpt-4o-mini', 'gpt-4o', 'claude-3-5-sonnet', 'o3-mini'],
  },
}

export interface FakeCatalogDeps {
  seed: FakeCatalogSeed
  network: { offline: boolean }
  record: (channel: ChannelName, input: unknown) => AppErrorData | undefined
}

export function createFakeCatalog(deps: FakeCatalogDeps): TokenDeskApi['catalog'] {
  const offline = () => fail('offline', 'connect ECONNREFUSED')
  return {
    groups: async (input) => {
      const f = deps.record('catalog.groups', input)
      if (f) return { ok: false, error: f }
      if (deps.network.offline) return offline()
      const { groups, userGroup, autoGroups, multiGroup, crossGroupRetry } = deps.seed
      return ok({
        profileId: input.profileId,
        groups: structuredClone(groups),
        userGroup,
        autoGroups: structuredClone(autoGroups),
        multiGroup,
        crossGroupRetry,
        fetchedAt: Date.now(),
        source: 'server' as const,
        error: null,
      })
    },
    models: async (input) => {
      const f = deps.record('catalog.models', input)
      if (f) return { ok: false, error: f }
      if (deps.network.offline) return offline()
      const names = splitNameList(input.group)
      const asked = names.length > 0 ? names : [deps.seed.userGroup ?? '']
      const models = [...new Set(asked.flatMap((name) => deps.seed.models[name] ?? []))].sort()
      return ok({
        profileId: input.profileId,
        group: input.group,
        models,
        fetchedAt: Date.now(),
        source: 'server' as const,
        error: null,
      })
    },
  }
}
