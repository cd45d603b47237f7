import { h, onScopeDispose } from 'vue'
import { useI18n } from 'vue-i18n'
import { NButton, useNotification } from 'naive-ui'
import type { DraftState } from '@shared/domain/draft'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useNavigationStore } from '@renderer/stores/navigation'
import { useProfilesStore } from '@renderer/stores/profiles'

// A draft that stops for the user (a conflict, a refusal) says so once, wherever the user is, with the
// way to its server's outbox — it may have been sent long after it was saved, from any saved server.

const STOPPED: ReadonlySet<DraftState> = new Set(['conflict', 'failed'])

export function useDraftAlerts(): void {
  const api = useBridge()
  const { t } = useI18n()
  const notification = useNotification()
  const navigation = useNavigationStore()
  const profiles = useProfilesStore()
  const known = new Map<string, DraftState>()

  onScopeDispose(
    api.on('drafts.changed', (event) => {
      for (const id of event.removedIds) known.delete(id)
      for (const draft of event.drafts) {
        const before = known.get(draft.id)
        known.set(draft.id, draft.state)
        if (!STOPPED.has(draft.state) || before === draft.state) continue
        const name = (draft.changes.name ?? draft.base?.name ?? '') || t('tokens.unnamed')
        const profileId = event.profileId
        const server = profiles.profiles.find((profile) => profile.id === profileId)?.name
        // A removed server's drafts went with it: nothing to tell.
        if (server === undefined) continue
        const body = t(draft.state === 'conflict' ? 'alerts.conflictBody' : 'alerts.failedBody')
        const elsewhere = profileId !== profiles.activeId
        const alert = notification.warning({
          title: t(draft.state === 'conflict' ? 'alerts.conflictTitle' : 'alerts.failedTitle', { name }),
          content: elsewhere ? `${t('alerts.onServer', { server })} ${body}` : body,
          duration: 10_000,
          keepAliveOnHover: true,
          action: () =>
            h(
              NButton,
              {
                size: 'small',
                onClick: async () => {
                  alert.destroy()
                  if (profileId !== profiles.activeId && !(await profiles.select(profileId)).ok) return
                  navigation.go('outbox')
                },
              },
              () => t('editor.openOutbox'),
            ),
        })
      }
    }),
  )
}
