import { computed, watch, type Ref } from 'vue'
import { useCatalogStore } from '@renderer/stores/catalog'

// The server catalog one token editor works with: the groups (asked when the editor opens) and the models
// of the group the form has selected (asked again whenever the selection changes). The groups go first:
// main needs the user's own group to answer the models of the empty group. Without a server (a template
// edited with none saved yet) there is no catalog, and groups and models are typed.

export function useTokenCatalog(profileId: Ref<string | null>, group: Ref<string>) {
  const store = useCatalogStore()
  const groups = computed(() => (profileId.value === null ? null : store.groupsOf(profileId.value)))
  const models = computed(() =>
    profileId.value === null ? null : store.modelsOf(profileId.value, group.value),
  )

  watch(
    [profileId, group],
    async ([id, selected]) => {
      if (id === null) return
      await store.loadGroups(id)
      await store.loadModels(id, selected)
    },
    { immediate: true },
  )

  return {
    /** null until read, and when the server could not be read and nothing is known. */
    catalog: computed(() => groups.value?.value ?? null),
    /** Why the groups shown are not fresh from the server (or missing). */
    groupsError: computed(() => groups.value?.error ?? null),
    /** The models of the selected group; null while unknown. */
    offered: computed(() => models.value?.value?.models ?? null),
    modelsLoading: computed(() => (models.value?.loading ?? false) || (groups.value?.loading ?? false)),
    modelsError: computed(() => models.value?.error ?? null),
    refresh: () => {
      if (profileId.value !== null) void store.refresh(profileId.value, group.value)
    },
  }
}
