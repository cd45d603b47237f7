import { h, onScopeDispose } from 'vue'
import { useI18n } from 'vue-i18n'
import { NButton, useNotification } from 'naive-ui'
import type { DraftState } from '@shared/domain/draft'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useNavigationStore } from '@renderer/stores/navigation'

// A draft that stops for the user (a conflict, a refusal) says so once, wherever the user is, with the
// way to the outbox — it may have been sent long after it was saved.

const STOPPED: ReadonlySet<DraftState> = new Set(['conflict', 'failed'])

export function useDraftAlerts(): void {
  const api = useBridge()
  const { t } = useI18n()
  const notification = useNotification()
  const navigation = useNavigationStore()
  const known = new Map<string, DraftState>()

  onScopeDispose(
    api.on('drafts.changed', (event) => {
      for (const id of event.removedIds) known.delete(id)
      for (const draft of event.drafts) {
        const before = known.get(draft.id)
        known.set(draft.id, draft.state)
        if (!STOPPED.has(draft.state) || before === draft.state) continue
        const name = (draft.changes.name ?? draft.base?.name ?? '') || t('tokens.unnamed')
        const alert = notification.warning({
          title: t(draft.state === 'conflict' ? 'alerts.conflictTitle' : 'alerts.failedTitle', { name }),
          content: t(draft.state === 'conflict' ? 'alerts.conflictBody' : 'alerts.failedBody'),
          duration: 10_000,
          action: () =>
            h(
              NButton,
              {
                size: 'small',
                onClick: () => {
                  navigation.go('outbox')
                  alert.destroy()
                },
              },
              () => t('editor.openOutbox'),
            ),
        })
      }
    }),
  )
}
