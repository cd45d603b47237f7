import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Command } from '@renderer/components/command-palette.vue'
import { useNavigationStore, type Section } from '@renderer/stores/navigation'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useAppFolders } from './use-app-folders'

// What the command palette offers on every screen: the other sections, the other servers, and the app's
// folders — the same functions the header and the menu call.

const SECTIONS: readonly Section[] = ['tokens', 'outbox', 'watch', 'servers']

export function useShellCommands() {
  const { t } = useI18n()
  const profiles = useProfilesStore()
  const navigation = useNavigationStore()
  const folders = useAppFolders()

  return computed<Command[]>(() => {
    const group = (name: string) => t(`palette.groups.${name}`)
    const list: Command[] = []
    for (const profile of profiles.profiles)
      if (profile.id !== profiles.activeId)
        list.push({
          id: `server-${profile.id}`,
          group: group('server'),
          label: t('palette.switchTo', { name: profile.name }),
          run: () => void profiles.select(profile.id),
        })
    for (const section of SECTIONS)
      if (section !== navigation.section)
        list.push({
          id: `go-${section}`,
          group: group('go'),
          label: t(`app.nav.${section}`),
          run: () => navigation.go(section),
        })
    list.push(
      {
        id: 'open-data-folder',
        group: group('app'),
        label: t('folders.openData'),
        run: () => void folders.open('data'),
      },
      {
        id: 'open-logs-folder',
        group: group('app'),
        label: t('folders.openLogs'),
        run: () => void folders.open('logs'),
      },
    )
    return list
  })
}
