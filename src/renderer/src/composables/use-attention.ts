import { onScopeDispose } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Attention } from '@shared/contract/watch-contract'
import { attentionText } from '@renderer/lib/attention-text'
import { mergeWatchAttention, type WatchAttention } from '@renderer/lib/merge-attention'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useNavigationStore, type Section } from '@renderer/stores/navigation'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useServersStore } from '@renderer/stores/servers'
import { useActionNotice, type ShownNotice } from './use-action-notice'

// Main's attention calls (`app.attention`: a sync failed or needs a decision, tokens entered the Watch),
// each decided once by main. With the window in the background they become an OS notification through
// the Web Notification API — a native one in Electron, the browser's in the browser host — whose click
// brings the window forward on the right server's Outbox or Watch. With the window in front, the user
// is looking: the in-app toasts say it (drafts already have theirs, use-draft-alerts.ts; the Watch's is
// here) and an OS notification on top would only repeat it. The "Notifications" setting silences both
// the OS notifications and the Watch's toast.

const sectionOf = (attention: Attention): Section => (attention.kind === 'watch' ? 'watch' : 'outbox')

/** Whether the user is looking at the window now. */
export function windowInFront(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus()
}

/** Whether this page may show OS notifications now (the browser host asks for it first). */
export function osNotificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted'
}

export function useAttention(): void {
  const api = useBridge()
  const { t } = useI18n()
  const notice = useActionNotice()
  const navigation = useNavigationStore()
  const profiles = useProfilesStore()
  const servers = useServersStore()

  async function open(attention: Attention): Promise<void> {
    window.focus()
    if (attention.profileId !== profiles.activeId && !(await profiles.select(attention.profileId)).ok) return
    navigation.go(sectionOf(attention))
  }

  /** Each server's Watch notice on screen, and what it says: the next one takes it in. */
  const watchNotices = new Map<string, { attention: WatchAttention; notice: ShownNotice }>()

  function inApp(attention: Attention): void {
    // Stopped drafts have their own toast (use-draft-alerts.ts).
    if (attention.kind !== 'watch') return
    const earlier = watchNotices.get(attention.profileId)
    const merged = earlier?.notice.shown() ? mergeWatchAttention(earlier.attention, attention) : attention
    earlier?.notice.close()
    const text = attentionText(merged, t)
    const shown = notice({
      type: 'info',
      title: text.title,
      content: text.body,
      action: t('app.nav.watch'),
      run: () => void open(merged),
    })
    watchNotices.set(attention.profileId, { attention: merged, notice: shown })
  }

  function onOs(attention: Attention): void {
    const text = attentionText(attention, t)
    // One notification per server and kind on screen: a newer one replaces the older (same tag).
    const shown = new Notification(text.title, {
      body: text.body,
      tag: `${attention.kind}:${attention.profileId}`,
    })
    shown.onclick = () => {
      shown.close()
      void open(attention)
    }
  }

  onScopeDispose(
    api.on('app.attention', (attention) => {
      if (!servers.settings.notifications) return
      if (windowInFront() || !osNotificationsAllowed()) inApp(attention)
      else onOs(attention)
    }),
  )
}
