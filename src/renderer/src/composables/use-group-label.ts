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
  // A screenful of rows names the same few groups over and over, on every sort and filter: each name
  // is worked out once for the user's group and language it was read with.
  let names = new Map<string, string>()
  let readWith = ''
  return (group: string | null | undefined) => {
    const key = `${locale.value}\u0000${userGroup.value ?? ''}`
    if (key !== readWith) {
      names = new Map()
      readWith = key
    }
    let name = names.get(group ?? '')
    if (name === undefined) {
      name = groupLabel(group, userGroup.value, t, locale.value)
      names.set(group ?? '', name)
    }
    return name
  }
}
