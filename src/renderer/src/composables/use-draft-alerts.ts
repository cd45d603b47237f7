import { onScopeDispose } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import type { DraftState } from '@shared/domain/draft'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useNavigationStore } from '@renderer/stores/navigation'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useActionNotice } from './use-action-notice'

// A draft that stops for the user (a conflict, a refusal) says so once, wherever the user is, with the
// way to its server's outbox — it may have been sent long after it was saved, from any saved server.
// In that outbox itself, the draft's card shows it: a short line says so instead of a notice with a way
// to where the user already is (a notice there covered the very card it was about).

const STOPPED: ReadonlySet<DraftState> = new Set(['conflict', 'failed'])

export function useDraftAlerts(): void {
  const api = useBridge()
  const { t } = useI18n()
  const notice = useActionNotice()
  const message = useMessage()
  const navigation = useNavigationStore()
  const profiles = useProfilesStore()
  const known = new Map<string, DraftState>()

  async function openOutbox(profileId: string): Promise<void> {
    if (profileId !== profiles.activeId && !(await profiles.select(profileId)).ok) return
    navigation.go('outbox')
  }

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
        const title = t(draft.state === 'conflict' ? 'alerts.conflictTitle' : 'alerts.failedTitle', { name })
        const elsewhere = profileId !== profiles.activeId
        if (!elsewhere && navigation.section === 'outbox') {
          message.warning(t('alerts.seeBelow', { title }))
          continue
        }
        const body = t(draft.state === 'conflict' ? 'alerts.conflictBody' : 'alerts.failedBody')
        notice({
          type: 'warning',
          title,
          content: elsewhere ? `${t('alerts.onServer', { server })} ${body}` : body,
          action: t('editor.openOutbox'),
          run: () => void openOutbox(profileId),
        })
      }
    }),
  )
}
