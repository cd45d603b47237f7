import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { groupLabel } from '@renderer/lib/group-label'
import { useCatalogStore } from '@renderer/stores/catalog'
import { useProfilesStore } from '@renderer/stores/profiles'

// The one name of a token's group on the active server, as the editor shows it: the user's own group
// named with the group itself once the editor has read the server's groups, never a bare "".

export function useGroupLabel() {
  const { t, locale } = useI18n()
  const catalog = useCatalogStore()
  const profiles = useProfilesStore()
  const userGroup = computed(() =>
    profiles.activeId ? (catalog.groupsOf(profiles.activeId).value?.userGroup ?? null) : null,
  )
  return (group: string | null | undefined) => groupLabel(group, userGroup.value, t, locale.value)
}
