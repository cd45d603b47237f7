import { h, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { NButton, useNotification } from 'naive-ui'
import { useKeyActions } from './use-key-actions'

// A token is made to be handed out: the notice that it was created offers its key at once. Otherwise
// that took finding the new row and opening its key menu. Copying reveals the key as the key menu does
// (one of the server's few reveals); nothing is revealed unless asked for.

export interface CreatedToken {
  profileId: string
  id: number
  name: string
}

export function useCreatedNotice(): (token: CreatedToken) => void {
  const { t } = useI18n()
  const notification = useNotification()
  const profileId = ref('')
  const keys = useKeyActions(profileId)

  return (token) => {
    const notice = notification.success({
      title: t('editor.created', { name: token.name || t('tokens.unnamed') }),
      duration: 10_000,
      keepAliveOnHover: true,
      action: () =>
        h(
          NButton,
          {
            size: 'small',
            onClick: () => {
              notice.destroy()
              profileId.value = token.profileId
              void keys.copyKeys([{ id: token.id, name: token.name }])
            },
          },
          () => t('keys.copyKey'),
        ),
    })
  }
}
