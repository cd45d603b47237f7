import { ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { GroupCatalog, GroupModels } from '@shared/domain/group-catalog'
import { normalizeNameList } from '@shared/domain/name-list'
import type { AppErrorData } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'

// Mirrors what main knows of each server's catalog (groups, the user's own group, Auto order, models per
// group) for the token editor. Main keeps it for the session and answers the last one when the server
// cannot be reached; what never arrived is an error here, and the editor then takes typed names. Only
// the editor's lazily loaded parts use this store. Whether a server takes several groups per token is
// its saved setting: a change in Edit server reaches the editor without reading the server again.

export interface Loaded<T> {
  value: T | null
  loading: boolean
  error: AppErrorData | null
}

const empty = <T>(): Loaded<T> => ({ value: null, loading: false, error: null })

export const useCatalogStore = defineStore('catalog', () => {
  const api = useBridge()
  const groups = ref<Record<string, Loaded<GroupCatalog>>>({})
  const models = ref<Record<string, Loaded<GroupModels>>>({})
  const modelsKey = (profileId: string, group: string) => `${profileId}\n${normalizeNameList(group)}`

  const profiles = useProfilesStore()
  watch(
    () => profiles.profiles.map((profile) => [profile.id, profile.multiGroup] as const),
    (settings) => {
      for (const [profileId, multiGroup] of settings) {
        const known = groups.value[profileId]?.value
        if (known && known.multiGroup !== multiGroup) known.multiGroup = multiGroup
      }
    },
  )

  function groupsOf(profileId: string): Loaded<GroupCatalog> {
    return groups.value[profileId] ?? empty()
  }

  function modelsOf(profileId: string, group: string): Loaded<GroupModels> {
    return models.value[modelsKey(profileId, group)] ?? empty()
  }

  async function loadGroups(profileId: string, refresh = false): Promise<void> {
    const known = groupsOf(profileId)
    if (known.loading || (known.value && !refresh)) return
    groups.value[profileId] = { ...known, loading: true }
    const result = await api.catalog.groups({ profileId, ...(refresh ? { refresh } : {}) })
    groups.value[profileId] = result.ok
      ? { value: result.value, loading: false, error: result.value.error }
      : { value: known.value, loading: false, error: result.error }
  }

  async function loadModels(profileId: string, group: string, refresh = false): Promise<void> {
    const key = modelsKey(profileId, group)
    const known = modelsOf(profileId, group)
    if (known.loading || (known.value && !refresh)) return
    models.value[key] = { ...known, loading: true }
    const result = await api.catalog.models({
      profileId,
      group: normalizeNameList(group),
      ...(refresh ? { refresh } : {}),
    })
    models.value[key] = result.ok
      ? { value: result.value, loading: false, error: result.value.error }
      : { value: known.value, loading: false, error: result.error }
  }

  /** Reads the server again: its groups and the models of `group`. */
  async function refresh(profileId: string, group: string): Promise<void> {
    await loadGroups(profileId, true)
    await loadModels(profileId, group, true)
  }

  return { groupsOf, modelsOf, loadGroups, loadModels, refresh }
})
