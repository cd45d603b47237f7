import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { groupLabel } from '@renderer/lib/group-label'
import { useCatalogStore } from '@renderer/stores/catalog'
import { useProfilesStore } from '@renderer/stores/profiles'

// The one name of a token's group on the active server, as the editor shows it: the user's own group
// named with the group itself once the editor has read the server's groups, never a bare "".

/** The user's own group on the active server, once the server's groups were read; null before. */
export function useUserGroup() {
  const catalog = useCatalogStore()
  const profiles = useProfilesStore()
  return computed(() =>
    profiles.activeId ? (catalog.groupsOf(profiles.activeId).value?.userGroup ?? null) : null,
  )
}

export function useGroupLabel() {
  const { t, locale } = useI18n()
  const userGroup = useUserGroup()
  return (group: string | null | undefined) => groupLabel(group, userGroup.value, t, locale.value)
}
