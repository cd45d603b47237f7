import type { GroupCatalog, GroupModels } from '@shared/domain/group-catalog'
import { splitNameList } from '@shared/domain/name-list'
import { AppError } from '@shared/result'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { ProfileStore } from '../profiles/profile-store'
import type { TokenCache } from './token-cache'

// What a server offers the token editor (shared/domain/group-catalog.ts), read through the server's one
// paced client like every other call, and kept in memory for the session: the editor opens often, and
// groups and models change rarely — "refresh" reads again. When the server cannot be reached, what it
// said earlier in the session is answered with the reason; with nothing read yet, the failure goes to
// the editor, which then lets the user type names freely. Nothing here is written to disk: a catalog
// is cheap to read again and a stale one on disk would outlive the admin's changes.

/** A fork's token field that lists the token's groups: a server whose tokens carry it takes several. */
const GROUP_LIST_FIELD = 'selected_groups'

interface Kept<T> {
  value: T
  fetchedAt: number
}

export interface CatalogServiceDeps {
  profiles: ProfileStore
  gateways: GatewayRegistry
  cache: TokenCache
  now: () => number
  /** Told when the catalog changed a saved server (it turned "several groups" on). */
  onProfileChanged: () => void
}

export class CatalogService {
  /** What the server said; whether it takes several groups is the profile's setting, read when asked. */
  private readonly groups = new Map<
    string,
    Kept<Omit<GroupCatalog, 'fetchedAt' | 'source' | 'error' | 'multiGroup'>>
  >()
  /** Per server, per single group ('' = asked without a group). */
  private readonly models = new Map<string, Map<string, Kept<string[]>>>()

  constructor(private readonly deps: CatalogServiceDeps) {}

  async groupsOf(profileId: string, refresh = false): Promise<GroupCatalog> {
    const profile = this.deps.profiles.require(profileId)
    const kept = this.groups.get(profileId)
    const multiGroup = () => this.deps.profiles.find(profileId)?.multiGroup ?? profile.multiGroup
    if (kept && !refresh)
      return {
        ...kept.value,
        multiGroup: multiGroup(),
        fetchedAt: kept.fetchedAt,
        source: 'server',
        error: null,
      }
    const client = this.deps.gateways.client(profileId)
    try {
      // Three small reads, side by side through the same pacer.
      const [groups, self, autoGroups] = await Promise.all([
        client.userGroups(),
        client.userSelf(),
        client.autoGroups(),
      ])
      const rows = (await this.deps.cache.read(profileId)).tokens
      const value = {
        profileId,
        groups,
        userGroup: self.group || null,
        autoGroups,
        // Auto orders came after cross-group retry; an older server shows it by the field on its tokens.
        crossGroupRetry:
          autoGroups !== null ||
          profile.features?.autoGroups === true ||
          rows.some((token) => 'cross_group_retry' in token),
      }
      const fetchedAt = this.deps.now()
      this.groups.set(profileId, { value, fetchedAt })
      return { ...value, multiGroup: multiGroup(), fetchedAt, source: 'server', error: null }
    } catch (error) {
      if (!kept || !(error instanceof AppError)) throw error
      const value = { ...kept.value, multiGroup: multiGroup() }
      return { ...value, fetchedAt: kept.fetchedAt, source: 'memory', error: error.toData() }
    }
  }

  /**
   * Whether the server's tokens (as last listed) list their groups: then it takes several. The first time
   * TokenDesk sees it, it turns the server's "several groups" setting on (saved, so Edit server shows
   * what the editor offers); a user who turns it off afterwards is obeyed. Looked at after every listing
   * (create-core.ts), which is where new rows come from; the catalog answers the saved setting.
   */
  async noticeGroupList(profileId: string): Promise<void> {
    if (this.deps.profiles.find(profileId)?.groupListSeen !== false) return
    const rows = (await this.deps.cache.read(profileId)).tokens
    if (!rows.some((token) => GROUP_LIST_FIELD in token)) return
    await this.deps.profiles.update((draft) => {
      const saved = draft.profiles.find((candidate) => candidate.id === profileId)
      if (saved && !saved.groupListSeen) Object.assign(saved, { groupListSeen: true, multiGroup: true })
    })
    this.deps.onProfileChanged()
  }

  /**
   * Models of `group`: '' is the user's own group (asked by its name once known), several groups are
   * asked one by one (the server knows single groups only) and their models put together.
   */
  async modelsOf(profileId: string, group: string, refresh = false): Promise<GroupModels> {
    this.deps.profiles.require(profileId)
    const own = this.groups.get(profileId)?.value.userGroup ?? ''
    const names = splitNameList(group)
    const asked = names.length > 0 ? [...new Set(names)] : [own]
    const parts = await Promise.all(asked.map((name) => this.modelsOfOne(profileId, name, refresh)))
    const models = [...new Set(parts.flatMap((part) => part.value))].sort((a, b) => a.localeCompare(b, 'en'))
    const failure = parts.find((part) => part.failure !== null)?.failure ?? null
    return {
      profileId,
      group,
      models,
      fetchedAt: Math.min(...parts.map((part) => part.fetchedAt)),
      source: failure ? 'memory' : 'server',
      error: failure?.toData() ?? null,
    }
  }

  /** The server's limit on a token's own Auto order, once its catalog was read this session. */
  autoGroupLimit(profileId: string): number | undefined {
    return this.groups.get(profileId)?.value.autoGroups?.maxCount
  }

  /** Forgets what a server said (it was removed, or now points elsewhere). */
  forget(profileId: string): void {
    this.groups.delete(profileId)
    this.models.delete(profileId)
  }

  /** One group's models; what was read earlier (with the failure) when the server cannot answer now. */
  private async modelsOfOne(
    profileId: string,
    group: string,
    refresh: boolean,
  ): Promise<Kept<string[]> & { failure: AppError | null }> {
    let byGroup = this.models.get(profileId)
    if (!byGroup) {
      byGroup = new Map()
      this.models.set(profileId, byGroup)
    }
    const kept = byGroup.get(group)
    if (kept && !refresh) return { ...kept, failure: null }
    try {
      const models = await this.deps.gateways.client(profileId).userModels(group || undefined)
      const entry = { value: models, fetchedAt: this.deps.now() }
      byGroup.set(group, entry)
      return { ...entry, failure: null }
    } catch (error) {
      if (kept && error instanceof AppError) return { ...kept, failure: error }
      throw error
    }
  }
}
